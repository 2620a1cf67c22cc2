/**
 * The words of observation data (issue 12): how an indicator's values combine across territories and
 * how a value that is not published is marked. Rates are never summed: a territory's rate is the mean
 * of its parts weighted by a population indicator, or is not computed at all.
 */

export const AGGREGATION_RULES = ['somme', 'moyenne pondérée', 'non agrégeable'] as const;
export type AggregationRule = (typeof AGGREGATION_RULES)[number];

/** A value the producer does not publish: kept as such, never read as zero. */
export const MEASURE_MARKERS = ['secret statistique', 'non disponible'] as const;
export type MeasureMarker = (typeof MEASURE_MARKERS)[number];

/** The domain of a context indicator that belongs to none (typed in Indicateurs, stored as empty). */
export const TRANSVERSAL = 'transversal';

/** Units whose values are counts: a territory's value is the sum of its parts'. */
export const COUNT_UNITS: readonly string[] = ['nombre', 'personnes', 'logements', '€'];

/** The rule an indicator follows: its own, or the one its unit implies (counts add up, rates do not). */
export function aggregationOf(indicator: { aggregation: string; unit: string }): AggregationRule {
  if ((AGGREGATION_RULES as readonly string[]).includes(indicator.aggregation)) {
    return indicator.aggregation as AggregationRule;
  }
  return COUNT_UNITS.includes(indicator.unit) ? 'somme' : 'non agrégeable';
}

/** The largest observation file the dialog sends (google.script.run carries a few megabytes at most). */
export const MAX_IMPORT_BYTES = 5_000_000;
