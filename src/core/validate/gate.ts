/**
 * The data-quality gate: what the one validation rejects never reaches a figure of the report.
 * From the validation's problems it tells, row by row, what is left out:
 * - an amount of an action in error (budget, crédits, a cofinancement, dépensé, bénéficiaires) is left
 *   out alone, the rest of the action counts;
 * - any other error of an action row (status, dates, codes, ID…) leaves the whole action out of the
 *   counts: what it would add cannot be trusted;
 * - an indicator or a measure row with an error is left out whole.
 * A warning leaves everything in, but the report marks what it concerns.
 */
import type { Problem } from '../problems';
import { codeOf, type Located, type WorkbookData } from '../records';
import type { Action } from '../schemas';
import { funderColumns, type TableRow } from '../table';

/** The amounts of an action that an error leaves out alone; funder columns are amounts too. */
const AMOUNT_KEYS = ['budget', 'credits', 'spent', 'beneficiaries'] as const;
type AmountKey = (typeof AMOUNT_KEYS)[number];

export interface GatedAction extends Located<Action> {
  /** The errors that leave the whole action out; empty when it counts. */
  rowErrors: Problem[];
  /** Amounts left out, by field (budget…) or funder code, with the error that rejects each. */
  amountErrors: Map<string, Problem>;
  warnings: Problem[];
}

export interface RejectedMeasure {
  sheet: string;
  row: number;
  indicator: string;
  year: number | null;
  territory: string;
  errors: Problem[];
}

export interface RejectedIndicator {
  sheet: string;
  row: number;
  code: string;
  label: string;
  domain: string;
  errors: Problem[];
}

export interface QualityGate {
  /** The workbook as the report may count it: rejected rows out, rejected amounts emptied. */
  counted: WorkbookData;
  /** Every action as read, with what the gate found on its row. */
  actions: GatedAction[];
  rejectedIndicators: RejectedIndicator[];
  rejectedMeasures: RejectedMeasure[];
  /** Every error whose value or row the figures leave out, in the validation's order. */
  leftOut: Problem[];
  /** The warnings of a row (« Santé » row 5), for the report's marks. */
  warningsAt(sheet: string, row: number): Problem[];
}

/** « Santé, ligne 5 »: where a rejected value is, as the report names it. */
export const placeOf = (p: { sheet: string; row: number | null }): string =>
  p.row === null ? p.sheet : `${p.sheet}, ligne ${p.row}`;

export function qualityGate(result: { data: WorkbookData; problems: readonly Problem[] }): QualityGate {
  const { data } = result;
  const byRow = new Map<string, Problem[]>();
  for (const p of result.problems) {
    if (p.row === null) continue;
    const key = `${p.sheet}|${p.row}`;
    byRow.set(key, [...(byRow.get(key) ?? []), p]);
  }
  const at = (sheet: string, row: number) => byRow.get(`${sheet}|${row}`) ?? [];
  const errorsAt = (sheet: string, row: number) => at(sheet, row).filter((p) => p.severity === 'erreur');
  const leftOut = new Set<Problem>();

  const actions = data.actions.map((located): GatedAction => {
    const gated = gateAction(data, located, errorsAt(located.sheet, located.row));
    for (const p of [...gated.rowErrors, ...gated.amountErrors.values()]) leftOut.add(p);
    return { ...gated, warnings: at(located.sheet, located.row).filter((p) => p.severity !== 'erreur') };
  });
  /** The rows of a table that have errors, each described by `describe`; their errors are left out. */
  const rejectedRows = <T>(key: string, describe: (values: TableRow['values']) => T) => {
    const table = data.tables.get(key);
    return (table?.rows ?? []).flatMap((row) => {
      const errors = errorsAt(table!.spec.name, row.row);
      for (const p of errors) leftOut.add(p);
      return errors.length
        ? [{ sheet: table!.spec.name, row: row.row, errors, ...describe(row.values) }]
        : [];
    });
  };
  const rejectedIndicators: RejectedIndicator[] = rejectedRows('indicators', (v) => ({
    code: text(v.code),
    label: text(v.label),
    domain: codeOf(text(v.domain)),
  }));
  const rejectedMeasures: RejectedMeasure[] = rejectedRows('measures', (v) => ({
    indicator: codeOf(text(v.indicator)),
    year: typeof v.year === 'number' ? v.year : null,
    territory: codeOf(text(v.territory)),
  }));
  const rejected = (list: { sheet: string; row: number }[]) =>
    new Set(list.map((r) => `${r.sheet}|${r.row}`));
  const badIndicators = rejected(rejectedIndicators);
  const badMeasures = rejected(rejectedMeasures);
  const counted: WorkbookData = {
    ...data,
    actions: actions.filter((a) => a.rowErrors.length === 0).map(countedAction),
    indicators: data.indicators.filter((i) => !badIndicators.has(`${i.sheet}|${i.row}`)),
    measures: data.measures.filter((m) => !badMeasures.has(`${m.sheet}|${m.row}`)),
  };
  return {
    counted,
    actions,
    rejectedIndicators,
    rejectedMeasures,
    leftOut: result.problems.filter((p) => leftOut.has(p)),
    warningsAt: (sheet, row) => at(sheet, row).filter((p) => p.severity !== 'erreur'),
  };
}

function gateAction(
  data: WorkbookData,
  located: Located<Action>,
  errors: Problem[],
): Omit<GatedAction, 'warnings'> {
  const table = [...data.tables.values()].find((t) => t.spec.name === located.sheet);
  const amountColumns = new Map<number, string>();
  if (table) {
    for (const key of AMOUNT_KEYS) {
      const index = table.mapping.index.get(key);
      if (index !== undefined) amountColumns.set(index, key);
    }
    for (const [code, index] of funderColumns(table.mapping)) amountColumns.set(index, code);
  }
  const amountErrors = new Map<string, Problem>();
  const rowErrors: Problem[] = [];
  for (const p of errors) {
    const amount = p.columnIndex === null ? undefined : amountColumns.get(p.columnIndex);
    if (amount !== undefined) amountErrors.set(amount, p);
    else rowErrors.push(p);
  }
  return { ...located, rowErrors, amountErrors };
}

/** The action with its rejected amounts emptied: a rejected cofinancement is no cofinancement. */
function countedAction(a: GatedAction): Located<Action> {
  if (a.amountErrors.size === 0) return { sheet: a.sheet, row: a.row, record: a.record };
  const record: Action = { ...a.record, funding: { ...a.record.funding } };
  for (const key of a.amountErrors.keys()) {
    if ((AMOUNT_KEYS as readonly string[]).includes(key)) record[key as AmountKey] = null;
    else delete record.funding[key];
  }
  return { sheet: a.sheet, row: a.row, record };
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : v == null ? '' : String(v));
