/**
 * How the report shows what the data-quality gate (core/validate/gate.ts) leaves out or flags:
 * « donnée à corriger » with its place where a figure would have been, a mark on what a warning
 * concerns, and the « Qualité des données » annex that lists every value left out.
 */
import type { Problem } from '../problems';
import { agree, plural } from '../typography';
import { placeOf, type QualityGate } from '../validate/gate';
import { formatCount } from './format';
import type { MeasurePlace } from './indicator-values';
import { type Block, paragraph, table } from './model';

/** Which edition renders the report: its wording names that edition's commands. */
export type Edition = 'google-sheets' | 'hors-ligne';

export const TO_CORRECT = 'donnée à corriger';

/** « donnée à corriger (Santé, ligne 5) ». */
export const toCorrect = (place: string): string => `${TO_CORRECT} (${place})`;

/** The mark of a value or row a warning concerns: it counts, to be checked. */
export const WARNING_MARK = '*';

/** The note under a table that shows the mark; `places` names the measures behind marked values. */
export const warningNote = (places: readonly string[] = []): Block =>
  paragraph(
    `${WARNING_MARK} Ligne ou valeur signalée par un avertissement du contrôle des données : elle est comptée, mais à vérifier (${
      places.length ? `${places.join(' ; ')} ; ` : ''
    }voir l’annexe « Qualité des données »).`,
    'note',
  );

/** How the reader gets the detail of the problems, in the words of the edition at hand. */
export function howToCheck(edition: Edition): string {
  return edition === 'hors-ligne'
    ? 'le détail figure dans la feuille Contrôles du classeur, que la commande « pilotage-cucs valider » met à jour'
    : 'le détail figure dans la feuille Contrôles, que le menu « Extensions › Pilotage CUCS › Valider les données » met à jour';
}

/** The rejected measures as the indicator rows look them up. */
export function rejectedValues(gate: QualityGate): MeasurePlace[] {
  return gate.rejectedMeasures.map((m) => ({
    indicator: m.indicator,
    year: m.year,
    territory: m.territory,
    place: placeOf(m),
  }));
}

/** The counted measures a warning concerns, as the indicator rows look them up to mark their values. */
export function warnedValues(gate: QualityGate): MeasurePlace[] {
  return gate.counted.measures
    .filter((m) => gate.warningsAt(m.sheet, m.row).length > 0)
    .map((m) => ({
      indicator: m.record.indicator,
      year: m.record.year,
      territory: m.record.territory,
      place: placeOf(m),
    }));
}

/** The « Qualité des données » annex: counts by sheet, then every value the figures leave out. */
export function qualityBlocks(problems: readonly Problem[], gate: QualityGate, edition: Edition): Block[] {
  if (problems.length === 0) {
    return [paragraph('Le contrôle des données n’a relevé aucun problème.')];
  }
  const bySheet = new Map<string, { erreur: number; avertissement: number }>();
  for (const p of problems) {
    const counts = bySheet.get(p.sheet) ?? { erreur: 0, avertissement: 0 };
    counts[p.severity] += 1;
    bySheet.set(p.sheet, counts);
  }
  const errors = problems.filter((p) => p.severity === 'erreur').length;
  const warnings = problems.length - errors;
  const blocks: Block[] = [
    paragraph(
      `Le contrôle des données a relevé ${plural(errors, 'erreur')} et ${plural(warnings, 'avertissement')} ; ${howToCheck(edition)}. Une valeur en erreur n’est comptée dans aucun total, taux, graphique ni appréciation de ce rapport : elle y figure comme « ${TO_CORRECT} ». Un avertissement n’écarte rien, mais ce qu’il concerne porte la marque ${WARNING_MARK}.`,
    ),
    table(
      ['Feuille', { header: 'Erreurs', align: 'right' }, { header: 'Avertissements', align: 'right' }],
      [...bySheet.entries()].map(([sheet, c]) => [
        sheet,
        formatCount(c.erreur),
        formatCount(c.avertissement),
      ]),
      ['Total', formatCount(errors), formatCount(warnings)],
    ),
  ];
  const left = gate.leftOut;
  if (left.length === 0) {
    blocks.push(
      paragraph(
        'Aucune valeur n’est écartée des chiffres : les erreurs relevées ne portent sur aucun d’eux.',
      ),
    );
    return blocks;
  }
  blocks.push(
    paragraph(
      `${agree(left.length, 'Donnée écartée', 'Données écartées')} des chiffres de ce rapport (${plural(left.length, 'valeur')}), à corriger dans le classeur :`,
    ),
    table(
      ['Emplacement', 'Colonne', 'Valeur', 'Motif'],
      left.map((p) => [placeOf(p), p.column ?? 'ligne entière', p.value || '(vide)', p.message]),
    ),
  );
  return blocks;
}
