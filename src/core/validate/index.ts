/** « Valider les données »: the pure validation and what the Contrôles sheet and the dialog show. */
export {
  CHECKS_SPEC,
  checksLayout,
  type Link,
  MARK_COLOURS,
  MARK_FORMULA,
  markRanges,
  NOTHING_TO_FIX,
  problemLink,
  validationSummary,
} from './checks';
export type { MergedRange } from './context';
export {
  type GatedAction,
  placeOf,
  type QualityGate,
  qualityGate,
  type RejectedIndicator,
  type RejectedMeasure,
} from './gate';
export { MSG } from './messages';
export {
  type IdAssignment,
  type ProblemCounts,
  summariseProblems,
  type ValidationOptions,
  type ValidationResult,
  validateWorkbook,
} from './validate';
