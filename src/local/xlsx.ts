/**
 * The .xlsx side of the offline edition: a workbook read into the same grids that Apps Script's
 * getValues() hands to core, and core's values written back into cells.
 * exceljs gives dates as UTC instants of the serial number; core works with local calendar dates.
 */
import { Workbook, type Worksheet, type CellValue as XlsxValue } from 'exceljs';
import type { CellValue, Grid } from '../core/cells';
import type { MergedRange } from '../core/validate/context';
import { NUMBER_FORMATS } from '../core/workbook';
import { CliError } from './errors';

/** A cell value as core expects it: rich text and links as their text, formulas as their result. */
export function cellValueOf(value: XlsxValue): CellValue {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return localDateOf(value);
  if (typeof value !== 'object') return value;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('error' in value) return String(value.error);
  if ('formula' in value || 'sharedFormula' in value) return cellValueOf(value.result as XlsxValue);
  if ('hyperlink' in value) return cellValueOf(value.text as XlsxValue);
  return '';
}

/** The local date with the calendar fields exceljs gives in UTC (the cell shows these fields). */
export function localDateOf(utc: Date): Date {
  return new Date(
    utc.getUTCFullYear(),
    utc.getUTCMonth(),
    utc.getUTCDate(),
    utc.getUTCHours(),
    utc.getUTCMinutes(),
    utc.getUTCSeconds(),
  );
}

/** The instant exceljs must write for a local date to show its calendar fields. */
export function utcDateOf(local: Date): Date {
  return new Date(
    Date.UTC(
      local.getFullYear(),
      local.getMonth(),
      local.getDate(),
      local.getHours(),
      local.getMinutes(),
      local.getSeconds(),
    ),
  );
}

/**
 * A core value as an xlsx cell value. A string cell is always text in a .xlsx, so the apostrophe
 * that core/cells neutraliseText puts before `=`, `+`, `-`, `@` for Google Sheets is dropped here.
 */
export function xlsxValueOf(value: CellValue | undefined): XlsxValue {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return utcDateOf(value);
  if (typeof value === 'string' && /^'[=+\-@]/.test(value)) return value.slice(1);
  return value;
}

function hasTime(d: Date): boolean {
  return d.getHours() !== 0 || d.getMinutes() !== 0 || d.getSeconds() !== 0;
}

/** Writes one value; a date lands with a date format even in a column formatted as text. */
export function setCell(sheet: Worksheet, row: number, col: number, value: CellValue | undefined): void {
  const cell = sheet.getCell(row, col);
  cell.value = xlsxValueOf(value);
  if (value instanceof Date && !/[dy]/i.test(cell.numFmt ?? '')) {
    cell.numFmt = (hasTime(value) ? NUMBER_FORMATS.datetime : NUMBER_FORMATS.date)!;
  }
}

export function writeRows(sheet: Worksheet, firstRow: number, rows: readonly (readonly CellValue[])[]): void {
  rows.forEach((values, r) => {
    values.forEach((value, c) => {
      if (value !== '' && value !== null) setCell(sheet, firstRow + r, c + 1, value);
    });
  });
}

interface SheetReading {
  grid: Grid;
  /** Merged ranges: Google Sheets reads only their first cell, and so does this reader. */
  merged: MergedRange[];
}

/** A sheet as a rectangular grid up to its last non-blank cell, like getDataRange().getValues(). */
export function readSheet(sheet: Worksheet): SheetReading {
  const cells: { row: number; col: number; value: CellValue }[] = [];
  const merges = new Map<string, { top: number; left: number; bottom: number; right: number }>();
  let height = 0;
  let width = 0;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged && cell.master.address !== cell.address) {
        const master = cell.master;
        const range = merges.get(master.address) ?? {
          top: Number(master.row),
          left: Number(master.col),
          bottom: r,
          right: c,
        };
        range.bottom = Math.max(range.bottom, r);
        range.right = Math.max(range.right, c);
        merges.set(master.address, range);
        return;
      }
      const value = cellValueOf(cell.value);
      if (value === '') return;
      cells.push({ row: r, col: c, value });
      height = Math.max(height, r);
      width = Math.max(width, c);
    });
  });
  const grid: Grid = Array.from({ length: height }, () => Array<CellValue>(width).fill(''));
  for (const { row, col, value } of cells) grid[row - 1]![col - 1] = value;
  const merged = [...merges.values()].map((m) => ({
    row: m.top,
    col: m.left,
    rows: m.bottom - m.top + 1,
    cols: m.right - m.left + 1,
  }));
  return { grid, merged };
}

/** Every sheet's grid and merged ranges, by sheet name, in tab order. */
export function readWorkbookSheets(workbook: Workbook): {
  grids: Map<string, Grid>;
  merged: Map<string, MergedRange[]>;
} {
  const grids = new Map<string, Grid>();
  const merged = new Map<string, MergedRange[]>();
  for (const sheet of workbook.worksheets) {
    const reading = readSheet(sheet);
    grids.set(sheet.name, reading.grid);
    if (reading.merged.length > 0) merged.set(sheet.name, reading.merged);
  }
  return { grids, merged };
}

export async function loadXlsx(data: Buffer, path: string): Promise<Workbook> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`« ${path} » n’est pas un classeur .xlsx lisible (${reason}).`);
  }
  return workbook;
}

export async function xlsxBuffer(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
