/**
 * The indicator values of a report: the value of a scope for a year (which territories' measures make
 * it, summed or averaged), its reference and target, and the row of the indicator table with the values
 * a rejected measure leaves out. The actions' figures are in aggregate.ts.
 */
import type { DomainRef } from '../referentiel';
import type { Indicator, Measure, Territory } from '../schemas';
import { type Assessment, assess, type Reading } from './achievement';
import { levelRank, type ReportScope, territoryFilter } from './aggregate';

/** Counts add up over territories; rates and durations are averaged. */
export const ADDITIVE_UNITS: readonly string[] = ['nombre', 'personnes', 'logements', '€'];

export interface MeasureIndex {
  /** indicator → year → territory → value */
  values: Map<string, Map<number, Map<string, number>>>;
}

export function indexMeasures(measures: readonly Measure[]): MeasureIndex {
  const values: MeasureIndex['values'] = new Map();
  for (const m of measures) {
    const byYear = values.get(m.indicator) ?? new Map<number, Map<string, number>>();
    values.set(m.indicator, byYear);
    const byTerritory = byYear.get(m.year) ?? new Map<string, number>();
    byYear.set(m.year, byTerritory);
    // A secret or unavailable value is no value: never a zero in a sum or a mean.
    if (m.value !== null) byTerritory.set(m.territory, m.value);
  }
  return { values };
}

/**
 * The territories whose measures make the value of a scope, for one indicator:
 * - a territory scope uses the territory's own measures, else those of its sub-territories;
 * - other scopes use the agglomération, else the communes, else the quartiers, else the others;
 * always the highest level that holds a measure of the indicator (any year), so that every year of
 * the indicator is read at the same level and the trend compares like with like.
 */
export function measuredTerritories(
  indicator: string,
  index: MeasureIndex,
  territories: readonly Territory[],
  scope: ReportScope,
): string[] {
  const byYear = index.values.get(indicator);
  if (!byYear) return [];
  const measured = new Set([...byYear.values()].flatMap((m) => [...m.keys()]));
  if (scope.kind === 'territory' && measured.has(scope.code)) return [scope.code];
  const inScope = territoryFilter(territories, scope);
  const candidates = territories.filter((t) => measured.has(t.code) && inScope(t.code));
  if (candidates.length === 0) return [];
  const best = Math.min(...candidates.map((t) => levelRank(t.level)));
  return candidates.filter((t) => levelRank(t.level) === best).map((t) => t.code);
}

/** Sum (counts) or mean (rates) of the year's measures of those territories; null if none. */
export function scopeValue(
  indicator: Pick<Indicator, 'code' | 'unit'>,
  year: number,
  codes: readonly string[],
  index: MeasureIndex,
): number | null {
  const byTerritory = index.values.get(indicator.code)?.get(year);
  if (!byTerritory) return null;
  const values = codes.flatMap((c) => (byTerritory.has(c) ? [byTerritory.get(c)!] : []));
  if (values.length === 0) return null;
  const sum = values.reduce((s, v) => s + v, 0);
  return ADDITIVE_UNITS.includes(indicator.unit) ? sum : sum / values.length;
}

export interface Reference {
  baseline: number | null;
  target: number | null;
  /** Where the reference comes from, when it is not the indicator's own. */
  note: string | null;
}

/**
 * The baseline and target of a scope. The indicator's own for the contract or a domain. For a
 * territory: its own measure of the baseline year if any; the target is the contract's for a rate,
 * and for a count the contract's target scaled by the territory's share of the baseline.
 */
export function scopeReference(
  indicator: Indicator,
  scope: ReportScope,
  codes: readonly string[],
  index: MeasureIndex,
): Reference {
  if (scope.kind !== 'territory')
    return { baseline: indicator.baseline, target: indicator.target, note: null };
  const own = scopeValue(indicator, indicator.baselineYear, codes, index);
  if (!ADDITIVE_UNITS.includes(indicator.unit)) {
    return own === null
      ? { baseline: indicator.baseline, target: indicator.target, note: 'référence du contrat' }
      : { baseline: own, target: indicator.target, note: null };
  }
  if (own === null || !indicator.baseline || indicator.target === null) {
    return { baseline: null, target: null, note: 'pas de référence pour ce territoire' };
  }
  return {
    baseline: own,
    target: (indicator.target * own) / indicator.baseline,
    note: 'cible du contrat au prorata de la référence',
  };
}

/** A measure the gate flags (an error rejects it, a warning marks it): where it is, for the report. */
export interface MeasurePlace {
  indicator: string;
  year: number | null;
  territory: string;
  /** « Mesures, ligne 12 ». */
  place: string;
}

export interface IndicatorRow {
  indicator: Indicator;
  reference: Reference;
  reading: Reading;
  assessment: Assessment;
  /** Progress towards the target for each year asked, for the trend chart (null: no value). */
  progressSeries: Map<number, number | null>;
  /** The values a rejected measure leaves out, with the place of that measure. */
  toCorrect: Map<ValueKey, string>;
  /** The values a measure under a warning makes: they count, marked, with the place of that measure. */
  warned: Map<ValueKey, string>;
}

/** The values of an indicator row that come from measures. */
export type ValueKey = 'baseline' | 'previous' | 'value';

/**
 * The indicator table's rows. A rejected measure that would have made a value (same indicator and
 * year, one of the territories the scope reads) leaves that value out whole: a sum or a mean of the
 * other territories would pass for the scope's value. A measure under a warning counts, and the value
 * it makes is marked.
 */
export function indicatorRows(
  indicators: readonly Indicator[],
  index: MeasureIndex,
  territories: readonly Territory[],
  scope: ReportScope,
  year: number,
  chartYears: readonly number[],
  rejected: readonly MeasurePlace[] = [],
  warnedMeasures: readonly MeasurePlace[] = [],
): IndicatorRow[] {
  const withRejected = rejected.length ? indexWithRejected(index, rejected) : index;
  return indicators.map((indicator) => {
    const codes = measuredTerritories(indicator.code, withRejected, territories, scope);
    const madeBy = (places: readonly MeasurePlace[], y: number) =>
      places.find((r) => r.indicator === indicator.code && r.year === y && codes.includes(r.territory));
    const rejectedIn = (y: number) => madeBy(rejected, y);
    let reference = scopeReference(indicator, scope, codes, index);
    const toCorrect: IndicatorRow['toCorrect'] = new Map();
    const baselineRejected = scope.kind === 'territory' ? rejectedIn(indicator.baselineYear) : undefined;
    if (baselineRejected) {
      toCorrect.set('baseline', baselineRejected.place);
      reference = { baseline: null, target: null, note: null };
    }
    const valueIn = (y: number) => (rejectedIn(y) ? null : scopeValue(indicator, y, codes, index));
    for (const [key, y] of [
      ['previous', year - 1],
      ['value', year],
    ] as const) {
      const found = rejectedIn(y);
      if (found) toCorrect.set(key, found.place);
    }
    const warned: IndicatorRow['warned'] = new Map();
    const years: [ValueKey, number][] = [
      ['previous', year - 1],
      ['value', year],
    ];
    // The reference comes from a measure only for a territory (else it is the indicator's own).
    if (scope.kind === 'territory' && reference.baseline !== null)
      years.push(['baseline', indicator.baselineYear]);
    for (const [key, y] of years) {
      const found = toCorrect.has(key) ? undefined : madeBy(warnedMeasures, y);
      if (found) warned.set(key, found.place);
    }
    const reading: Reading = {
      direction: indicator.direction,
      baseline: reference.baseline,
      target: reference.target,
      previous: valueIn(year - 1),
      value: valueIn(year),
    };
    const progressSeries = new Map(
      chartYears.map((y) => {
        const v = y === indicator.baselineYear && valueIn(y) === null ? reference.baseline : valueIn(y);
        return [y, rejectedIn(y) ? null : assess({ ...reading, value: v, previous: null }).progress] as const;
      }),
    );
    const assessment = assess(reading);
    if (toCorrect.has('value') || toCorrect.has('baseline')) assessment.mark = 'donnée à corriger';
    return { indicator, reference, reading, assessment, progressSeries, toCorrect, warned };
  });
}

/** The index with the rejected measures' places added, so that the scope reads the same territories. */
function indexWithRejected(index: MeasureIndex, rejected: readonly MeasurePlace[]): MeasureIndex {
  const values: MeasureIndex['values'] = new Map(
    [...index.values].map(([code, byYear]) => [
      code,
      new Map([...byYear].map(([y, byTerritory]) => [y, new Map(byTerritory)])),
    ]),
  );
  for (const r of rejected) {
    if (r.year === null) continue;
    const byYear = values.get(r.indicator) ?? new Map<number, Map<string, number>>();
    values.set(r.indicator, byYear);
    const byTerritory = byYear.get(r.year) ?? new Map<string, number>();
    byYear.set(r.year, byTerritory);
    if (!byTerritory.has(r.territory)) byTerritory.set(r.territory, Number.NaN);
  }
  return { values };
}

export function indicatorsInScope(indicators: readonly Indicator[], domains: readonly DomainRef[]) {
  const codes = new Set<string>(domains.map((d) => d.code));
  return indicators.filter((i) => codes.has(i.domain));
}
