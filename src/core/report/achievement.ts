/**
 * How far an indicator went from its baseline towards its target, read in its desired direction,
 * and the mark the report gives it. The rules are written out in the report's method note
 * (see METHOD_NOTES): change one, change the other.
 */
import { percentText } from './format';
import type { Mark } from './model';

export type Direction = 'hausse' | 'baisse';

export interface Reading {
  direction: Direction;
  /** B: the reference value; null when the scope has none. */
  baseline: number | null;
  /** T: the target; null when the scope has none. */
  target: number | null;
  /** The value of year N-1, if measured. */
  previous: number | null;
  /** V: the value of year N, if measured. */
  value: number | null;
}

export type Trend = 'hausse' | 'baisse' | 'stable';

export interface Assessment {
  /** (V − B) / (T − B): 0 at the baseline, 1 at the target; null when it cannot be computed. */
  progress: number | null;
  mark: Mark;
  trend: Trend | null;
}

/** Thresholds of the marks, as fractions of the way from the baseline to the target. */
export const ACHIEVED = 1;
export const ON_TRACK = 0.5;
export const ON_TRACK_IF_IMPROVING = 0.25;

const EPSILON = 1e-9;

/** Whether `a` is better than `b` in the desired direction (strictly). */
export function isBetter(a: number, b: number, direction: Direction): boolean {
  return direction === 'hausse' ? a - b > EPSILON : b - a > EPSILON;
}

/**
 * (V − B) / (T − B). The same formula serves both directions: for a « baisse » indicator T < B, so a
 * value falling below B gives a positive share. Null when T = B (no way to go) or a value is missing.
 */
export function progressTowardsTarget(baseline: number | null, target: number | null, value: number | null) {
  if (baseline === null || target === null || value === null) return null;
  if (Math.abs(target - baseline) <= EPSILON) return null;
  // + 0 turns the −0 of a « baisse » indicator at its baseline into a plain 0.
  return (value - baseline) / (target - baseline) + 0;
}

export function trendOf(previous: number | null, value: number | null): Trend | null {
  if (previous === null || value === null) return null;
  if (value - previous > EPSILON) return 'hausse';
  if (previous - value > EPSILON) return 'baisse';
  return 'stable';
}

export function assess(r: Reading): Assessment {
  const trend = trendOf(r.previous, r.value);
  const progress = progressTowardsTarget(r.baseline, r.target, r.value);
  return { progress, trend, mark: markOf(r, progress) };
}

function markOf(r: Reading, progress: number | null): Mark {
  const { value, baseline, target, previous, direction } = r;
  if (value === null || baseline === null || target === null) return 'pas de donnée';
  // A target equal to the baseline means « hold the line »: reached unless the value got worse.
  if (progress === null) return isBetter(target, value, direction) ? 'en recul' : 'atteint';
  if (progress >= ACHIEVED - EPSILON) return 'atteint';
  if (progress < -EPSILON) return 'en recul';
  if (previous !== null && isBetter(previous, value, direction)) return 'en recul';
  if (progress >= ON_TRACK - EPSILON) return 'en bonne voie';
  const improving = previous !== null && isBetter(value, previous, direction);
  if (progress >= ON_TRACK_IF_IMPROVING - EPSILON && improving) return 'en bonne voie';
  return 'à surveiller';
}

/** « ↗ en hausse (favorable) »: the arrow for the eye, the words for everyone. */
export function trendText(trend: Trend | null, direction: Direction): string {
  if (trend === null) return '— non calculable';
  if (trend === 'stable') return '→ stable';
  const favourable = trend === direction ? 'favorable' : 'défavorable';
  return trend === 'hausse' ? `↗ en hausse (${favourable})` : `↘ en baisse (${favourable})`;
}

/** The achievement column: « 75 % », « cible = référence » or « — ». */
export function progressText(a: Assessment, r: Reading): string {
  if (a.progress !== null) return percentText(a.progress);
  if (r.value !== null && r.baseline !== null && r.target !== null) return 'cible = référence';
  return '—';
}

/** The method note of the report's annex: the rules above, in French. */
export const METHOD_NOTES: string[] = [
  'Taux de réalisation d’un indicateur : (valeur N − valeur de référence) ÷ (cible − valeur de référence). Il vaut 0 % à la valeur de référence et 100 % à la cible. La même formule vaut pour un indicateur dont le sens souhaité est la baisse : la cible y est inférieure à la référence, et une valeur qui baisse donne un taux positif.',
  `Appréciation : « atteint » à partir de ${percentText(ACHIEVED)} ; « en recul » si la valeur N est moins bonne que la référence ou que la valeur N-1 dans le sens souhaité ; « en bonne voie » à partir de ${percentText(ON_TRACK)}, ou à partir de ${percentText(ON_TRACK_IF_IMPROVING)} si la valeur s’améliore depuis N-1 ; « à surveiller » sinon ; « pas de donnée » sans valeur pour l’année N (ou sans référence pour le territoire choisi).`,
  'Quand la cible est égale à la valeur de référence (maintenir un niveau), l’indicateur est « atteint » si la valeur N est au moins aussi bonne que la cible dans le sens souhaité, « en recul » sinon.',
  'Tendance : comparaison des valeurs N-1 et N (↗ en hausse, ↘ en baisse, → stable), dite favorable ou défavorable selon le sens souhaité.',
];
