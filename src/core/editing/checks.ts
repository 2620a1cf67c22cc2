/**
 * Checks of a form against the workbook's lists and the rules between fields, and the funding plan's
 * total.
 */

import { formatEuros, fromIsoDate } from '../cells';
import { findDomain, findObjective, type Referentiel } from '../referentiel';
import {
  type Action,
  ActionSchema,
  actionConsistency,
  type Funder,
  type Indicator,
  type Measure,
  type Territory,
} from '../schemas';
import { formErrors, type MeasureRequest, MeasureRequestSchema, type ProgressRequest } from './requests';

// ------------------------------------------------------------------ reference checks

export interface ReferenceLists {
  referentiel: Referentiel;
  territories: Pick<Territory, 'code'>[];
  funders: Pick<Funder, 'code'>[];
  indicators: Pick<Indicator, 'code' | 'unit'>[];
}

/** Codes of an action that the workbook's lists do not know (Référentiel, Territoires, Financeurs). */
export function actionReferenceErrors(
  action: Pick<Action, 'domain' | 'objective' | 'actionLine' | 'territories' | 'axes' | 'funding'>,
  lists: ReferenceLists,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!findDomain(lists.referentiel, action.domain)) {
    errors.domain = `Domaine inconnu\u00a0: « ${action.domain} » n’est pas un domaine actif du Référentiel.`;
  }
  const objective = findObjective(lists.referentiel, action.objective);
  if (action.objective && (!objective || objective.domain !== action.domain)) {
    errors.objective = `Objectif inconnu dans ce domaine : « ${action.objective} ».`;
  }
  if (action.actionLine && !objective?.lines.some((l) => l.code === action.actionLine)) {
    errors.actionLine = `La ligne d’action « ${action.actionLine} » n’appartient pas à l’objectif choisi.`;
  }
  const axes = new Set(lists.referentiel.axes.map((a) => a.code));
  const unknownAxes = action.axes.filter((a) => !axes.has(a));
  if (unknownAxes.length > 0) {
    errors.axes = `Axe inconnu du Référentiel\u00a0: ${unknownAxes.join(', ')}.`;
  }
  const known = new Set(lists.territories.map((t) => t.code));
  const unknown = action.territories.filter((t) => !known.has(t));
  if (unknown.length > 0) {
    errors.territories = `Territoire inconnu (feuille Territoires) : ${unknown.join(', ')}.`;
  }
  const funders = new Set(lists.funders.map((f) => f.code));
  for (const code of Object.keys(action.funding)) {
    if (!funders.has(code)) errors[`funding.${code}`] = `Financeur inconnu (feuille Financeurs) : ${code}.`;
  }
  return errors;
}

/** The rules between fields, on a form that may still hold invalid fields (NaN, blanks). */
function consistencyErrors(candidate: unknown): Record<string, string> {
  const c = (candidate ?? {}) as Record<string, unknown>;
  const date = (v: unknown) => (typeof v === 'string' && fromIsoDate(v) ? v : null);
  const amount = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const issues = actionConsistency({
    startDate: date(c.startDate),
    endDate: date(c.endDate),
    budget: amount(c.budget),
    credits: amount(c.credits),
    status: c.status as Action['status'],
  });
  return Object.fromEntries(issues.map((i) => [i.field, i.message]));
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** The whole check of an action form: schema, rules between fields, then codes. */
export function checkAction(candidate: unknown, lists: ReferenceLists): Checked<Action> {
  const parsed = ActionSchema.safeParse(candidate);
  if (!parsed.success) {
    // zod skips the rules between fields while a field is invalid: the form shows them all at once.
    return { ok: false, errors: { ...consistencyErrors(candidate), ...formErrors(parsed.error) } };
  }
  const errors = actionReferenceErrors(parsed.data, lists);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

export function measureReferenceErrors(
  measure: Pick<Measure, 'indicator' | 'territory' | 'value'>,
  lists: Pick<ReferenceLists, 'indicators' | 'territories'>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const indicator = lists.indicators.find((i) => i.code === measure.indicator);
  if (!indicator) errors.indicator = `Indicateur inconnu (feuille Indicateurs) : « ${measure.indicator} ».`;
  if (!lists.territories.some((t) => t.code === measure.territory)) {
    errors.territory = `Territoire inconnu (feuille Territoires) : « ${measure.territory} ».`;
  }
  const { value } = measure;
  if (indicator?.unit === '%' && value !== null && (value < 0 || value > 100)) {
    errors.value = 'Un pourcentage est compris entre 0 et 100.';
  }
  return errors;
}

export function checkMeasure(
  candidate: unknown,
  lists: Pick<ReferenceLists, 'indicators' | 'territories'>,
): Checked<MeasureRequest> {
  const parsed = MeasureRequestSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: formErrors(parsed.error) };
  const errors = measureReferenceErrors(parsed.data, lists);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** A status change that the action's other fields do not allow (a finished action needs its end date). */
export function progressErrors(
  request: Pick<ProgressRequest, 'status'>,
  action: Pick<Action, 'endDate'>,
): Record<string, string> {
  return request.status === 'réalisée' && !action.endDate
    ? { status: 'Une action réalisée doit avoir une date de fin : renseignez-la dans l’onglet « Action ».' }
    : {};
}

// ------------------------------------------------------------------ funding

/** Credits of the contract plus every co-funder: what should add up to the planned budget. */
export function fundingTotal(action: Pick<Action, 'credits' | 'funding'>): number {
  return Object.values(action.funding).reduce((sum, n) => sum + n, action.credits ?? 0);
}

/** The French warning shown while the funding plan does not match the budget, or null. */
export function fundingWarning(
  action: Pick<Action, 'budget' | 'credits' | 'funding'>,
  tolerance: number,
): string | null {
  const total = fundingTotal(action);
  if (action.budget === null) {
    return total > 0 ? `Indiquez le budget prévu : les financements totalisent ${formatEuros(total)}.` : null;
  }
  const gap = action.budget - total;
  if (Math.abs(gap) <= tolerance) return null;
  return gap > 0
    ? `Le plan de financement ne boucle pas : il manque ${formatEuros(gap)} pour atteindre le budget prévu (${formatEuros(action.budget)}).`
    : `Le plan de financement ne boucle pas : les financements dépassent le budget prévu (${formatEuros(action.budget)}) de ${formatEuros(-gap)}.`;
}
