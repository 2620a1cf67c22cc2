/**
 * The annual report for a year and a scope, as a document tree (see model.ts): the report « croisant
 * observation et mise en œuvre » that the comité de pilotage discusses (seed, slides 12 to 15).
 * Figures come from aggregate.ts; this module only orders and words them. Every part is always
 * present: an empty part says so in a sentence.
 */
import { formatDateFr, normaliseKey } from '../cells';
import { presetOf } from '../presets';
import type { Problem } from '../problems';
import { progressByYear } from '../progress';
import type { WorkbookData } from '../records';
import { type DomainRef, STATUSES } from '../referentiel';
import type { Action, Decision, Indicator, Territory } from '../schemas';
import { agree, plural } from '../typography';
import {
  type GatedAction,
  placeOf,
  type QualityGate,
  qualityGate,
  type RejectedIndicator,
} from '../validate/gate';
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
  isActiveInYear,
  keyFigures,
  objectiveSummaries,
  type ReportScope,
  type StatusCounts,
  TERRITORY_RULE,
  territoryAndDescendants,
  territoryMatrix,
} from './aggregate';
import { type AxesPartInput, axesPart } from './axes';
import {
  type Edition,
  howToCheck,
  qualityBlocks,
  rejectedValues,
  TO_CORRECT,
  toCorrect,
  WARNING_MARK,
  warningNote,
} from './corrections';
import {
  concerning,
  decisionsAbout,
  domainCodes,
  followUpPart,
  type ReportDecisions,
  reportDecisions,
} from './decisions';
import { actionParts, decretParts, type ReportSections } from './decret';
import { type FicheInput, territoryFiche, territoryFiches } from './fiche';
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
  /** The edition that renders the report: its wording names that edition's commands. */
  edition: Edition;
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
  /** The workbook as the report counts it: what the validation rejects is out (see the gate). */
  data: WorkbookData;
  gate: QualityGate;
  edition: Edition;
  year: number;
  scope: ReportScope;
  domains: DomainRef[];
  actions: Action[];
  /** The actions of the year and scope that the gate leaves out of every count. */
  rejected: GatedAction[];
  /** What the gate found on the row of each counted action. */
  gated: Map<Action, GatedAction>;
  indicators: IndicatorRow[];
  territoryName: (code: string) => string;
  /** The comité's decisions of the year and those still open (see decisions.ts). */
  decisions: ReportDecisions;
  /** Every action of the workbook, whatever its year: what a decision may concern. */
  allActions: Action[];
}

export function buildReport(
  workbook: WorkbookData,
  quality: QualityInput,
  options: ReportOptions,
): ReportDocument {
  const { year, scope } = options;
  const gate = qualityGate({ data: workbook, problems: quality.problems });
  const data = gate.counted;
  const domains = domainsInScope(data.referentiel, scope);
  const records = {
    actions: data.actions.map((a) => a.record),
    indicators: indicatorsInScope(
      data.indicators.map((i) => i.record),
      domains,
    ),
  };
  const order = actionOrder(data);
  const actions = actionsInScope(records.actions, data.territories, scope, year).sort(order);
  const rejected = rejectedInScope(gate, data, scope, year).sort((a, b) => order(a.record, b.record));
  const chartYears = yearsForCharts(records.indicators, year);
  const index = indexMeasures(data.measures.map((m) => m.record));
  const byCode = new Map(data.territories.map((t) => [t.code, t]));
  const byPlace = new Map(gate.actions.map((g) => [`${g.sheet}|${g.row}`, g]));
  const ctx: Context = {
    data,
    gate,
    gated: new Map(data.actions.map((l) => [l.record, byPlace.get(`${l.sheet}|${l.row}`)!])),
    edition: options.edition,
    year,
    scope,
    domains,
    actions,
    rejected,
    indicators: indicatorRows(
      records.indicators,
      index,
      data.territories,
      scope,
      year,
      chartYears,
      rejectedValues(gate),
    ),
    territoryName: (code) => byCode.get(code)?.name ?? code,
    decisions: reportDecisions(data.decisions, quality.problems, year),
    allActions: records.actions,
  };
  const scopeLabel = describeScope(data, scope);
  const sections: ReportSections = {
    titlePage: titlePage(ctx, scopeLabel, options.generatedAt),
    // A territory report opens with its fiche; the others have one per quartier and the agglomération.
    synthesis: [...openingFiche(ctx), ...synthesis(ctx)],
    followUp: followUpPart(ctx.decisions, (d) => decisionInScope(ctx, d)),
    chantiers: chantiers(ctx),
    domains: domains.map((d) => domainPart(ctx, d)),
    territories: scope.kind === 'territory' ? [] : territoryFiches(ficheInput(ctx)),
    funding: fundingPart(ctx),
    participation: participationPart(ctx),
    axes: data.referentiel.axes.length > 0 ? [axesPart(axesInput(ctx))] : [],
    annexes: annexes(ctx, quality),
  };
  const parts: Block[][] =
    presetOf(data.settings).reportPlan === 'decret-2015-1118'
      ? decretParts(sections, {
          ...ctx,
          indicatorTable: (rows) => indicatorTable(ctx, rows, []),
          actionLabel: (a) => actionLabel(ctx, a),
          domainName: (code) => domainName(ctx, code),
        })
      : [sections.synthesis, ...actionParts(sections), sections.annexes];
  // The title page stands apart; the parts flow on, each under its heading (a page each made a
  // report of a few actions run to twenty pages).
  const blocks: Block[] = [...sections.titlePage, pageBreak(), ...parts.flat()];
  return {
    name: documentName(data.settings.contractName, year, scope, scopeLabel, options.generatedAt),
    year,
    scopeLabel,
    edition: options.edition,
    blocks,
  };
}

/** The actions the gate leaves out that the report would have covered (year, scope). */
function rejectedInScope(gate: QualityGate, data: WorkbookData, scope: ReportScope, year: number) {
  const area = scope.kind === 'territory' ? territoryAndDescendants(data.territories, scope.code) : null;
  return gate.actions.filter(
    (a) =>
      a.rowErrors.length > 0 &&
      isActiveInYear(a.record, year) &&
      (scope.kind !== 'domain' || a.record.domain === scope.code) &&
      (area === null || a.record.territories.some((t) => area.has(t))),
  );
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
const plainLabel = (a: Action) => (a.id ? `${a.id} — ${a.title}` : a.title);
/** An action's label, marked when a warning concerns its row. */
function actionLabel(ctx: Context, a: Action): string {
  const warned = (ctx.gated.get(a)?.warnings.length ?? 0) > 0;
  return warned ? `${plainLabel(a)} ${WARNING_MARK}` : plainLabel(a);
}
/** An amount of an action, or « donnée à corriger » where the gate left it out. */
function amountCell(ctx: Context, a: Action, key: 'budget' | 'credits'): string {
  const error = ctx.gated.get(a)?.amountErrors.get(key);
  return error ? toCorrect(placeOf(error)) : euros(a[key]);
}
const rejectedStatus = (g: GatedAction) => toCorrect(placeOf(g));
/** Whether a table shows a row a warning concerns: the table then gets the mark's note. */
const hasWarningMark = (rows: Cell[][]) =>
  rows.some((r) => r.some((c) => typeof c === 'string' && c.endsWith(` ${WARNING_MARK}`)));
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

const rejectedIndicatorsIn = (ctx: Context, domains: readonly DomainRef[]) =>
  ctx.gate.rejectedIndicators.filter((i) => domains.some((d) => d.code === i.domain));

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

function chantiers(ctx: Context): Block[] {
  const list = ctx.actions.filter((a) => a.chantier);
  const rejected = ctx.rejected.filter((g) => g.record.chantier);
  const blocks: Block[] = [heading(1, 'Chantiers prioritaires')];
  if (list.length === 0 && rejected.length === 0) {
    blocks.push(paragraph(`Aucun chantier prioritaire n’est suivi en ${ctx.year} dans ce périmètre.`));
    return blocks;
  }
  const done = list.filter((a) => a.status === 'réalisée').length;
  blocks.push(
    paragraph(
      `${plural(list.length, 'chantier prioritaire', 'chantiers prioritaires')} en ${ctx.year}, dont ${formatCount(done)} ${agree(done, 'réalisé', 'réalisés')}. Le comité de pilotage partage leur état d’avancement, repère les avancées et les freins et impulse les infléchissements nécessaires.`,
    ),
    ...markedTable(
      ['Chantier', 'Domaine', 'Porteur', 'Statut', `Avancées ${ctx.year}`, `Freins ${ctx.year}`],
      [
        ...list.map((a) => [
          actionLabel(ctx, a),
          domainName(ctx, a.domain),
          a.porteur,
          a.status || '—',
          notesOf(a.avancees, ctx.year) || '—',
          notesOf(a.freins, ctx.year) || '—',
        ]),
        ...rejected.map((g) => [
          plainLabel(g.record),
          domainName(ctx, g.record.domain),
          g.record.porteur,
          rejectedStatus(g),
          '—',
          '—',
        ]),
      ],
    ),
  );
  if (rejected.length) blocks.push(rejectedNote(rejected));
  const codes = new Set(list.map((a) => normaliseKey(a.id)).filter((c) => c !== ''));
  blocks.push(...decisionsAbout(ctx.decisions, codes, 'les chantiers prioritaires'));
  return blocks;
}

/**
 * A decision belongs to a domain's report when it concerns the domain, one of its objectives or
 * actions; to a territory's when it concerns one of its actions or no action at all (the contract, a
 * domain, an objective).
 */
function decisionInScope(ctx: Context, d: Decision): boolean {
  const { scope } = ctx;
  if (scope.kind === 'contract') return true;
  if (scope.kind === 'domain') {
    return ctx.domains.some((domain) => concerning([d], domainCodes(domain, ctx.allActions)).length > 0);
  }
  const actionIds = new Set(ctx.allActions.map((a) => normaliseKey(a.id)));
  const here = new Set(ctx.actions.map((a) => normaliseKey(a.id)));
  const aboutActions = d.concerns.filter((c) => actionIds.has(normaliseKey(c)));
  return aboutActions.length === 0 || aboutActions.some((c) => here.has(normaliseKey(c)));
}

/** A table, followed by the note of the warning mark when one of its rows carries it. */
function markedTable(columns: (string | Column)[], rows: Cell[][], footer?: Cell[]): Block[] {
  return [table(columns, rows, footer), ...(hasWarningMark(rows) ? [warningNote()] : [])];
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
    ...decisionsAbout(ctx.decisions, domainCodes(domain, ctx.allActions), 'le domaine'),
  ];
}

function objectivesBlocks(ctx: Context, domain: DomainRef, actions: Action[]): Block[] {
  const rejected = ctx.rejected.filter((g) => g.record.domain === domain.code);
  const none = actions.length === 0 && rejected.length === 0;
  // A territory's report leaves out the table of zeros of a domain that does not concern it.
  if (none && ctx.scope.kind === 'territory') {
    return [paragraph(`Aucune action de ce domaine ne concerne ce territoire en ${ctx.year}.`)];
  }
  const summaries = objectiveSummaries(
    actions,
    ctx.indicators.map((r) => r.indicator),
    domain,
  );
  const blocks: Block[] = [
    table(
      ['Objectif', right('Actions'), right('dont réalisées'), right('Budget prévu'), right('Indicateurs')],
      // A territory's report keeps the objectives it has actions or indicators for.
      summaries
        .filter((o) => ctx.scope.kind !== 'territory' || o.actions > 0 || o.indicators > 0)
        .map((o) => [
          `${o.code} — ${o.label}`,
          formatCount(o.actions),
          formatCount(o.done),
          formatEuros(o.budget),
          formatCount(o.indicators),
        ]),
    ),
  ];
  if (none) {
    blocks.push(paragraph(`Aucune action de ce domaine n’est suivie en ${ctx.year}.`));
    return blocks;
  }
  blocks.push(
    ...markedTable(
      ['Objectif', 'Action', 'Porteur', 'Territoires', 'Statut', right('Budget prévu')],
      [
        ...actions.map((a) => [
          a.objective || '—',
          actionLabel(ctx, a),
          a.porteur,
          territoriesText(ctx, a),
          a.status || '—',
          amountCell(ctx, a, 'budget'),
        ]),
        ...rejected.map((g) => [
          g.record.objective || '—',
          plainLabel(g.record),
          g.record.porteur,
          territoriesText(ctx, g.record),
          rejectedStatus(g),
          '—',
        ]),
      ],
    ),
  );
  if (rejected.length) blocks.push(rejectedNote(rejected));
  return blocks;
}

/** Why an action shows « donnée à corriger » instead of its status: the first error of its row. */
function rejectedNote(rejected: GatedAction[]): Block {
  const reasons = rejected.map((g) => `${plainLabel(g.record)} : ${g.rowErrors[0]!.message}`);
  return paragraph(
    `${agree(rejected.length, 'Action non comptée', 'Actions non comptées')} dans les chiffres de ce rapport tant que sa ligne est en erreur — ${reasons.join(' ; ')}`,
    'note',
  );
}

function indicatorBlocks(ctx: Context, domain: DomainRef, rows: IndicatorRow[]): Block[] {
  const rejected = rejectedIndicatorsIn(ctx, [domain]);
  if (rows.length === 0 && rejected.length === 0) {
    return [paragraph('Aucun indicateur n’est défini pour ce domaine dans la feuille Indicateurs.')];
  }
  const blocks: Block[] = [indicatorTable(ctx, rows, rejected)];
  if (rows.some((r) => warnedIndicator(ctx, r))) blocks.push(warningNote());
  const charts = trendCharts(domain, rows);
  if (charts.length === 0) {
    blocks.push(paragraph('Aucune valeur mesurée : pas de graphique d’évolution pour ce domaine.', 'note'));
  }
  blocks.push(...charts.map(chart));
  return blocks;
}

/** Reference, the last two years, target, trend, achievement and mark of each indicator. */
function indicatorTable(ctx: Context, rows: IndicatorRow[], rejected: RejectedIndicator[]): Block {
  const y = ctx.year;
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
    [
      ...rows.map((r) => indicatorCells(ctx, r)),
      ...rejected.map((i) => [
        i.label ? `${i.label} (${i.code})` : i.code,
        toCorrect(placeOf(i)),
        '—',
        '—',
        '—',
        '—',
        '—',
        markCell('donnée à corriger'),
      ]),
    ],
  );
}

const warnedIndicator = (ctx: Context, r: IndicatorRow) => {
  const located = ctx.data.indicators.find((l) => l.record === r.indicator);
  return located ? ctx.gate.warningsAt(located.sheet, located.row).length > 0 : false;
};

function indicatorCells(ctx: Context, r: IndicatorRow): Cell[] {
  const { indicator: i, reading, reference, toCorrect: rejected } = r;
  const note = reference.note ? `, ${reference.note}` : '';
  const targetYear = i.targetYear ? ` (${i.targetYear})` : '';
  const value = (key: 'previous' | 'value') =>
    rejected.has(key) ? toCorrect(rejected.get(key)!) : valueText(reading[key], i.unit);
  const baseline = rejected.has('baseline')
    ? toCorrect(rejected.get('baseline')!)
    : reference.baseline === null
      ? `— (${reference.note ?? 'non renseignée'})`
      : `${valueText(reading.baseline, i.unit)} (${i.baselineYear}${note})`;
  return [
    `${i.label} (${i.code}, ${i.unit}, ${i.direction} souhaitée)${warnedIndicator(ctx, r) ? ` ${WARNING_MARK}` : ''}`,
    baseline,
    value('previous'),
    value('value'),
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
      rows.map((r) => [actionLabel(ctx, r.a), r.forward || '—', r.brakes || '—']),
    ),
  ];
}

const ficheInput = (ctx: Context): FicheInput => ({
  data: ctx.data,
  year: ctx.year,
  actions: ctx.actions,
  domains: ctx.domains,
  actionLabel: (a) => actionLabel(ctx, a),
  rejected: rejectedValues(ctx.gate),
});

/** A territory report opens with the territory's fiche: its situation, then what the contract does there. */
function openingFiche(ctx: Context): Block[] {
  const { scope } = ctx;
  if (scope.kind !== 'territory') return [];
  const territory = ctx.data.territories.find((t) => t.code === scope.code);
  return territory ? territoryFiche(ficheInput(ctx), territory, 1) : [];
}

/** The count-and-budget matrix, in the annexes: the fiches carry the territories' part. */
function territoriesPart(ctx: Context): Block[] {
  const rows = territoryMatrix(ctx.actions, ctx.data.territories, ctx.domains, ctx.scope);
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
      ['Financeur', ...ctx.domains.map((d) => right(d.name)), right('Total')],
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
        actionLabel(ctx, a),
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
    actionLabel: (a) => actionLabel(ctx, a),
    domainName: (code) => domainName(ctx, code),
  };
}

function annexes(ctx: Context, quality: QualityInput): Block[] {
  return [
    heading(1, 'Annexes'),
    heading(2, 'Qualité des données'),
    ...qualityBlocks(quality.problems, ctx.gate, ctx.edition),
    heading(2, 'Liste des actions'),
    ...actionListBlocks(ctx),
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
