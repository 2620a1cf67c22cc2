/**
 * The annual report for a year and a scope, as a document tree (see model.ts): the report « croisant
 * observation et mise en œuvre » that the comité de pilotage discusses (seed, slides 12 to 15).
 * Figures come from aggregate.ts and indicator-values.ts; each part is built by its own module
 * (synthesis, domains, indicator-table, transversal, fiche, axes, annexes), and this one gathers the
 * context they share and orders them. Every part is always present: an empty part says so in a sentence.
 */
import { formatDateFr, normaliseKey } from '../cells';
import { presetOf } from '../presets';
import type { WorkbookData } from '../records';
import type { Action, Decision, Indicator } from '../schemas';
import { type QualityGate, qualityGate } from '../validate/gate';
import {
  actionsInScope,
  domainsInScope,
  isActiveInYear,
  type ReportScope,
  territoryAndDescendants,
} from './aggregate';
import { annexes } from './annexes';
import { type AxesPartInput, axesPart } from './axes';
import { actionLabel, type Context, domainName, type QualityInput } from './context';
import { type Edition, rejectedValues, warnedValues } from './corrections';
import { concerning, domainCodes, followUpPart, reportDecisions } from './decisions';
import { actionParts, decretParts, type ReportSections } from './decret';
import { domainParts } from './domains';
import { type FicheInput, territoryFiche, territoryFiches } from './fiche';
import { naturalCompare } from './format';
import { markedIndicatorTable } from './indicator-table';
import { indexMeasures, indicatorRows, indicatorsInScope } from './indicator-values';
import { drawableCharts, layoutFor } from './layout';
import { type Block, pageBreak, type ReportDocument } from './model';
import { synthesis, titlePage } from './synthesis';
import { chantiers, fundingPart, participationPart } from './transversal';

export interface ReportOptions {
  year: number;
  scope: ReportScope;
  generatedAt: Date;
  /** The edition that renders the report: its wording names that edition's commands. */
  edition: Edition;
}

/** Years shown by the indicator charts, at most, up to the report's year. */
export const CHART_YEARS = 7;

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
  const layout = layoutFor(scope, actions.length + rejected.length);
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
      warnedValues(gate),
    ),
    territoryName: (code) => byCode.get(code)?.name ?? code,
    decisions: reportDecisions(data.decisions, quality.problems, year),
    allActions: records.actions,
    layout,
  };
  const scopeLabel = describeScope(data, scope);
  const sections: ReportSections = {
    titlePage: titlePage(ctx, scopeLabel, options.generatedAt),
    // A territory report opens with its fiche; the others have one per quartier and the agglomération.
    synthesis: [...openingFiche(ctx), ...synthesis(ctx)],
    followUp: followUpPart(ctx.decisions, (d) => decisionInScope(ctx, d)),
    chantiers: chantiers(ctx),
    domains: domainParts(ctx),
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
          indicatorTable: (rows) => markedIndicatorTable(ctx, rows, []),
          actionLabel: (a) => actionLabel(ctx, a),
          domainName: (code) => domainName(ctx, code),
        })
      : [sections.synthesis, ...actionParts(sections), sections.annexes];
  // The parts flow on, each under its heading (a page each made a report of a few actions run to
  // twenty pages); the title page stands apart in a long report only.
  const cover = layout === 'full' ? [...sections.titlePage, pageBreak()] : sections.titlePage;
  const blocks = drawableCharts([...cover, ...parts.flat()]);
  return {
    name: documentName(data.settings.contractName, year, scope, scopeLabel, options.generatedAt),
    year,
    scopeLabel,
    edition: options.edition,
    layout,
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

const ficheInput = (ctx: Context): FicheInput => ({
  data: ctx.data,
  year: ctx.year,
  actions: ctx.actions,
  domains: ctx.domains,
  actionLabel: (a) => actionLabel(ctx, a),
  rejected: rejectedValues(ctx.gate),
  warned: warnedValues(ctx.gate),
});

/** A territory report opens with the territory's fiche: its situation, then what the contract does there. */
function openingFiche(ctx: Context): Block[] {
  const { scope } = ctx;
  if (scope.kind !== 'territory') return [];
  const territory = ctx.data.territories.find((t) => t.code === scope.code);
  return territory ? territoryFiche(ficheInput(ctx), territory, 1) : [];
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
