/**
 * The annual report for a year and a scope, as a document tree (see model.ts): the report « croisant
 * observation et mise en œuvre » that the comité de pilotage discusses (seed, slides 12 to 15).
 * Figures come from aggregate.ts; this module only orders and words them. Every part is always
 * present: an empty part says so in a sentence.
 */
import { formatDateFr } from '../cells';
import { presetOf } from '../presets';
import type { Problem } from '../problems';
import { progressByYear } from '../progress';
import type { WorkbookData } from '../records';
import { type DomainRef, STATUSES } from '../referentiel';
import type { Action, Indicator, Territory } from '../schemas';
import { METHOD_NOTES, progressText, trendText } from './achievement';
import {
  ADDITIVE_UNITS,
  actionsInScope,
  dataAsOf,
  domainSummaries,
  domainsInScope,
  fundingMatrix,
  type IndicatorRow,
  indexMeasures,
  indicatorRows,
  indicatorsInScope,
  keyFigures,
  objectiveSummaries,
  type ReportScope,
  type StatusCounts,
  territoryMatrix,
} from './aggregate';
import { type AxesPartInput, axesPart } from './axes';
import { actionParts, decretParts, type ReportSections } from './decret';
import {
  dateTimeFr,
  formatCount,
  formatEuros,
  isoToFr,
  naturalCompare,
  percentText,
  shareText,
  valueText,
} from './format';
import {
  type Block,
  bullets,
  type Cell,
  type Chart,
  type Column,
  chart,
  heading,
  MARKS,
  markCell,
  pageBreak,
  paragraph,
  type ReportDocument,
  subtitle,
  table,
  title,
} from './model';

export interface ReportOptions {
  year: number;
  scope: ReportScope;
  generatedAt: Date;
}

/** What the report needs of the validation: its problems (validateWorkbook's result fits). */
export interface QualityInput {
  problems: readonly Problem[];
}

/** Line charts stay readable with a few lines each: a domain with more indicators gets several charts. */
export const SERIES_PER_CHART = 10;
/** Years shown by the indicator charts, at most, up to the report's year. */
export const CHART_YEARS = 7;

export interface Context {
  data: WorkbookData;
  year: number;
  scope: ReportScope;
  domains: DomainRef[];
  actions: Action[];
  indicators: IndicatorRow[];
  territoryName: (code: string) => string;
}

export function buildReport(
  data: WorkbookData,
  quality: QualityInput,
  options: ReportOptions,
): ReportDocument {
  const { year, scope } = options;
  const domains = domainsInScope(data.referentiel, scope);
  const records = {
    actions: data.actions.map((a) => a.record),
    indicators: indicatorsInScope(
      data.indicators.map((i) => i.record),
      domains,
    ),
  };
  const actions = actionsInScope(records.actions, data.territories, scope, year).sort(actionOrder(data));
  const chartYears = yearsForCharts(records.indicators, year);
  const index = indexMeasures(data.measures.map((m) => m.record));
  const byCode = new Map(data.territories.map((t) => [t.code, t]));
  const ctx: Context = {
    data,
    year,
    scope,
    domains,
    actions,
    indicators: indicatorRows(records.indicators, index, data.territories, scope, year, chartYears),
    territoryName: (code) => byCode.get(code)?.name ?? code,
  };
  const scopeLabel = describeScope(data, scope);
  const sections: ReportSections = {
    titlePage: titlePage(ctx, scopeLabel, options.generatedAt),
    synthesis: synthesis(ctx),
    chantiers: chantiers(ctx),
    domains: domains.map((d) => domainPart(ctx, d)),
    territories: territoriesPart(ctx),
    funding: fundingPart(ctx),
    participation: participationPart(ctx),
    axes: data.referentiel.axes.length > 0 ? [axesPart(axesInput(ctx))] : [],
    annexes: annexes(ctx, quality),
  };
  const parts: Block[][] =
    presetOf(data.settings).reportPlan === 'decret-2015-1118'
      ? decretParts(sections, {
          ...ctx,
          indicatorTable: (rows) => indicatorTable(ctx.year, rows),
          actionLabel,
          domainName: (code) => domainName(ctx, code),
        })
      : [sections.titlePage, sections.synthesis, ...actionParts(sections), sections.annexes];
  return {
    name: documentName(data.settings.contractName, year, scope, scopeLabel, options.generatedAt),
    year,
    scopeLabel,
    blocks: parts.flatMap((part, i) => (i === 0 ? part : [pageBreak(), ...part])),
  };
}

export function describeScope(data: Pick<WorkbookData, 'territories' | 'referentiel'>, scope: ReportScope) {
  if (scope.kind === 'contract') return 'ensemble du contrat';
  if (scope.kind === 'domain') {
    const domain = data.referentiel.domains.find((d) => d.code === scope.code);
    return `domaine « ${domain?.name ?? scope.code} »`;
  }
  const t = data.territories.find((x) => x.code === scope.code);
  return t ? `territoire « ${t.name} » (${t.level})` : `territoire « ${scope.code} »`;
}

/** « Rapport annuel {contrat} {N} — {date} », the scope in brackets when it is not the whole contract. */
export function documentName(
  contract: string,
  year: number,
  scope: ReportScope,
  scopeLabel: string,
  at: Date,
): string {
  const within = scope.kind === 'contract' ? '' : ` (${scopeLabel})`;
  return `Rapport annuel ${contract} ${year}${within} — ${formatDateFr(at)}`;
}

function actionOrder(data: WorkbookData) {
  const rank = new Map(data.referentiel.domains.flatMap((d) => d.objectives.map((o, i) => [o.code, i])));
  const domainRank = new Map(data.referentiel.domains.map((d, i) => [d.code, i]));
  return (a: Action, b: Action) =>
    (domainRank.get(a.domain) ?? 99) - (domainRank.get(b.domain) ?? 99) ||
    (rank.get(a.objective) ?? 99) - (rank.get(b.objective) ?? 99) ||
    naturalCompare(a.id, b.id);
}

function yearsForCharts(indicators: readonly Indicator[], year: number): number[] {
  const first = Math.min(year - 1, ...indicators.map((i) => i.baselineYear));
  const from = Math.max(first, year - CHART_YEARS + 1);
  return Array.from({ length: year - from + 1 }, (_, i) => from + i);
}

const notesOf = (text: string, year: number): string => (progressByYear(text).get(year) ?? []).join(' ; ');
const actionLabel = (a: Action) => (a.id ? `${a.id} — ${a.title}` : a.title);
const domainName = (ctx: Context, code: string) =>
  ctx.data.referentiel.domains.find((d) => d.code === code)?.name ?? code;
const territoriesText = (ctx: Context, a: Action) =>
  a.territories.length ? a.territories.map(ctx.territoryName).join(', ') : '—';
/** A column of figures, right-aligned. */
const right = (header: string): Column => ({ header, align: 'right' });
const euros = (n: number | null) => (n === null ? '—' : formatEuros(n));
const STATUS_PLURALS: Record<(typeof STATUSES)[number], string> = {
  programmée: 'programmées',
  'en cours': 'en cours',
  réalisée: 'réalisées',
  reportée: 'reportées',
  abandonnée: 'abandonnées',
};

// ---------------------------------------------------------------------------------------------

function titlePage(ctx: Context, scopeLabel: string, at: Date): Block[] {
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

function synthesis(ctx: Context): Block[] {
  const k = keyFigures(ctx.actions, ctx.data.territories, ctx.scope);
  const marks = countMarks(ctx.indicators);
  const figures: Cell[][] = [
    ['Actions suivies', formatCount(k.actions)],
    ...STATUSES.map((s) => [`dont ${STATUS_PLURALS[s]}`, formatCount(k.byStatus[s])]),
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
  ];
  const blocks: Block[] = [
    heading(1, 'Synthèse'),
    paragraph(
      k.actions === 0
        ? `Aucune action n’est suivie pour ${ctx.year} dans ce périmètre.`
        : `En ${ctx.year}, ${formatCount(k.actions)} action(s) sont suivies dans ce périmètre, pour un budget prévu de ${formatEuros(k.budget)}, dont ${formatEuros(k.credits)} de crédits spécifiques du contrat.`,
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
  blocks.push(
    chart(budgetChart(names, summaries)),
    chart(
      statusChart(
        names,
        summaries.map((s) => s.byStatus),
      ),
    ),
  );
  return blocks;
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
  if (total === 0) return 'aucun';
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

function chantiers(ctx: Context): Block[] {
  const list = ctx.actions.filter((a) => a.chantier);
  const blocks: Block[] = [heading(1, 'Chantiers prioritaires')];
  if (list.length === 0) {
    blocks.push(paragraph(`Aucun chantier prioritaire n’est suivi en ${ctx.year} dans ce périmètre.`));
    return blocks;
  }
  const done = list.filter((a) => a.status === 'réalisée').length;
  blocks.push(
    paragraph(
      `${formatCount(list.length)} chantier(s) prioritaire(s) en ${ctx.year}, dont ${formatCount(done)} réalisé(s). Le comité de pilotage partage leur état d’avancement, repère les avancées et les freins et impulse les infléchissements nécessaires.`,
    ),
    table(
      ['Chantier', 'Domaine', 'Porteur', 'Statut', `Avancées ${ctx.year}`, `Freins ${ctx.year}`],
      list.map((a) => [
        actionLabel(a),
        domainName(ctx, a.domain),
        a.porteur,
        a.status || '—',
        notesOf(a.avancees, ctx.year) || '—',
        notesOf(a.freins, ctx.year) || '—',
      ]),
    ),
  );
  return blocks;
}

function domainPart(ctx: Context, domain: DomainRef): Block[] {
  const actions = ctx.actions.filter((a) => a.domain === domain.code);
  const indicators = ctx.indicators.filter((r) => r.indicator.domain === domain.code);
  return [
    heading(1, `${domain.code} — ${domain.name}`),
    paragraph(
      `Orientation : ${domain.label}. Pilotage et animation : ${domain.steeringBody || 'instance non renseignée dans le Référentiel'}.`,
    ),
    heading(2, 'Objectifs et actions'),
    ...objectivesBlocks(ctx, domain, actions),
    heading(2, 'Indicateurs'),
    ...indicatorBlocks(ctx, domain, indicators),
    heading(2, `Avancées et freins ${ctx.year}`),
    ...progressBlocks(ctx, actions),
  ];
}

function objectivesBlocks(ctx: Context, domain: DomainRef, actions: Action[]): Block[] {
  const summaries = objectiveSummaries(
    actions,
    ctx.indicators.map((r) => r.indicator),
    domain,
  );
  const blocks: Block[] = [
    table(
      ['Objectif', right('Actions'), right('dont réalisées'), right('Budget prévu'), right('Indicateurs')],
      summaries.map((o) => [
        `${o.code} — ${o.label}`,
        formatCount(o.actions),
        formatCount(o.done),
        formatEuros(o.budget),
        formatCount(o.indicators),
      ]),
    ),
  ];
  if (actions.length === 0) {
    blocks.push(paragraph(`Aucune action de ce domaine n’est suivie en ${ctx.year}.`));
    return blocks;
  }
  blocks.push(
    table(
      ['Objectif', 'Action', 'Porteur', 'Territoires', 'Statut', right('Budget prévu')],
      actions.map((a) => [
        a.objective || '—',
        actionLabel(a),
        a.porteur,
        territoriesText(ctx, a),
        a.status || '—',
        euros(a.budget),
      ]),
    ),
  );
  return blocks;
}

function indicatorBlocks(ctx: Context, domain: DomainRef, rows: IndicatorRow[]): Block[] {
  if (rows.length === 0) {
    return [paragraph('Aucun indicateur n’est défini pour ce domaine dans la feuille Indicateurs.')];
  }
  const blocks: Block[] = [indicatorTable(ctx.year, rows)];
  const charts = trendCharts(domain, rows);
  if (charts.length === 0) {
    blocks.push(paragraph('Aucune valeur mesurée : pas de graphique d’évolution pour ce domaine.', 'note'));
  }
  blocks.push(...charts.map(chart));
  return blocks;
}

/** Reference, the last two years, target, trend, achievement and mark of each indicator. */
function indicatorTable(y: number, rows: IndicatorRow[]): Block {
  return table(
    [
      'Indicateur',
      right('Référence'),
      right(String(y - 1)),
      right(String(y)),
      right('Cible'),
      `Tendance ${y - 1} → ${y}`,
      right('Réalisation'),
      'Appréciation',
    ],
    rows.map((r) => indicatorCells(r)),
  );
}

function indicatorCells(r: IndicatorRow): Cell[] {
  const { indicator: i, reading, reference } = r;
  const note = reference.note ? `, ${reference.note}` : '';
  const targetYear = i.targetYear ? ` (${i.targetYear})` : '';
  return [
    `${i.label} (${i.code} ; ${i.unit}, ${i.direction} souhaitée)`,
    reference.baseline === null
      ? `— (${reference.note ?? 'non renseignée'})`
      : `${valueText(reading.baseline, i.unit)} (${i.baselineYear}${note})`,
    valueText(reading.previous, i.unit),
    valueText(reading.value, i.unit),
    reference.target === null ? '—' : `${valueText(reading.target, i.unit)}${targetYear}`,
    trendText(r.assessment.trend, i.direction),
    progressText(r.assessment, reading),
    markCell(r.assessment.mark),
  ];
}

/** The way each indicator went from its reference (0 %) to its target (100 %), year by year. */
function trendCharts(domain: DomainRef, rows: IndicatorRow[]): Chart[] {
  const plotted = rows.filter((r) =>
    [...r.progressSeries.values()].some((v) => v !== null && v !== undefined),
  );
  const years = plotted.length ? [...plotted[0]!.progressSeries.keys()] : [];
  const charts: Chart[] = [];
  const parts = Math.ceil(plotted.length / SERIES_PER_CHART);
  for (let p = 0; p < parts; p++) {
    const chunk = plotted.slice(p * SERIES_PER_CHART, (p + 1) * SERIES_PER_CHART);
    charts.push({
      kind: 'line',
      title: `${domain.name} : progression des indicateurs vers leur cible${parts > 1 ? ` (${p + 1}/${parts})` : ''}`,
      categories: years.map(String),
      series: chunk.map((r) => ({
        name: `${r.indicator.code} ${r.indicator.label}`,
        values: years.map((y) => {
          const v = r.progressSeries.get(y);
          return v === null || v === undefined ? null : Math.round(v * 1000) / 10 + 0;
        }),
      })),
      unit: '% de la cible',
      description: `Courbes de la progression de chaque indicateur du domaine « ${domain.name} » entre sa valeur de référence (0 %) et sa cible (100 %), par année.`,
    });
  }
  return charts;
}

function progressBlocks(ctx: Context, actions: Action[]): Block[] {
  const rows = actions
    .map((a) => ({ a, forward: notesOf(a.avancees, ctx.year), brakes: notesOf(a.freins, ctx.year) }))
    .filter((r) => r.forward || r.brakes);
  if (rows.length === 0) {
    return [
      paragraph(
        `Aucune avancée ni aucun frein n’est noté pour ${ctx.year} : ajoutez des lignes « ${ctx.year} : … » dans les colonnes Avancées et Freins des actions.`,
      ),
    ];
  }
  return [
    table(
      ['Action', `Avancées ${ctx.year}`, `Freins ${ctx.year}`],
      rows.map((r) => [actionLabel(r.a), r.forward || '—', r.brakes || '—']),
    ),
  ];
}

function territoriesPart(ctx: Context): Block[] {
  const rows = territoryMatrix(ctx.actions, ctx.data.territories, ctx.domains, ctx.scope);
  const blocks: Block[] = [
    heading(1, 'Territoires'),
    paragraph(
      'Nombre d’actions et budget prévu par territoire et par domaine. Une action qui concerne plusieurs territoires compte pour chacun, et son budget est réparti à parts égales entre eux.',
    ),
  ];
  if (rows.length === 0) {
    blocks.push(paragraph('Aucun territoire n’est concerné par les actions de ce périmètre.'));
    return blocks;
  }
  const cell = (c: { actions: number; budget: number }) =>
    c.actions === 0 ? '—' : `${formatCount(c.actions)} · ${formatEuros(c.budget)}`;
  blocks.push(
    table(
      ['Territoire', 'Niveau', ...ctx.domains.map((d) => right(d.code)), right('Total')],
      rows.map((r) => [
        territoryRowName(r.territory, r.unknownCode),
        r.territory?.level ?? '—',
        ...ctx.domains.map((d) => cell(r.byDomain.get(d.code)!)),
        cell(r.total),
      ]),
    ),
    paragraph(
      `Colonnes : ${ctx.domains.map((d) => `${d.code} = ${d.name}`).join(' ; ')}. Chaque case : nombre d’actions · budget prévu.`,
      'note',
    ),
  );
  return blocks;
}

function territoryRowName(t: Territory | null, unknownCode?: string): string {
  if (t) return t.name;
  return unknownCode ? `${unknownCode} (absent de la feuille Territoires)` : 'Sans territoire renseigné';
}

function fundingPart(ctx: Context): Block[] {
  const rows = fundingMatrix(ctx.actions, ctx.data.funders, ctx.domains);
  const blocks: Block[] = [
    heading(1, 'Financements'),
    paragraph(
      'Crédits spécifiques du contrat et cofinancements par financeur et par domaine, pour les actions de l’année (hors actions abandonnées).',
    ),
  ];
  const total = rows.reduce((s, r) => s + r.total, 0);
  if (total === 0) {
    blocks.push(
      paragraph(`Aucun financement n’est saisi pour les actions de ${ctx.year} dans ce périmètre.`),
    );
    return blocks;
  }
  const contributing = rows.filter((r) => r.total > 0);
  const columnTotal = (code: string) => rows.reduce((s, r) => s + (r.byDomain.get(code) ?? 0), 0);
  blocks.push(
    table(
      ['Financeur', ...ctx.domains.map((d) => right(d.code)), right('Total')],
      rows.map((r) => [
        r.name,
        ...ctx.domains.map((d) => formatEuros(r.byDomain.get(d.code)!)),
        formatEuros(r.total),
      ]),
      ['Total', ...ctx.domains.map((d) => formatEuros(columnTotal(d.code))), formatEuros(total)],
    ),
    chart({
      kind: 'bar',
      title: 'Financements par financeur (€)',
      categories: contributing.map((r) => r.name),
      series: [{ name: 'Montant', values: contributing.map((r) => r.total) }],
      unit: '€',
      description:
        'Histogramme des montants apportés par chaque financeur, crédits spécifiques du contrat compris.',
    }),
  );
  return blocks;
}

function participationPart(ctx: Context): Block[] {
  const list = ctx.actions.filter((a) => a.participation);
  const blocks: Block[] = [heading(1, 'Participation des habitants')];
  if (list.length === 0) {
    blocks.push(paragraph(`Aucune action de ${ctx.year} n’associe les habitants dans ce périmètre.`));
    return blocks;
  }
  blocks.push(
    paragraph(
      `${shareText(list.length, ctx.actions.length)} des actions de ${ctx.year} associent les habitants, principe de base du contrat dans chacun de ses domaines.`,
    ),
    table(
      ['Action', 'Domaine', 'Territoires', 'Modalités de participation'],
      list.map((a) => [
        actionLabel(a),
        domainName(ctx, a.domain),
        territoriesText(ctx, a),
        a.participationHow || 'modalités non précisées',
      ]),
    ),
  );
  return blocks;
}

function axesInput(ctx: Context): AxesPartInput {
  return {
    title: presetOf(ctx.data.settings).axesTitle,
    axes: ctx.data.referentiel.axes,
    actions: ctx.actions,
    year: ctx.year,
    actionLabel,
    domainName: (code) => domainName(ctx, code),
  };
}

function annexes(ctx: Context, quality: QualityInput): Block[] {
  return [
    heading(1, 'Annexes'),
    heading(2, 'Qualité des données'),
    ...qualityBlocks(quality.problems),
    heading(2, 'Liste des actions'),
    ...actionListBlocks(ctx),
    heading(2, 'Note de méthode'),
    bullets(methodNotes(ctx)),
  ];
}

function qualityBlocks(problems: readonly Problem[]): Block[] {
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
  return [
    paragraph(
      `Le contrôle des données a relevé ${formatCount(errors)} erreur(s) et ${formatCount(warnings)} avertissement(s). Les erreurs peuvent fausser les chiffres de ce rapport : le détail figure dans la feuille Contrôles (menu « Valider les données »).`,
    ),
    table(
      ['Feuille', right('Erreurs'), right('Avertissements')],
      [...bySheet.entries()].map(([sheet, c]) => [
        sheet,
        formatCount(c.erreur),
        formatCount(c.avertissement),
      ]),
      ['Total', formatCount(errors), formatCount(warnings)],
    ),
  ];
}

function actionListBlocks(ctx: Context): Block[] {
  if (ctx.actions.length === 0)
    return [paragraph(`Aucune action n’est suivie pour ${ctx.year} dans ce périmètre.`)];
  return [
    table(
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
      ctx.actions.map((a) => [
        a.id || '—',
        a.domain,
        a.objective || '—',
        a.title,
        a.porteur,
        a.status || '—',
        euros(a.budget),
        euros(a.credits),
      ]),
    ),
  ];
}

function methodNotes(ctx: Context): string[] {
  const scopeRule =
    ctx.scope.kind === 'territory'
      ? 'Valeur d’un indicateur pour un territoire : sa propre mesure, ou à défaut le cumul (nombres) ou la moyenne (taux) des mesures de ses sous-territoires. Sa référence est sa mesure de l’année de référence ; la cible est celle du contrat pour un taux, et pour un nombre la cible du contrat au prorata de la référence du territoire.'
      : `Valeur d’un indicateur pour le contrat : la mesure du territoire de niveau agglomération ; à défaut, le cumul (unités ${ADDITIVE_UNITS.join(', ')}) ou la moyenne (taux, %, jours) des mesures du niveau le plus large mesuré (communes, puis quartiers prioritaires, puis autres territoires). Le même niveau sert pour toutes les années d’un indicateur.`;
  return [
    `Actions de l’année ${ctx.year} : celles dont la période (date de début à date de fin) rencontre l’année ; une date manquante laisse la période ouverte de ce côté.`,
    'Montants : budget prévu, crédits spécifiques et cofinancements des actions de l’année, hors actions abandonnées. Les cofinancements sont la somme des colonnes « Financement … (€) ».',
    `Avancées et freins : les lignes « ${ctx.year} : … » des colonnes Avancées et Freins ; une ligne sans année n’est pas reprise.`,
    ...METHOD_NOTES,
    scopeRule,
    `Graphiques d’évolution des indicateurs : taux de réalisation de chaque année, de 0 % (valeur de référence) à ${percentText(1)} (cible) ; une valeur au-delà de la cible dépasse ${percentText(1)}.`,
  ];
}
