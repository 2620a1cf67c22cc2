/**
 * Sheets are read by header name, never by position: users reorder, insert and hide columns.
 * This module maps a header row to the spec, reads typed rows tolerantly, and lays records back out
 * into full rows that keep the user's own columns untouched.
 */
import {
  type CellValue,
  cellText,
  type Grid,
  isBlank,
  isBlankRow,
  normaliseKey,
  type Parsed,
  readBoolean,
  readDate,
  readNumber,
} from './cells';
import type { Problem, Severity } from './problems';
import { type ColumnSpec, FUNDER_KEY_PREFIX, funderCodeOfHeader, type SheetSpec } from './workbook';

export interface HeaderMapping {
  /** Column key → 0-based column index. */
  index: Map<string, number>;
  /** Spec columns with no header in the sheet. */
  missing: ColumnSpec[];
  /** Headers found only after ignoring case, accents and spaces: the installer restores them. */
  variants: { column: ColumnSpec; index: number; found: string }[];
  /** The user's own columns (and duplicated headers), kept as they are. */
  extra: { header: string; index: number }[];
  /** Spec headers found more than once: the first is read and written, the others are the user's. */
  duplicates: { column: ColumnSpec; index: number; others: number[] }[];
  /** Number of columns of the header row (up to the last non-blank header). */
  width: number;
}

export function mapHeaders(spec: SheetSpec, headerRow: readonly CellValue[]): HeaderMapping {
  const headers = headerRow.map((h) => cellText(h).trim());
  const width = lastNonBlank(headers) + 1;
  const index = new Map<string, number>();
  const variants: HeaderMapping['variants'] = [];
  const taken = new Set<number>();
  for (const column of spec.columns) {
    const exact = headers.findIndex((h, i) => !taken.has(i) && h === column.header);
    if (exact >= 0) {
      index.set(column.key, exact);
      taken.add(exact);
    }
  }
  for (const column of spec.columns) {
    if (index.has(column.key)) continue;
    const wanted = normaliseKey(column.header);
    const loose = headers.findIndex((h, i) => !taken.has(i) && h !== '' && normaliseKey(h) === wanted);
    if (loose >= 0) {
      index.set(column.key, loose);
      taken.add(loose);
      variants.push({ column, index: loose, found: headers[loose]! });
    }
  }
  const missing = spec.columns.filter((c) => !index.has(c.key));
  const extra = headers
    .map((header, i) => ({ header, index: i }))
    .filter((h) => h.index < width && !taken.has(h.index));
  const duplicates = spec.columns.flatMap((column) => {
    const first = index.get(column.key);
    const wanted = normaliseKey(column.header);
    const others = extra
      .filter((h) => h.header !== '' && normaliseKey(h.header) === wanted)
      .map((h) => h.index);
    return first !== undefined && others.length > 0 ? [{ column, index: first, others }] : [];
  });
  return { index, missing, variants, extra, width, duplicates };
}

function lastNonBlank(values: readonly string[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] !== '') return i;
  return -1;
}

/** Funder columns of an action sheet, including those of funders added since the last install. */
export function funderColumns(mapping: HeaderMapping): Map<string, number> {
  const found = new Map<string, number>();
  for (const [key, i] of mapping.index) {
    if (key.startsWith(FUNDER_KEY_PREFIX)) found.set(key.slice(FUNDER_KEY_PREFIX.length), i);
  }
  for (const { header, index } of mapping.extra) {
    const code = funderCodeOfHeader(header);
    if (code && !found.has(code)) found.set(code, index);
  }
  return found;
}

export type TypedValue = string | string[] | number | boolean | Date | null;

export interface CellReading {
  value: TypedValue;
  problem?: { severity: Severity; message: string };
}

/** Reads one cell for its column type; a problem explains what was typed and what was understood. */
export function readCell(column: ColumnSpec, raw: CellValue | undefined): CellReading {
  const value = raw ?? '';
  if (column.type === 'boolean')
    return readTyped(readBoolean(value), value, false, 'une case à cocher (oui/non)');
  if (isBlank(value)) return { value: column.type === 'codes' ? [] : blankValue(column) };
  switch (column.type) {
    case 'number':
    case 'money':
    case 'integer':
    case 'year':
      return readNumeric(column, value);
    case 'date':
    case 'datetime':
      return readTyped(readDate(value), value, null, 'une date (jj/mm/aaaa)');
    case 'codes':
      return { value: splitCodes(cellText(value)) };
    default:
      return { value: cellText(value).trim() };
  }
}

function blankValue(column: ColumnSpec): TypedValue {
  return ['id', 'text', 'longtext', 'code', 'choice'].includes(column.type) ? '' : null;
}

function readNumeric(column: ColumnSpec, value: CellValue): CellReading {
  const what = column.type === 'year' ? 'une année (ex. 2008)' : 'un nombre';
  const reading = readTyped(readNumber(value), value, null, what);
  const n = reading.value;
  if (typeof n !== 'number') return reading;
  if ((column.type === 'integer' || column.type === 'year') && !Number.isInteger(n)) {
    return {
      value: null,
      problem: { severity: 'erreur', message: `« ${cellText(value)} » n’est pas ${what} entier.` },
    };
  }
  if (column.type === 'year' && (n < 1990 || n > 2100)) {
    return {
      value: null,
      problem: { severity: 'erreur', message: `« ${cellText(value)} » n’est pas une année plausible.` },
    };
  }
  return reading;
}

function readTyped<T extends TypedValue>(
  parsed: Parsed<T>,
  raw: CellValue,
  fallback: TypedValue,
  what: string,
): CellReading {
  if (!parsed.ok) {
    return {
      value: fallback,
      problem: { severity: 'erreur', message: `« ${cellText(raw)} » n’est pas ${what}.` },
    };
  }
  if (parsed.typedAsText && typeof raw === 'string' && raw.trim() !== '') {
    return {
      value: parsed.value,
      problem: {
        severity: 'avertissement',
        message: `« ${raw} » est saisi comme du texte : il est lu comme ${describe(parsed.value)}. Ressaisissez-le comme ${what} pour que le tableur le reconnaisse.`,
      },
    };
  }
  return { value: parsed.value };
}

function describe(value: TypedValue): string {
  if (value instanceof Date) return cellText(value);
  if (typeof value === 'number') return cellText(value);
  if (typeof value === 'boolean') return value ? '« oui »' : '« non »';
  return String(value);
}

export function splitCodes(text: string): string[] {
  return text
    .split(/[;,\n]/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

export interface TableRow {
  /** 1-based row number in the sheet. */
  row: number;
  raw: CellValue[];
  values: Record<string, TypedValue>;
  /** Cell-level problems of this row (types, required fields). */
  problems: Problem[];
}

export interface Table {
  spec: SheetSpec;
  headerRow: CellValue[];
  mapping: HeaderMapping;
  rows: TableRow[];
  /** Rows left blank between filled rows (1-based). */
  blankRows: number[];
}

/** Reads a whole sheet (header row first) into typed rows; trailing blank rows are ignored. */
export function readTable(spec: SheetSpec, grid: Grid): Table {
  const headerRow = grid[0] ?? [];
  const mapping = mapHeaders(spec, headerRow);
  const rows: TableRow[] = [];
  const blankRows: number[] = [];
  let pendingBlanks: number[] = [];
  for (let r = 1; r < grid.length; r++) {
    const raw = grid[r]!;
    if (isBlankRow(raw)) {
      pendingBlanks.push(r + 1);
      continue;
    }
    blankRows.push(...pendingBlanks);
    pendingBlanks = [];
    rows.push(readRow(spec, mapping, raw, r + 1));
  }
  return { spec, headerRow, mapping, rows, blankRows };
}

function readRow(spec: SheetSpec, mapping: HeaderMapping, raw: CellValue[], row: number): TableRow {
  const values: Record<string, TypedValue> = {};
  const problems: Problem[] = [];
  for (const column of spec.columns) {
    const i = mapping.index.get(column.key);
    if (i === undefined) continue;
    const reading = readCell(column, raw[i]);
    values[column.key] = reading.value;
    const problem =
      reading.problem ??
      (column.required && isEmptyTyped(reading.value)
        ? { severity: 'erreur' as const, message: `« ${column.header} » est obligatoire.` }
        : undefined);
    if (problem) {
      const value = cellText(raw[i] ?? '');
      problems.push({ sheet: spec.name, row, column: column.header, columnIndex: i, value, ...problem });
    }
  }
  return { row, raw, values, problems };
}

export function isEmptyTyped(value: TypedValue | undefined): boolean {
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/**
 * A typed value as a spreadsheet cell: lists are joined with « ; », text stays as it is (the adapter
 * writes it into cells formatted @, see cells.formatsForWrite).
 */
export function toCell(value: TypedValue | undefined): CellValue {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(' ; ');
  return value;
}

/** Lays values out as a new row in the sheet's column order; the other cells are blank. */
export function layoutRow(
  mapping: HeaderMapping,
  values: Record<string, TypedValue>,
  width = mapping.width,
): CellValue[] {
  const row: CellValue[] = Array.from({ length: width }, () => '');
  for (const [key, i] of mapping.index) {
    if (key in values) row[i] = toCell(values[key]);
  }
  return row;
}

/** One cell of a record's own column, to write (0-based column). */
export interface OwnCell {
  column: number;
  value: CellValue;
}

/** A block of adjacent cells of one row: what one setValues writes. */
export interface CellRun {
  /** 0-based column of the first cell. */
  column: number;
  values: CellValue[];
}

/** The record's cells for its own columns only (keys absent from `values` are not written). */
export function ownCells(mapping: HeaderMapping, values: Record<string, TypedValue>): OwnCell[] {
  const cells: OwnCell[] = [];
  for (const [key, column] of mapping.index) {
    if (key in values) cells.push({ column, value: toCell(values[key]) });
  }
  return cells;
}

function sameCell(a: CellValue | undefined, b: CellValue): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return (a ?? '') === (b ?? '');
}

/** The cells whose value differs from what the row holds: the others (a formula, a link) stay as they are. */
export function changedCells(cells: readonly OwnCell[], previous: readonly CellValue[]): OwnCell[] {
  return cells.filter((c) => !sameCell(previous[c.column], c.value));
}

/** 0-based columns grouped into runs of adjacent ones, left to right. */
export function columnRuns(columns: Iterable<number>): { column: number; width: number }[] {
  const runs: { column: number; width: number }[] = [];
  for (const column of [...new Set(columns)].sort((a, b) => a - b)) {
    const run = runs[runs.length - 1];
    if (run && run.column + run.width === column) run.width++;
    else runs.push({ column, width: 1 });
  }
  return runs;
}

/** Cells grouped into runs of adjacent columns, left to right: one write each. */
export function cellRuns(cells: readonly OwnCell[]): CellRun[] {
  const runs: CellRun[] = [];
  for (const cell of [...cells].sort((a, b) => a.column - b.column)) {
    const run = runs[runs.length - 1];
    if (run && run.column + run.values.length === cell.column) run.values.push(cell.value);
    else runs.push({ column: cell.column, values: [cell.value] });
  }
  return runs;
}
