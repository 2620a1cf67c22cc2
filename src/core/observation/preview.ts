/** The import's preview in French lines: what the terminal prints and the dialog shows before writing. */
import { formatNumberFr } from '../cells';
import { plural } from '../typography';
import { type ImportPlan, importSummary, observationText, type PlannedValue, type Unknown } from './plan';

/** Lines shown of each list: the rest is counted, never silently cut. */
export const SHOWN = 12;

const valueLine = (v: PlannedValue) =>
  `${v.indicator} ${v.year} ${v.territory} : ${v.previous ? `${v.previous} → ` : ''}${observationText(v)} (${v.place})`;

function unknownLine(u: Unknown): string {
  const label = u.label ? ` (${u.label})` : '';
  const near = u.closest.length ? ` ; codes proches : ${u.closest.join(', ')}` : ' ; aucun code proche';
  return `« ${u.code} »${label} : ${plural(u.count, 'valeur')}${near}`;
}

function section(title: string, lines: string[]): string[] {
  if (lines.length === 0) return [];
  const more = lines.length > SHOWN ? [`  … et ${formatNumberFr(lines.length - SHOWN)} de plus`] : [];
  return [title, ...lines.slice(0, SHOWN).map((l) => `  ${l}`), ...more];
}

export function previewLines(plan: ImportPlan): string[] {
  return [
    `Fichier « ${plan.fileName} » (format ${plan.layout === 'wide' ? 'large, une colonne par variable' : 'long, une valeur par ligne'}) : ${importSummary(plan)}`,
    ...section(`Valeurs créées (${plan.created.length}) :`, plan.created.map(valueLine)),
    ...section(`Valeurs remplacées (${plan.replaced.length}) :`, plan.replaced.map(valueLine)),
    ...section(
      `Territoires inconnus (${plan.unknownTerritories.length}) — renseignez leur « Code officiel » dans la feuille Territoires :`,
      plan.unknownTerritories.map(unknownLine),
    ),
    ...section(
      `Variables sans indicateur (${plan.unknownVariables.length}) — associez-les à un indicateur de la feuille Indicateurs :`,
      plan.unknownVariables.map(unknownLine),
    ),
    ...section(
      `Valeurs ignorées (${plan.ignored.length}) :`,
      plan.ignored.map((i) => `${i.place} : ${i.reason}`),
    ),
    ...(plan.remembered.length
      ? [
          `Correspondances retenues dans la colonne « Variables sources » des Indicateurs : ${plan.remembered
            .map((r) => `${r.indicator} ← ${r.variables.join(' ; ')}`)
            .join(', ')}.`,
        ]
      : []),
    ...(plan.empty
      ? [`${plural(plan.empty, 'cellule vide', 'cellules vides')} du fichier : aucune valeur écrite.`]
      : []),
  ];
}
