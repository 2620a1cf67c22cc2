/**
 * Observation × mise en œuvre, the figures: a quartier's context indicators next to its commune's and
 * the agglomération's for the same year, the gap (in points for a rate, as a ratio for an amount, as a
 * share for a count) and how that gap moved since the indicator's reference year, worded with the
 * indicator's desired direction. Values marked secret or unavailable are never read as zero.
 */
import type { Indicator, Measure, Territory } from '../schemas';
import { aggregationOf, type MeasureMarker } from './vocabulary';

/** A territory's value for a year: a number, a mark, or nothing measured. */
export interface Reading {
  value: number | null;
  marker: MeasureMarker | '';
}

const NOTHING: Reading = { value: null, marker: '' };
const EPSILON = 1e-9;

export class ObservationIndex {
  private readonly readings = new Map<string, Reading>();

  constructor(measures: readonly Pick<Measure, 'indicator' | 'year' | 'territory' | 'value' | 'marker'>[]) {
    for (const m of measures) {
      const key = ObservationIndex.key(m.indicator, m.year, m.territory);
      if (!this.readings.has(key)) this.readings.set(key, { value: m.value, marker: m.marker });
    }
  }

  private static key(indicator: string, year: number, territory: string): string {
    return `${indicator}|${year}|${territory}`;
  }

  get(indicator: string, year: number, territory: string): Reading {
    return this.readings.get(ObservationIndex.key(indicator, year, territory)) ?? NOTHING;
  }

  has(indicator: string, territory: string): boolean {
    const prefix = `${indicator}|`;
    const suffix = `|${territory}`;
    for (const key of this.readings.keys()) if (key.startsWith(prefix) && key.endsWith(suffix)) return true;
    return false;
  }
}

export type GapKind = 'points' | 'ratio' | 'part';

/** Rates compare in points; counts as the quartier's share of the reference; other amounts as a ratio. */
export function gapKindOf(indicator: Pick<Indicator, 'unit' | 'aggregation'>): GapKind {
  if (indicator.unit === '%' || indicator.unit === 'taux pour 1000') return 'points';
  return aggregationOf(indicator) === 'somme' ? 'part' : 'ratio';
}

export function gapOf(kind: GapKind, value: number | null, reference: number | null): number | null {
  if (value === null || reference === null) return null;
  if (kind === 'points') return value - reference;
  return Math.abs(reference) < EPSILON ? null : value / reference;
}

/**
 * Combines the year's values of several territories by the indicator's rule: a sum, a mean weighted by
 * the population indicator of the same year, or nothing for a « non agrégeable » indicator. One member
 * without a value (or with a secret one) makes the combination unknown: a partial sum would pass for a
 * whole.
 */
export function combine(
  indicator: Pick<Indicator, 'code' | 'unit' | 'aggregation' | 'weight'>,
  year: number,
  codes: readonly string[],
  index: ObservationIndex,
): number | null {
  if (codes.length === 0) return null;
  const values = codes.map((c) => index.get(indicator.code, year, c).value);
  if (values.some((v) => v === null)) return null;
  const rule = aggregationOf(indicator);
  if (rule === 'somme') return (values as number[]).reduce((s, v) => s + v, 0);
  if (rule === 'non agrégeable' || !indicator.weight) return null;
  const weights = codes.map((c) => index.get(indicator.weight, year, c).value);
  if (weights.some((w) => w === null)) return null;
  const total = (weights as number[]).reduce((s, w) => s + w, 0);
  if (total <= 0) return null;
  return (values as number[]).reduce((s, v, i) => s + v * weights[i]!, 0) / total;
}

/** The words of a gap that moved, seen from the quartier: behind its reference, or ahead of it. */
export function gapTrendWord(
  kind: GapKind,
  direction: Indicator['direction'],
  before: number | null,
  now: number | null,
): string | null {
  if (kind === 'part' || before === null || now === null) return null;
  // Distance to the reference: points apart, or how many times apart (a ratio of 2 is as far as ½).
  const distance = (g: number) =>
    kind === 'points' ? Math.abs(g) : g > 0 ? Math.abs(Math.log(g)) : Infinity;
  const behind = (g: number) =>
    (kind === 'points' ? g : Math.log(g)) * (direction === 'baisse' ? 1 : -1) > EPSILON;
  const change = distance(now) - distance(before);
  const closing = change < -1e-6;
  const widening = change > 1e-6;
  if (!closing && !widening) return 'écart stable';
  if (behind(now) || (!behind(before) && distance(before) < EPSILON)) {
    return closing ? 'écart qui se réduit' : 'écart qui se creuse';
  }
  return closing ? 'avance qui se réduit' : 'avance qui s’accroît';
}

/** The quartier's own move since the reference year, for the desired direction. */
export function evolutionWord(direction: Indicator['direction'], change: number | null): string | null {
  if (change === null) return null;
  if (Math.abs(change) < EPSILON) return 'stable';
  return change > 0 === (direction === 'hausse') ? 'amélioration' : 'dégradation';
}

export interface Comparison {
  indicator: Indicator;
  year: number;
  baselineYear: number;
  kind: GapKind;
  territory: Reading;
  commune: Reading | null;
  agglomeration: Reading | null;
  /** The territory against the commune and the agglomération, this year and in the reference year. */
  gapCommune: number | null;
  gapAgglomeration: number | null;
  baselineGapCommune: number | null;
  /** The territory's value of the reference year. */
  baseline: number | null;
  /** The territory's value minus its value of the reference year (points for a rate). */
  change: number | null;
  changeWord: string | null;
  /** How the gap to the commune (else to the agglomération) moved since the reference year. */
  gapWord: string | null;
}

export interface ComparisonPlaces {
  territory: Territory;
  commune: Territory | null;
  agglomeration: Territory | null;
}

/** The commune and the agglomération a territory belongs to, by its Rattachement chain. */
export function placesOf(territories: readonly Territory[], code: string): ComparisonPlaces | null {
  const byCode = new Map(territories.map((t) => [t.code, t]));
  const territory = byCode.get(code);
  if (!territory) return null;
  const chain: Territory[] = [];
  const seen = new Set<string>();
  for (let t = byCode.get(territory.parent); t && !seen.has(t.code); t = byCode.get(t.parent)) {
    seen.add(t.code);
    chain.push(t);
  }
  const agglomerations = territories.filter((t) => t.level === 'agglomération');
  return {
    territory,
    commune: territory.level === 'commune' ? null : (chain.find((t) => t.level === 'commune') ?? null),
    agglomeration:
      territory.level === 'agglomération'
        ? null
        : (chain.find((t) => t.level === 'agglomération') ??
          (agglomerations.length === 1 ? agglomerations[0]! : null)),
  };
}

/** Every context indicator measured for the territory, compared with its commune and agglomération. */
export function compareTerritory(
  indicators: readonly Indicator[],
  places: ComparisonPlaces,
  year: number,
  index: ObservationIndex,
): Comparison[] {
  return indicators
    .filter((i) => i.kind === 'contexte' && index.has(i.code, places.territory.code))
    .map((indicator) => compareOne(indicator, places, year, index));
}

function compareOne(
  indicator: Indicator,
  places: ComparisonPlaces,
  year: number,
  index: ObservationIndex,
): Comparison {
  const kind = gapKindOf(indicator);
  const base = indicator.baselineYear;
  const read = (t: Territory | null, y: number) => (t ? index.get(indicator.code, y, t.code) : null);
  const territory = read(places.territory, year)!;
  const commune = read(places.commune, year);
  const agglomeration = read(places.agglomeration, year);
  const reference = commune?.value != null ? places.commune : places.agglomeration;
  const gapNow = gapOf(kind, territory.value, read(reference, year)?.value ?? null);
  const gapBefore = gapOf(kind, read(places.territory, base)!.value, read(reference, base)?.value ?? null);
  const baseline = read(places.territory, base)!.value;
  const change =
    year === base || territory.value === null || baseline === null ? null : territory.value - baseline;
  return {
    indicator,
    year,
    baselineYear: base,
    kind,
    territory,
    commune,
    agglomeration,
    gapCommune: gapOf(kind, territory.value, commune?.value ?? null),
    gapAgglomeration: gapOf(kind, territory.value, agglomeration?.value ?? null),
    baselineGapCommune: gapOf(kind, baseline, read(places.commune, base)?.value ?? null),
    baseline,
    change,
    changeWord: evolutionWord(indicator.direction, change),
    gapWord: year === base ? null : gapTrendWord(kind, indicator.direction, gapBefore, gapNow),
  };
}
