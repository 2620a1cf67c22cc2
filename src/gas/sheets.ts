/**
 * The thin layer between the workbook and core: read each sheet once, write each block once.
 * Every call here is an Apps Script service call, so none happens inside a per-row loop.
 */
import type { CellValue, Grid } from '../core/cells';
import { type ColumnSpec, NUMBER_FORMATS } from '../core/workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function activeSpreadsheet(): Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

export interface GridsRead {
  /** Every sheet's name, in tab order, read or not. */
  sheetNames: string[];
  grids: Map<string, Grid>;
  sheets: Map<string, Sheet>;
}

/** Every sheet's values but the skipped ones', by name, in one getValues per sheet. */
export function readAllGrids(ss: Spreadsheet, skip: ReadonlySet<string> = new Set()): GridsRead {
  const read: GridsRead = { sheetNames: [], grids: new Map(), sheets: new Map() };
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    read.sheetNames.push(name);
    if (skip.has(name)) continue;
    read.sheets.set(name, sheet);
    read.grids.set(name, readGrid(sheet));
  }
  return read;
}

export function readGrid(sheet: Sheet): Grid {
  return sheet.getDataRange().getValues() as Grid;
}

/** Makes room for a block of `rows` x `cols` starting at (row, col), in at most two calls. */
export function ensureSize(sheet: Sheet, lastRow: number, lastCol: number): void {
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (lastCol > maxCols) sheet.insertColumnsAfter(maxCols, lastCol - maxCols);
}

/** Writes a block with one setValues; the values must already be neutralised (see core/table toCell). */
export function writeBlock(sheet: Sheet, row: number, col: number, values: CellValue[][]): void {
  if (values.length === 0) return;
  const width = values[0]!.length;
  ensureSize(sheet, row + values.length - 1, col + width - 1);
  sheet.getRange(row, col, values.length, width).setValues(values as unknown[][]);
}

/** Gives whole columns from the 0-based `firstColumn` on their spec's number format ('@' for text). */
export function formatColumns(sheet: Sheet, firstColumn: number, columns: readonly ColumnSpec[]): void {
  columns.forEach((column, i) => {
    const format = NUMBER_FORMATS[column.type];
    if (format) sheet.getRange(1, firstColumn + 1 + i, sheet.getMaxRows(), 1).setNumberFormat(format);
  });
}

export function currentUserEmail(): string {
  try {
    return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || 'inconnu';
  } catch {
    return 'inconnu';
  }
}

/** Runs `work` holding the document lock, so that concurrent saves of several staff never interleave. */
export function withDocumentLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(30_000)) {
    throw new Error('Le classeur est occupé par un autre enregistrement. Réessayez dans quelques secondes.');
  }
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
