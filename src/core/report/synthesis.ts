/**
 * The opening of the report: its title page, and the synthesis of the year (key figures, the domains
 * side by side, their budget and status charts).
 */
import { STATUSES } from '../referentiel';
import { agree, plural } from '../typography';
import { dataAsOf, domainSummaries, keyFigures, type StatusCounts } from './aggregate';
import { type Context, rejectedIndicatorsIn, right } from './context';
import { TO_CORRECT } from './corrections';
import { dateTimeFr, formatCount, formatEuros, isoToFr, shareText } from './format';
import type { IndicatorRow } from './indicator-values';
import {
  type Block,
  type Cell,
  type Chart,
  chart,
  heading,
  MARKS,
  paragraph,
  subtitle,
  table,
  title,
} from './model';

const STATUS_PLURALS: Record<(typeof STATUSES)[number], string> = {
  programmée: 'programmées',
  'en cours': 'en cours',
  réalisée: 'réalisées',
  reportée: 'reportées',
  abandonnée: 'abandonnées',
};

export function titlePage(ctx: Context, scopeLabel: string, at: Date): Block[] {
  const { settings } = ctx.data;
  const asOf = dataAsOf(ctx.data);
  const blocks = [
    title(settings.reportTitle),
    subtitle(`Rapport annuel ${ctx.year}`),
    paragraph(settings.contractName),
    paragraph(`Périmètre : ${scopeLabel}.`),
    paragraph(`Document généré le ${dateTimeFr(at)}.`),
    paragraph(
      asOf
        ? `Données à jour au ${isoToFr(asOf)} (dernière mise à jour enregistrée dans le classeur).`
        : 'Données : aucune date de mise à jour n’est enregistrée dans le classeur.',
    ),
  ];
  if (settings.author) blocks.push(paragraph(settings.author, 'note'));
  if (settings.fictional) {
    blocks.push(
      paragraph(
        'Données fictives : ce rapport est produit à partir d’un classeur de démonstration ; ses chiffres ne décrivent aucune réalité.',
        'warning',
      ),
    );
  }
  return blocks;
}

export function synthesis(ctx: Context): Block[] {
  const k = keyFigures(ctx.actions, ctx.data.territories, ctx.scope);
  const marks = countMarks(ctx.indicators);
  const short = ctx.layout === 'short';
  const figures: Cell[][] = [
    ['Actions suivies', formatCount(k.actions)],
    // A short report names only the statuses its few actions have.
    ...STATUSES.filter((s) => !short || k.byStatus[s] > 0).map((s) => [
      `dont ${STATUS_PLURALS[s]}`,
      formatCount(k.byStatus[s]),
    ]),
    ...(k.byStatus['statut non reconnu']
      ? [['dont statut non reconnu', formatCount(k.byStatus['statut non reconnu'])]]
      : []),
    ['Chantiers prioritaires', formatCount(k.chantiers)],
    ['Budget prévu (hors actions abandonnées)', formatEuros(k.budget)],
    ['Crédits spécifiques du contrat', formatEuros(k.credits)],
    ['Cofinancements', formatEuros(k.cofunding)],
    ['Actions associant les habitants', shareText(k.participation, k.actions)],
    [
      'Quartiers prioritaires concernés',
      k.quartiersOfScope.length === 0
        ? 'aucun quartier prioritaire dans la feuille Territoires'
        : `${shareText(k.quartiers.length, k.quartiersOfScope.length)}${
            k.quartiers.length ? ` : ${k.quartiers.map((q) => q.name).join(', ')}` : ''
          }`,
    ],
    ['Indicateurs suivis', indicatorsSummary(ctx.indicators.length, marks)],
    ...leftOutFigures(ctx),
  ];
  const blocks: Block[] = [
    heading(1, 'Synthèse'),
    paragraph(
      k.actions === 0
        ? `Aucune action n’est suivie pour ${ctx.year} dans ce périmètre.`
        : `En ${ctx.year}, ${plural(k.actions, 'action')} ${agree(k.actions, 'est suivie', 'sont suivies')} dans ce périmètre, pour un budget prévu de ${formatEuros(k.budget)}, dont ${formatEuros(k.credits)} de crédits spécifiques du contrat.`,
    ),
    table(['Chiffre clé', right('Valeur')], figures),
    heading(2, 'Par domaine d’intervention'),
  ];
  const summaries = domainSummaries(ctx.actions, ctx.domains);
  blocks.push(domainTable(summaries));
  if (k.actions === 0) {
    blocks.push(paragraph('Sans action, les graphiques de la synthèse ne sont pas produits.', 'note'));
    return blocks;
  }
  const names = summaries.map((s) => s.domain.name);
  blocks.push(chart(budgetChart(names, summaries)));
  // A few actions' statuses read in the key figures; a chart of them is worth it in a long report.
  if (!short)
    blocks.push(
      chart(
        statusChart(
          names,
          summaries.map((s) => s.byStatus),
        ),
      ),
    );
  return blocks;
}

/** What the gate left out of the figures above, in the scope: the reader knows they are incomplete. */
function leftOutFigures(ctx: Context): Cell[][] {
  const amounts = ctx.actions.reduce((n, a) => n + (ctx.gated.get(a)?.amountErrors.size ?? 0), 0);
  const values = ctx.indicators.reduce((n, r) => n + r.toCorrect.size, 0);
  const indicators = rejectedIndicatorsIn(ctx, ctx.domains).length;
  const parts = [
    ctx.rejected.length ? plural(ctx.rejected.length, 'action') : '',
    amounts ? plural(amounts, 'montant') : '',
    indicators ? plural(indicators, 'indicateur') : '',
    values ? plural(values, 'valeur d’indicateur', 'valeurs d’indicateurs') : '',
  ].filter((p) => p !== '');
  if (parts.length === 0) return [];
  return [[`Non compté, ${TO_CORRECT}`, `${parts.join(', ')} (voir l’annexe « Qualité des données »)`]];
}

/** Indicators per mark, in the order of MARKS, leaving out the marks no indicator has. */
function countMarks(rows: readonly IndicatorRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mark of MARKS) {
    const n = rows.filter((r) => r.assessment.mark === mark).length;
    if (n > 0) counts.set(mark, n);
  }
  return counts;
}

function indicatorsSummary(total: number, marks: Map<string, number>): string {
  if (total === 0) return 'aucun indicateur';
  const detail = [...marks.entries()].map(([mark, n]) => `${formatCount(n)} ${mark}`).join(', ');
  return `${formatCount(total)} (${detail})`;
}

function domainTable(summaries: ReturnType<typeof domainSummaries>): Block {
  const sum = (f: (s: (typeof summaries)[number]) => number) => summaries.reduce((t, s) => t + f(s), 0);
  return table(
    [
      'Domaine',
      right('Actions'),
      right('dont réalisées'),
      right('Budget prévu'),
      right('Crédits spécifiques'),
      right('Cofinancements'),
      right('Participation des habitants'),
    ],
    summaries.map((s) => [
      s.domain.name,
      formatCount(s.actions),
      formatCount(s.byStatus.réalisée),
      formatEuros(s.budget),
      formatEuros(s.credits),
      formatEuros(s.cofunding),
      formatCount(s.participation),
    ]),
    [
      'Total',
      formatCount(sum((s) => s.actions)),
      formatCount(sum((s) => s.byStatus.réalisée)),
      formatEuros(sum((s) => s.budget)),
      formatEuros(sum((s) => s.credits)),
      formatEuros(sum((s) => s.cofunding)),
      formatCount(sum((s) => s.participation)),
    ],
  );
}

function budgetChart(names: string[], summaries: ReturnType<typeof domainSummaries>): Chart {
  return {
    kind: 'bar',
    title: 'Budget prévu par domaine (€)',
    categories: names,
    series: [
      { name: 'Budget prévu', values: summaries.map((s) => s.budget) },
      { name: 'Crédits spécifiques', values: summaries.map((s) => s.credits) },
      { name: 'Cofinancements', values: summaries.map((s) => s.cofunding) },
    ],
    unit: '€',
    description:
      'Histogramme du budget prévu, des crédits spécifiques et des cofinancements de chaque domaine d’intervention (hors actions abandonnées).',
  };
}

function statusChart(names: string[], counts: StatusCounts[]): Chart {
  const statuses = [...STATUSES, 'statut non reconnu'] as const;
  return {
    kind: 'stackedBar',
    title: 'Actions par statut et par domaine',
    categories: names,
    series: statuses
      .filter((s) => s !== 'statut non reconnu' || counts.some((c) => c[s] > 0))
      .map((s) => ({ name: s, values: counts.map((c) => c[s]) })),
    unit: 'actions',
    description: 'Histogramme empilé du nombre d’actions de chaque domaine, par statut.',
  };
}
