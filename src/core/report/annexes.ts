/**
 * The annexes: data quality, the list of actions, actions and budget by territory, the method note.
 */
import type { Territory } from '../schemas';
import { METHOD_NOTES } from './achievement';
import { TERRITORY_RULE, territoryMatrix } from './aggregate';
import { amountCell, type Context, markedTable, type QualityInput, rejectedStatus, right } from './context';
import { howToCheck, qualityBlocks, TO_CORRECT, WARNING_MARK } from './corrections';
import { formatCount, formatEuros, percentText } from './format';
import { ADDITIVE_UNITS } from './indicator-values';
import { type Block, bullets, heading, paragraph, table } from './model';

/** The count-and-budget matrix, in the annexes: the fiches carry the territories' part. */
function territoriesPart(ctx: Context): Block[] {
  const rows = territoryMatrix(ctx.actions, ctx.data.territories, ctx.domains, ctx.scope);
  // A territory with nothing below it concerned is the matrix's one row: its fiche already says it.
  if (ctx.scope.kind === 'territory' && rows.length === 1 && rows[0]!.territory?.code === ctx.scope.code) {
    return [];
  }
  const blocks: Block[] = [
    heading(2, 'Actions et budget par territoire'),
    paragraph(`Nombre d’actions et budget prévu par territoire et par domaine. ${TERRITORY_RULE}`),
  ];
  if (rows.length === 0) {
    blocks.push(paragraph('Aucun territoire n’est concerné par les actions de ce périmètre.'));
    return blocks;
  }
  // One figure a cell, domains named in full: the tables read without a legend.
  const columns = (total: string) => [
    'Territoire',
    ...ctx.domains.map((d) => right(d.name)),
    ...(ctx.domains.length > 1 ? [right(total)] : []),
  ];
  const figures = (of: (c: { actions: number; budget: number }) => string) =>
    rows.map((r) => [
      territoryRowName(r.territory, r.unknownCode),
      ...ctx.domains.map((d) => of(r.byDomain.get(d.code)!)),
      ...(ctx.domains.length > 1 ? [of(r.total)] : []),
    ]);
  blocks.push(
    heading(3, 'Actions qui concernent chaque territoire'),
    table(
      columns('Toutes les actions'),
      figures((c) => formatCount(c.actions)),
    ),
    heading(3, 'Budget prévu des actions qui concernent chaque territoire (budget entier de chaque action)'),
    table(
      columns('Tous domaines'),
      figures((c) => (c.actions === 0 ? '—' : formatEuros(c.budget))),
    ),
  );
  return blocks;
}

function territoryRowName(t: Territory | null, unknownCode?: string): string {
  if (t) return `${t.name} (${t.level})`;
  return unknownCode ? `${unknownCode} (absent de la feuille Territoires)` : 'Sans territoire renseigné';
}

export function annexes(ctx: Context, quality: QualityInput): Block[] {
  return [
    heading(1, 'Annexes'),
    heading(2, 'Qualité des données'),
    ...qualityBlocks(quality.problems, ctx.gate, ctx.edition),
    // A short report's actions are all in its domains' parts: no list to repeat them.
    ...(ctx.layout === 'short' ? [] : [heading(2, 'Liste des actions'), ...actionListBlocks(ctx)]),
    ...territoriesPart(ctx),
    heading(2, 'Note de méthode'),
    bullets(methodNotes(ctx)),
  ];
}

function actionListBlocks(ctx: Context): Block[] {
  if (ctx.actions.length === 0 && ctx.rejected.length === 0)
    return [paragraph(`Aucune action n’est suivie pour ${ctx.year} dans ce périmètre.`)];
  return markedTable(
    [
      'ID',
      'Domaine',
      'Objectif',
      'Intitulé',
      'Porteur',
      'Statut',
      right('Budget prévu'),
      right('Crédits spécifiques'),
    ],
    [
      ...ctx.actions.map((a) => [
        a.id || '—',
        a.domain,
        a.objective || '—',
        ctx.gated.get(a)?.warnings.length ? `${a.title} ${WARNING_MARK}` : a.title,
        a.porteur,
        a.status || '—',
        amountCell(ctx, a, 'budget'),
        amountCell(ctx, a, 'credits'),
      ]),
      ...ctx.rejected.map((g) => [
        g.record.id || '—',
        g.record.domain,
        g.record.objective || '—',
        g.record.title,
        g.record.porteur,
        rejectedStatus(g),
        '—',
        '—',
      ]),
    ],
  );
}

function methodNotes(ctx: Context): string[] {
  const scopeRule =
    ctx.scope.kind === 'territory'
      ? 'Valeur d’un indicateur pour un territoire : sa propre mesure, ou à défaut le cumul (nombres) ou la moyenne (taux) des mesures de ses sous-territoires. Sa référence est sa mesure de l’année de référence ; la cible est celle du contrat pour un taux, et pour un nombre la cible du contrat au prorata de la référence du territoire.'
      : `Valeur d’un indicateur pour le contrat : la mesure du territoire de niveau agglomération ; à défaut, le cumul (unités ${ADDITIVE_UNITS.join(', ')}) ou la moyenne (taux, %, jours) des mesures du niveau le plus large mesuré (communes, puis quartiers prioritaires, puis autres territoires). Le même niveau sert pour toutes les années d’un indicateur.`;
  return [
    `Actions de l’année ${ctx.year} : celles dont la période (date de début à date de fin) rencontre l’année ; une date manquante laisse la période ouverte de ce côté.`,
    'Montants : budget prévu, crédits spécifiques et cofinancements des actions de l’année, hors actions abandonnées. Les cofinancements sont la somme des colonnes « Financement … (€) ».',
    `Qualité des données : ce que le contrôle des données marque comme erreur n’est compté nulle part. Un montant en erreur est écarté seul ; toute autre erreur sur la ligne d’une action l’écarte entière (statut, dates, codes, ID) ; une mesure ou un indicateur en erreur est écarté, et la valeur qu’il aurait donnée n’est pas calculée à partir des autres territoires. Chacun figure comme « ${TO_CORRECT} » avec son emplacement et est listé dans l’annexe « Qualité des données » ; ${howToCheck(ctx.edition)}. Un avertissement n’écarte rien : ce qu’il concerne porte la marque ${WARNING_MARK}.`,
    `Territoires : ${TERRITORY_RULE.charAt(0).toLowerCase()}${TERRITORY_RULE.slice(1)} La synthèse d’un rapport par territoire suit la même règle.`,
    `Avancées et freins : les lignes « ${ctx.year} : … » des colonnes Avancées et Freins ; une ligne sans année n’est pas reprise.`,
    ...METHOD_NOTES,
    scopeRule,
    `Graphiques d’évolution des indicateurs : taux de réalisation de chaque année, de 0 % (valeur de référence) à ${percentText(1)} (cible) ; une valeur au-delà de la cible dépasse ${percentText(1)}.`,
  ];
}
