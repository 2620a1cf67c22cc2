/** What every rule needs: the workbook as read, the raw grids for exact values, and located problems. */
import { cellText, type Grid } from '../cells';
import type { Problem, Severity } from '../problems';
import { codeOf, type WorkbookData } from '../records';
import type { Table, TableRow } from '../table';

/** A merged range of a sheet: 1-based first row and column, and its size. */
export interface MergedRange {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface RuleContext {
  /** The grids as the user left them. */
  grids: ReadonlyMap<string, Grid>;
  /** The workbook read from the grids once code variants are canonicalised. */
  data: WorkbookData;
  merged: ReadonlyMap<string, MergedRange[]>;
  today: Date;
  /** Every sheet of the spreadsheet, read or not. */
  sheetNames: ReadonlySet<string>;
  /** Every funder code of the Financeurs sheet, active or not. */
  funderCodes: Set<string>;
  /** Objective code → its domain. */
  objectives: Map<string, string>;
  /** Action line code → its objective. */
  lines: Map<string, string>;
  domainNames: Map<string, string>;
}

export type Rule = (ctx: RuleContext) => Problem[];

/** A problem on one cell of a table row; none when the column is missing (its checks are skipped). */
export function cellProblem(
  table: Table,
  row: TableRow,
  key: string,
  severity: Severity,
  message: string,
): Problem[] {
  const columnIndex = table.mapping.index.get(key);
  if (columnIndex === undefined) return [];
  const column = table.spec.columns.find((c) => c.key === key)!;
  return [
    {
      severity,
      sheet: table.spec.name,
      row: row.row,
      column: column.header,
      columnIndex,
      value: cellText(row.raw[columnIndex] ?? ''),
      message,
    },
  ];
}

/** A problem on a cell found by its index (funder columns, headers). */
export function indexedProblem(
  table: Table,
  row: number,
  columnIndex: number,
  severity: Severity,
  message: string,
  value: string,
): Problem {
  const column = cellText(table.headerRow[columnIndex] ?? '').trim();
  return { severity, sheet: table.spec.name, row, column, columnIndex, value, message };
}

export function rowProblem(sheet: string, row: number | null, severity: Severity, message: string): Problem {
  return { severity, sheet, row, column: null, columnIndex: null, value: '', message };
}

/** « ligne 7 » in the same sheet, « Santé, ligne 7 » elsewhere: where the other occurrences are. */
export function otherPlaces(here: string, places: { sheet: string; row: number }[]): string[] {
  return places.map((p) => (p.sheet === here ? `ligne ${p.row}` : `${p.sheet}, ligne ${p.row}`));
}

/**
 * Groups items by a key and calls `report` on every item that shares its key with others,
 * passing the other items: duplicates are reported at each occurrence so that each links to its cell.
 */
export function forEachDuplicate<T>(
  items: T[],
  keyOf: (item: T) => string | null,
  report: (item: T, others: T[]) => void,
): void {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key) ?? [];
    group.push(item);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const item of group)
      report(
        item,
        group.filter((other) => other !== item),
      );
  }
}

const codes = new Map<string, string>();

/** codeOf, each distinct cell text parsed once: codes repeat over thousands of rows. */
export function cachedCodeOf(text: string): string {
  let code = codes.get(text);
  if (code === undefined) {
    code = codeOf(text);
    if (codes.size > 50_000) codes.clear();
    codes.set(text, code);
  }
  return code;
}
