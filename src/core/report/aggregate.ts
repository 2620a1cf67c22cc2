/**
 * The figures of the report's actions, as pure functions of the records: which years and actions a
 * report covers (year and scope), their counts, budgets and funding, by domain, territory and funder.
 * The indicator values of a scope are in indicator-values.ts; the report's parts only lay them out.
 */
import { isoYear } from '../cells';
import type { WorkbookData } from '../records';
import { type DomainRef, type Referentiel, STATUSES, type Status, TERRITORY_LEVELS } from '../referentiel';
import type { Action, Funder, Indicator, Territory } from '../schemas';

export type ReportScope =
  | { kind: 'contract' }
  | { kind: 'territory'; code: string }
  | { kind: 'domain'; code: string };

// ---------------------------------------------------------------------------------------------
// Which years a report may cover

/**
 * The years a report may cover: from the contract's start, or the earliest reference year of its
 * indicators when earlier (the state before the contract), to the contract's end.
 */
export function reportYears(
  settings: Pick<WorkbookData['settings'], 'periodStart' | 'periodEnd'>,
  indicators: readonly Pick<Indicator, 'baselineYear'>[],
): { first: number; last: number; years: number[] } {
  const start = isoYear(settings.periodStart);
  const last = Math.max(start, isoYear(settings.periodEnd));
  const first = Math.min(start, ...indicators.map((i) => i.baselineYear).filter((y) => y >= start - 10));
  return { first, last, years: Array.from({ length: last - first + 1 }, (_, i) => first + i) };
}

/** Null when the year is one a report may cover, else the French sentence that refuses it. */
export function refusedYear(year: number, range: { first: number; last: number }): string | null {
  if (year >= range.first && year <= range.last) return null;
  return `Année ${year} hors du contrat : choisissez une année de ${range.first} à ${range.last} (début du contrat ou première année de référence d’un indicateur, jusqu’à la fin du contrat).`;
}

// ---------------------------------------------------------------------------------------------
// Which actions a report covers

/** An action belongs to year N when its period meets N; a missing date leaves that side open. */
export function isActiveInYear(action: Pick<Action, 'startDate' | 'endDate'>, year: number): boolean {
  const startsInTime = !action.startDate || action.startDate <= `${year}-12-31`;
  const notEndedBefore = !action.endDate || action.endDate >= `${year}-01-01`;
  return startsInTime && notEndedBefore;
}

/** A territory and every territory below it (quartiers of a commune…), following « Rattachement ». */
export function territoryAndDescendants(territories: readonly Territory[], code: string): Set<string> {
  const found = new Set([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of territories) {
      if (!found.has(t.code) && found.has(t.parent)) {
        found.add(t.code);
        grew = true;
      }
    }
  }
  return found;
}

/** Whether a territory is within the scope: any is, but for a territory scope (it and those below it). */
export function territoryFilter(
  territories: readonly Territory[],
  scope: ReportScope,
): (code: string) => boolean {
  if (scope.kind !== 'territory') return () => true;
  const area = territoryAndDescendants(territories, scope.code);
  return (code) => area.has(code);
}

export function actionsInScope(
  actions: readonly Action[],
  territories: readonly Territory[],
  scope: ReportScope,
  year: number,
): Action[] {
  const inYear = actions.filter((a) => isActiveInYear(a, year));
  if (scope.kind === 'domain') return inYear.filter((a) => a.domain === scope.code);
  if (scope.kind === 'territory') {
    const area = territoryAndDescendants(territories, scope.code);
    return inYear.filter((a) => a.territories.some((t) => area.has(t)));
  }
  return inYear;
}

export function domainsInScope(ref: Referentiel, scope: ReportScope): DomainRef[] {
  return scope.kind === 'domain' ? ref.domains.filter((d) => d.code === scope.code) : ref.domains;
}

// ---------------------------------------------------------------------------------------------
// Counts and money

export type StatusCounts = Record<Status, number> & { 'statut non reconnu': number };

export function statusCounts(actions: readonly Action[]): StatusCounts {
  const counts = Object.fromEntries([...STATUSES, 'statut non reconnu'].map((s) => [s, 0])) as StatusCounts;
  for (const a of actions) {
    const known = (STATUSES as readonly string[]).includes(a.status);
    counts[known ? a.status : 'statut non reconnu'] += 1;
  }
  return counts;
}

/** Money totals leave abandoned actions out: their budget will not be spent. */
export const countsInMoney = (a: Action): boolean => a.status !== 'abandonnée';

export const cofundingOf = (a: Action): number => Object.values(a.funding).reduce((s, v) => s + v, 0);

export interface Money {
  budget: number;
  credits: number;
  cofunding: number;
}

export function moneyOf(actions: readonly Action[]): Money {
  const money = { budget: 0, credits: 0, cofunding: 0 };
  for (const a of actions.filter(countsInMoney)) {
    money.budget += a.budget ?? 0;
    money.credits += a.credits ?? 0;
    money.cofunding += cofundingOf(a);
  }
  return money;
}

export interface KeyFigures extends Money {
  actions: number;
  byStatus: StatusCounts;
  chantiers: number;
  participation: number;
  /** participation ÷ actions; null without action. */
  participationShare: number | null;
  /** Quartiers prioritaires named by at least one action, in the Territoires sheet's order. */
  quartiers: Territory[];
  /** All quartiers prioritaires of the scope (the denominator of « quartiers covered »). */
  quartiersOfScope: Territory[];
}

export function keyFigures(
  actions: readonly Action[],
  territories: readonly Territory[],
  scope: ReportScope,
): KeyFigures {
  const named = new Set(actions.flatMap((a) => a.territories));
  const inScope = territoryFilter(territories, scope);
  const quartiersOfScope = territories.filter((t) => t.level === 'quartier prioritaire' && inScope(t.code));
  const participation = actions.filter((a) => a.participation).length;
  return {
    actions: actions.length,
    byStatus: statusCounts(actions),
    chantiers: actions.filter((a) => a.chantier).length,
    ...moneyOf(actions),
    participation,
    participationShare: actions.length ? participation / actions.length : null,
    quartiers: quartiersOfScope.filter((t) => named.has(t.code)),
    quartiersOfScope,
  };
}

export interface DomainSummary extends Money {
  domain: DomainRef;
  actions: number;
  byStatus: StatusCounts;
  participation: number;
}

export function domainSummaries(actions: readonly Action[], domains: readonly DomainRef[]): DomainSummary[] {
  return domains.map((domain) => {
    const own = actions.filter((a) => a.domain === domain.code);
    return {
      domain,
      actions: own.length,
      byStatus: statusCounts(own),
      participation: own.filter((a) => a.participation).length,
      ...moneyOf(own),
    };
  });
}

export interface ObjectiveSummary {
  code: string;
  label: string;
  actions: number;
  done: number;
  budget: number;
  indicators: number;
}

/** One row per objective of the domain, plus one for actions whose objective is not in the référentiel. */
export function objectiveSummaries(
  actions: readonly Action[],
  indicators: readonly Indicator[],
  domain: DomainRef,
): ObjectiveSummary[] {
  const own = actions.filter((a) => a.domain === domain.code);
  const known = new Set(domain.objectives.map((o) => o.code));
  const row = (code: string, label: string, mine: Action[]): ObjectiveSummary => ({
    code,
    label,
    actions: mine.length,
    done: mine.filter((a) => a.status === 'réalisée').length,
    budget: moneyOf(mine).budget,
    indicators: indicators.filter((i) => i.domain === domain.code && i.objective === code).length,
  });
  const rows = domain.objectives.map((o) =>
    row(
      o.code,
      o.label,
      own.filter((a) => a.objective === o.code),
    ),
  );
  const orphans = own.filter((a) => !known.has(a.objective));
  if (orphans.length) rows.push(row('—', 'Objectif absent du référentiel', orphans));
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Territories × domains, funders × domains

export interface TerritoryCell {
  actions: number;
  /** Budget of the actions that concern the territory, each action's whole budget (TERRITORY_RULE). */
  budget: number;
}

/** The territory accounting rule, as the report states it in its labels and its method note. */
export const TERRITORY_RULE =
  'Un territoire compte les actions qui le concernent, lui ou un territoire qui lui est rattaché (les quartiers d’une commune), chacune pour son budget prévu entier : une action qui concerne plusieurs territoires compte en entier pour chacun, si bien que les lignes ne s’additionnent pas.';

export interface TerritoryRow {
  /** Null for the actions that name no territory. */
  territory: Territory | null;
  /** A code named by actions but absent from the Territoires sheet. */
  unknownCode?: string;
  byDomain: Map<string, TerritoryCell>;
  total: TerritoryCell;
}

export const levelRank = (level: string) => {
  const i = (TERRITORY_LEVELS as readonly string[]).indexOf(level);
  return i < 0 ? TERRITORY_LEVELS.length : i;
};

/**
 * Territories × domains, by TERRITORY_RULE: a row counts the actions of its territory and of the
 * territories below it, each whole. Rows: the scope's territory itself, the quartiers prioritaires of
 * the scope (even without action, so that a quartier left out shows) and every other territory the
 * actions name, by level then sheet order. A territory report's synthesis equals its own row.
 */
export function territoryMatrix(
  actions: readonly Action[],
  territories: readonly Territory[],
  domains: readonly DomainRef[],
  scope: ReportScope,
): TerritoryRow[] {
  const inArea = territoryFilter(territories, scope);
  const byCode = new Map(territories.map((t) => [t.code, t]));
  const shown = new Set(
    territories.filter((t) => t.level === 'quartier prioritaire' && inArea(t.code)).map((t) => t.code),
  );
  if (scope.kind === 'territory' && byCode.has(scope.code)) shown.add(scope.code);
  for (const a of actions) for (const code of a.territories) if (inArea(code)) shown.add(code);
  const emptyRow = (territory: Territory | null, unknownCode?: string): TerritoryRow => ({
    territory,
    ...(unknownCode ? { unknownCode } : {}),
    byDomain: new Map(domains.map((d) => [d.code, { actions: 0, budget: 0 }])),
    total: { actions: 0, budget: 0 },
  });
  const add = (row: TerritoryRow, a: Action) => {
    const cell = row.byDomain.get(a.domain);
    if (!cell) return;
    const budget = countsInMoney(a) ? (a.budget ?? 0) : 0;
    cell.actions += 1;
    cell.budget += budget;
    row.total.actions += 1;
    row.total.budget += budget;
  };
  const rows: TerritoryRow[] = [];
  for (const code of shown) {
    const t = byCode.get(code);
    const row = t ? emptyRow(t) : emptyRow(null, code);
    const area = t ? territoryAndDescendants(territories, code) : new Set([code]);
    for (const a of actions) if (a.territories.some((c) => area.has(c))) add(row, a);
    rows.push(row);
  }
  const unplaced = actions.filter((a) => a.territories.length === 0);
  if (unplaced.length) {
    const row = emptyRow(null);
    for (const a of unplaced) add(row, a);
    rows.push(row);
  }
  const order = (r: TerritoryRow): [number, number] => {
    if (r.territory === null)
      return [r.unknownCode ? TERRITORY_LEVELS.length : TERRITORY_LEVELS.length + 1, 0];
    if (scope.kind === 'territory' && r.territory.code === scope.code) return [-1, 0];
    return [levelRank(r.territory.level), territories.indexOf(r.territory)];
  };
  return rows.sort((x, y) => {
    const [a1, a2] = order(x);
    const [b1, b2] = order(y);
    return a1 - b1 || a2 - b2;
  });
}

export interface FundingRow {
  /** The funder's code, or null for the contract's specific credits. */
  code: string | null;
  name: string;
  byDomain: Map<string, number>;
  total: number;
}

/**
 * Funders × domains: the contract's specific credits first, then each funder of the Financeurs sheet
 * that is active or contributes, then any funder column unknown to the sheet.
 */
export function fundingMatrix(
  actions: readonly Action[],
  funders: readonly Funder[],
  domains: readonly DomainRef[],
): FundingRow[] {
  const counted = actions.filter(countsInMoney);
  const row = (code: string | null, name: string, amount: (a: Action) => number): FundingRow => {
    const byDomain = new Map<string, number>(domains.map((d) => [d.code, 0]));
    for (const a of counted) {
      if (byDomain.has(a.domain)) byDomain.set(a.domain, byDomain.get(a.domain)! + amount(a));
    }
    return { code, name, byDomain, total: [...byDomain.values()].reduce((s, v) => s + v, 0) };
  };
  const used = new Set(counted.flatMap((a) => Object.keys(a.funding)));
  const known = new Set(funders.map((f) => f.code));
  const rows = [row(null, 'Crédits spécifiques du contrat', (a) => a.credits ?? 0)];
  for (const f of funders) {
    if (f.active || used.has(f.code)) rows.push(row(f.code, f.name, (a) => a.funding[f.code] ?? 0));
  }
  for (const code of [...used].filter((c) => !known.has(c)).sort()) {
    rows.push(row(code, `${code} (absent de la feuille Financeurs)`, (a) => a.funding[code] ?? 0));
  }
  return rows;
}

/** The calendar day of a stamp written as 2008-11-15T10:30:00 or as 15/11/2008 10:30. */
function isoDay(stamp: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(stamp);
  if (iso) return iso[0];
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(stamp);
  return fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : null;
}

/** The latest « Mis à jour le » of the actions and measures: the date the data stands at. */
export function dataAsOf(data: Pick<WorkbookData, 'actions' | 'measures'>): string | null {
  let latest: string | null = null;
  for (const { record } of [...data.actions, ...data.measures]) {
    const day = isoDay(record.updatedAt);
    if (day && (latest === null || day > latest)) latest = day;
  }
  return latest;
}
