/**
 * The thin layer between the workbook and core: read each sheet once, write each block once.
 * Every call here is an Apps Script service call, so none happens inside a per-row loop.
 * Two rules of the border live here and nowhere else: dates cross it converted between the
 * spreadsheet's time zone and the script's (core/dates), and text is written as is into cells
 * formatted @ in the same batch (core/cells formatsForWrite).
 */
import { type CellValue, formatsForWrite, type Grid } from '../core/cells';
import { floatingFrom, instantFromFloating, mapDates } from '../core/dates';
import { type Area, overlaps, protectedMessage, within } from '../core/protection';
import type { CellRun } from '../core/table';
import { type ColumnSpec, NUMBER_FORMATS } from '../core/workbook';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

export function activeSpreadsheet(): Spreadsheet {
  return SpreadsheetApp.getActiveSpreadsheet();
}

/** The zone the spreadsheet's dates live in (one call: read it once per run and pass it on). */
export function spreadsheetZone(ss: Spreadsheet): string {
  return ss.getSpreadsheetTimeZone();
}

/** Now, as a date core reads (the wall clock of the spreadsheet's zone). */
export function nowIn(zone: string): Date {
  return floatingFrom(new Date(), zone);
}

/**
 * Values as core reads them: dates turned into the wall clock the spreadsheet shows. A sheet holds
 * the same few days many times over: each instant is converted once.
 */
export function fromSheet(values: unknown[][], zone: string): Grid {
  const converted = new Map<number, number>();
  return mapDates(values as Grid, (d) => {
    let time = converted.get(d.getTime());
    if (time === undefined) {
      time = floatingFrom(d, zone).getTime();
      converted.set(d.getTime(), time);
    }
    return new Date(time);
  });
}

export interface GridsRead {
  /** Every sheet's name, in tab order, read or not. */
  sheetNames: string[];
  grids: Map<string, Grid>;
  sheets: Map<string, Sheet>;
}

/** Every sheet's values but the skipped ones', by name, in one getValues per sheet. */
export function readAllGrids(
  ss: Spreadsheet,
  zone: string,
  skip: ReadonlySet<string> = new Set(),
): GridsRead {
  const read: GridsRead = { sheetNames: [], grids: new Map(), sheets: new Map() };
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    read.sheetNames.push(name);
    if (skip.has(name)) continue;
    read.sheets.set(name, sheet);
    read.grids.set(name, readGrid(sheet, zone));
  }
  return read;
}

export function readGrid(sheet: Sheet, zone: string): Grid {
  return fromSheet(sheet.getDataRange().getValues(), zone);
}

/** Makes room for a block of `rows` x `cols` starting at (row, col), in at most two calls. */
export function ensureSize(sheet: Sheet, lastRow: number, lastCol: number): void {
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
  const maxCols = sheet.getMaxColumns();
  if (lastCol > maxCols) sheet.insertColumnsAfter(maxCols, lastCol - maxCols);
}

/**
 * Writes a block: one read and at most one write of its number formats, then one setValues. Text goes
 * in as is, its cells formatted @ first (formatsForWrite, the one rule); dates go back to the
 * spreadsheet's zone. `columnFormats` are the formats of the block's columns, for a number or a date
 * landing in a cell formatted @.
 */
export function writeBlock(
  sheet: Sheet,
  row: number,
  col: number,
  values: CellValue[][],
  zone: string,
  columnFormats: readonly (string | null)[] = [],
): void {
  if (values.length === 0) return;
  const width = values[0]!.length;
  ensureSize(sheet, row + values.length - 1, col + width - 1);
  const range = sheet.getRange(row, col, values.length, width);
  fillRange(range, values, range.getNumberFormats(), columnFormats, zone);
}

/** A block of cells to write: 1-based `row` and `column`, with the formats of its columns (writeBlock). */
export interface SheetBlock {
  row: number;
  column: number;
  values: CellValue[][];
  columnFormats?: readonly (string | null)[];
}

/**
 * Writes several blocks of one sheet, as writeBlock does each, but reads before it writes: one read of
 * the number formats of the rectangle that holds them all, then only writes, which Apps Script batches
 * (a read between two writes makes it apply the first). Blocks far apart on a long sheet read the
 * formats of the rows between them: one getNumberFormats, like one getValues.
 */
export function writeBlocks(sheet: Sheet, blocks: readonly SheetBlock[], zone: string): void {
  const filled = blocks.filter((b) => b.values.length > 0 && b.values[0]!.length > 0);
  if (filled.length <= 1) {
    for (const b of filled) writeBlock(sheet, b.row, b.column, b.values, zone, b.columnFormats);
    return;
  }
  const width = (b: SheetBlock) => b.values[0]!.length;
  const top = Math.min(...filled.map((b) => b.row));
  const left = Math.min(...filled.map((b) => b.column));
  const bottom = Math.max(...filled.map((b) => b.row + b.values.length - 1));
  const right = Math.max(...filled.map((b) => b.column + width(b) - 1));
  ensureSize(sheet, bottom, right);
  const current = sheet.getRange(top, left, bottom - top + 1, right - left + 1).getNumberFormats();
  for (const b of filled) {
    const formats = b.values.map((_, r) =>
      current[b.row - top + r]!.slice(b.column - left, b.column - left + width(b)),
    );
    const range = sheet.getRange(b.row, b.column, b.values.length, width(b));
    fillRange(range, b.values, formats, b.columnFormats ?? [], zone);
  }
}

/** The values of a block, its cells formatted first where formatsForWrite asks it. */
function fillRange(
  range: GoogleAppsScript.Spreadsheet.Range,
  values: CellValue[][],
  current: string[][],
  columnFormats: readonly (string | null)[],
  zone: string,
): void {
  const formats = formatsForWrite(values, current, columnFormats);
  if (formats.some((line, r) => line.some((f, c) => f !== current[r]![c]))) range.setNumberFormats(formats);
  range.setValues(mapDates(values, (d) => instantFromFloating(d, zone)) as unknown[][]);
  writeLeadingApostrophes(range, values);
}

/**
 * A text that starts with an apostrophe may lose it even in a cell formatted @ (Sheets takes it for
 * the « this is text » mark): such rare cells are written again as rich text, which is never parsed.
 */
function writeLeadingApostrophes(range: GoogleAppsScript.Spreadsheet.Range, values: CellValue[][]): void {
  values.forEach((row, r) => {
    row.forEach((value, c) => {
      if (typeof value !== 'string' || !value.startsWith("'")) return;
      const text = SpreadsheetApp.newRichTextValue().setText(value).build();
      range.getCell(r + 1, c + 1).setRichTextValue(text);
    });
  });
}

/** Writes runs of adjacent cells of one row (1-based), one block each: nothing between them is touched. */
export function writeRuns(sheet: Sheet, row: number, runs: readonly CellRun[], zone: string): void {
  for (const run of runs) writeBlock(sheet, row, run.column + 1, [run.values], zone);
}

/** Gives whole columns from the 0-based `firstColumn` on their spec's number format ('@' for text). */
export function formatColumns(sheet: Sheet, firstColumn: number, columns: readonly ColumnSpec[]): void {
  columns.forEach((column, i) => {
    const format = NUMBER_FORMATS[column.type];
    if (format) sheet.getRange(1, firstColumn + 1 + i, sheet.getMaxRows(), 1).setNumberFormat(format);
  });
}

/** The cells an operation is about to write in one sheet. */
export interface WriteTarget {
  sheet: Sheet;
  areas: readonly Area[];
}

/**
 * Refuses in French, before anything is written, an operation that a protection someone else set would
 * stop halfway (Sheets refuses the write itself only when it comes). Warning-only protections, the add-on's
 * own among them, never stop a script. Two calls per sheet plus one or two per protection, never per row.
 */
export function assertWritable(targets: readonly WriteTarget[]): void {
  const { SHEET, RANGE } = SpreadsheetApp.ProtectionType;
  for (const { sheet, areas } of targets) {
    if (areas.length === 0) continue;
    const found = [
      ...sheet.getProtections(SHEET).map((protection) => ({ protection, isRange: false })),
      ...sheet.getProtections(RANGE).map((protection) => ({ protection, isRange: true })),
    ];
    for (const { protection, isRange } of found) {
      if (protection.isWarningOnly() || protection.canEdit() || !blocks(protection, isRange, areas)) continue;
      throw refusal(protection, sheet.getName(), isRange);
    }
  }
}

/**
 * The same refusal for whole sheets, the named ones, from the spreadsheet's list of protections: two
 * calls plus one or two per protection, whatever the number of sheets (the installer writes them all).
 */
export function assertSheetsWritable(ss: Spreadsheet, names: ReadonlySet<string>): void {
  const { SHEET, RANGE } = SpreadsheetApp.ProtectionType;
  for (const [type, isRange] of [
    [SHEET, false],
    [RANGE, true],
  ] as const) {
    for (const protection of ss.getProtections(type)) {
      if (protection.isWarningOnly() || protection.canEdit()) continue;
      const name = protection.getRange().getSheet().getName();
      if (names.has(name)) throw refusal(protection, name, isRange);
    }
  }
}

function refusal(protection: Protection, sheet: string, isRange: boolean): Error {
  return new Error(
    protectedMessage({
      sheet,
      range: isRange ? protection.getRange().getA1Notation() : null,
      description: protection.getDescription(),
      editors: editorsOf(protection),
    }),
  );
}

/** Whether a strict protection covers a cell of the areas (a sheet's, but for its unprotected ranges). */
function blocks(protection: Protection, isRange: boolean, areas: readonly Area[]): boolean {
  if (isRange) {
    const range = areaOf(protection.getRange());
    return areas.some((area) => overlaps(area, range));
  }
  const open = protection.getUnprotectedRanges().map(areaOf);
  return areas.some((area) => !open.some((free) => within(area, free)));
}

function areaOf(range: GoogleAppsScript.Spreadsheet.Range): Area {
  return {
    row: range.getRow(),
    column: range.getColumn(),
    numRows: range.getNumRows(),
    numColumns: range.getNumColumns(),
  };
}

/** Who to ask; a user who may not edit the protection may not be allowed to list its editors either. */
function editorsOf(protection: Protection): string[] {
  try {
    return protection
      .getEditors()
      .map((user) => user.getEmail())
      .filter((email) => email !== '');
  } catch {
    return [];
  }
}

export function currentUserEmail(): string {
  try {
    return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || 'inconnu';
  } catch {
    return 'inconnu';
  }
}

const BUSY = 'Le classeur est occupé par un autre enregistrement. Réessayez dans quelques secondes.';

/**
 * Runs `work` holding the document lock, so that concurrent saves of several staff never interleave.
 * Outside a document (a script run from the editor) there is none: the script lock, shared by every
 * user of the script, serialises the writes as well.
 */
export function withDocumentLock<T>(work: () => T): T {
  const lock = LockService.getDocumentLock() ?? LockService.getScriptLock();
  if (!lock) {
    throw new Error(
      'Impossible de réserver le classeur pour écrire (aucun verrou disponible) : rien n’a été modifié. Rouvrez le classeur puis réessayez.',
    );
  }
  if (!lock.tryLock(30_000)) throw new Error(BUSY);
  try {
    return work();
  } finally {
    lock.releaseLock();
  }
}
