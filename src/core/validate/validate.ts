/**
 * « Valider les données » as a pure function: grids in, located problems and the IDs to assign out.
 * Reading (core/records) reports what cells hold; the rules here add what rows and sheets must agree on.
 */

import { cellText, type Grid, isBlank } from '../cells';
import { DECISION_ID_PREFIX } from '../decisions';
import { nextActionId } from '../ids';
import type { Problem, Severity } from '../problems';
import { a1Range } from '../problems';
import { readWorkbook, type WorkbookData } from '../records';
import { actionRules } from './actions';
import { closingRules } from './closings';
import type { MergedRange, Rule, RuleContext } from './context';
import { decisionRules } from './decisions';
import { indicatorRules, measureRules } from './indicators';
import { opinionRules } from './opinions';
import { funderRules, referentielRules, territoryRules } from './references';
import { presetRule } from './settings';
import { blankRows, headerProblems, mergedCells, missingSheets } from './structure';
import { canonicaliseCodes } from './vocabulary';

export interface ValidationOptions {
  /** Merged ranges by sheet name, as A1 ranges (« B5:C6 ») or 1-based positions. */
  merged?: ReadonlyMap<string, readonly (string | MergedRange)[]>;
  /** Today's date, for the dates that cannot be in the future. */
  today?: Date;
  /** Every sheet of the spreadsheet, read or not (the Journal is not read); defaults to the grids'. */
  sheetNames?: readonly string[];
}

export interface IdAssignment {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  /** 0-based column index of the ID column. */
  columnIndex: number;
  id: string;
}

export interface ProblemCounts {
  erreur: number;
  avertissement: number;
  /** By sheet, in workbook order. */
  bySheet: Record<string, Record<Severity, number>>;
}

export interface ValidationResult {
  /** Sorted by sheet (workbook order), row and column. */
  problems: Problem[];
  idAssignments: IdAssignment[];
  counts: ProblemCounts;
  /** The workbook as read, variants read as their canonical codes and assigned IDs filled in. */
  data: WorkbookData;
}

const RULES: Rule[] = [
  missingSheets,
  headerProblems,
  blankRows,
  mergedCells,
  referentielRules,
  territoryRules,
  funderRules,
  actionRules,
  indicatorRules,
  measureRules,
  opinionRules,
  presetRule,
  decisionRules,
  closingRules,
];

export function validateWorkbook(
  grids: ReadonlyMap<string, Grid>,
  opts: ValidationOptions = {},
): ValidationResult {
  const canonical = canonicaliseCodes(grids);
  const data = readWorkbook(canonical.grids);
  const idAssignments = assignMissingIds(data);
  const ctx = ruleContext(grids, data, opts);
  const found = [...readProblems(data), ...canonical.problems, ...RULES.flatMap((rule) => rule(ctx))];
  const yearColumns = new Set(
    data.specs.flatMap((s) => s.columns.filter((c) => c.type === 'year').map((c) => `${s.name}|${c.header}`)),
  );
  const problems = sortProblems(dedupe(found.map((p) => withTypedValue(p, grids, yearColumns))), data);
  return { problems, idAssignments, counts: summariseProblems({ problems }), data };
}

export function summariseProblems(result: Pick<ValidationResult, 'problems'>): ProblemCounts {
  const counts: ProblemCounts = { erreur: 0, avertissement: 0, bySheet: {} };
  for (const p of result.problems) {
    counts[p.severity]++;
    const sheet = counts.bySheet[p.sheet] ?? { erreur: 0, avertissement: 0 };
    counts.bySheet[p.sheet] = sheet;
    sheet[p.severity]++;
  }
  return counts;
}

function ruleContext(
  grids: ReadonlyMap<string, Grid>,
  data: WorkbookData,
  opts: ValidationOptions,
): RuleContext {
  const objectives = new Map(
    data.referentiel.domains.flatMap((d) => d.objectives.map((o) => [o.code, d.code])),
  );
  const lines = new Map(
    data.referentiel.domains.flatMap((d) =>
      d.objectives.flatMap((o) => o.lines.map((l) => [l.code, o.code])),
    ),
  );
  const merged = new Map(
    [...(opts.merged ?? new Map())].map(([sheet, ranges]) => [
      sheet,
      ranges.flatMap((r: string | MergedRange) => (typeof r === 'string' ? parseRange(r) : [r])),
    ]),
  );
  return {
    grids,
    data,
    merged,
    today: opts.today ?? new Date(),
    sheetNames: new Set(opts.sheetNames ?? grids.keys()),
    funderCodes: new Set(data.funders.map((f) => f.code)),
    objectives,
    lines,
    domainNames: new Map(data.referentiel.domains.map((d) => [d.code, d.name])),
  };
}

function parseRange(a1: string): MergedRange[] {
  const range = a1Range(a1.trim().toUpperCase());
  if (!range) return [];
  const { top, left, bottom, right } = range;
  return [{ row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 }];
}

/**
 * What reading reported, minus what a missing column caused (its checks are skipped, the missing
 * header says why) and the schema's row-level funding issues (the funding rule locates them).
 */
function readProblems(data: WorkbookData): Problem[] {
  const missing = new Map(
    [...data.tables.values()].map((t) => [t.spec.name, new Set(t.mapping.missing.map((c) => c.header))]),
  );
  const actionSheets = new Set(data.specs.filter((s) => s.role === 'actions').map((s) => s.name));
  return data.problems.filter((p) => {
    if (p.row === null || p.columnIndex !== null) return true;
    if (p.column !== null) return !missing.get(p.sheet)?.has(p.column);
    return !actionSheets.has(p.sheet);
  });
}

/** Rows typed without an ID get the next free one of their domain (DEC for decisions), in sheet order. */
function assignMissingIds(data: WorkbookData): IdAssignment[] {
  const records = [...data.actions, ...data.decisions];
  const existing = records.map((a) => a.record.id).filter((id) => id !== '');
  const byPlace = new Map<string, { id: string }>(records.map((a) => [`${a.sheet}|${a.row}`, a.record]));
  const assignments: IdAssignment[] = [];
  for (const spec of data.specs) {
    const table = data.tables.get(spec.key);
    const columnIndex = table?.mapping.index.get('id');
    const prefix = spec.role === 'decisions' ? DECISION_ID_PREFIX : spec.domain;
    if (!prefix || !table || columnIndex === undefined) continue;
    let last: string | null = null;
    for (const row of table.rows) {
      if (!isBlank(row.raw[columnIndex])) continue;
      const id: string = nextActionId(last ? [last] : existing, prefix);
      last = id;
      assignments.push({ sheet: spec.name, row: row.row, columnIndex, id });
      const action = byPlace.get(`${spec.name}|${row.row}`);
      if (action) action.id = id;
    }
  }
  return assignments;
}

/** Problems show the cell as the user typed it, not its canonical reading; a year reads 2011, not 2 011. */
function withTypedValue(p: Problem, grids: ReadonlyMap<string, Grid>, yearColumns: Set<string>): Problem {
  if (p.row === null || p.columnIndex === null) return p;
  const cell = grids.get(p.sheet)?.[p.row - 1]?.[p.columnIndex];
  if (cell === undefined) return p;
  const isYear = typeof cell === 'number' && yearColumns.has(`${p.sheet}|${p.column}`);
  return { ...p, value: isYear ? String(cell) : cellText(cell) };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = [p.sheet, p.row, p.columnIndex, p.column, p.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortProblems(problems: Problem[], data: WorkbookData): Problem[] {
  const order = new Map(data.specs.map((s, i) => [s.name, i]));
  const rank = (p: Problem) => order.get(p.sheet) ?? order.size;
  return [...problems].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.sheet.localeCompare(b.sheet) ||
      (a.row ?? 0) - (b.row ?? 0) ||
      (a.columnIndex ?? -1) - (b.columnIndex ?? -1) ||
      (a.severity === b.severity ? 0 : a.severity === 'erreur' ? -1 : 1),
  );
}
