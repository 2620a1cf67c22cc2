/**
 * The .xlsx side of the offline edition: a workbook read into the same grids that Apps Script's
 * getValues() hands to core (src/files/xlsx-grids.ts), and core's values written back into cells by exceljs.
 * exceljs writes dates as UTC instants of the serial number; core works with local calendar dates.
 */
import type { Workbook, Worksheet, CellValue as XlsxValue, XlsxWriteOptions } from 'exceljs';
import type { CellValue } from '../core/cells';
import { NUMBER_FORMATS } from '../core/workbook';
import { readGrids, type WorkbookGrids } from '../files/xlsx-grids';
import { PartError } from '../files/xlsx-package';
import { CliError } from './errors';
import { compactValidations } from './exceljs-internals';
import { loadNamingParts } from './exceljs-reading';
import { XlsxArchive } from './xlsx-archive';
import { XlsxEdit } from './xlsx-package-edit';
import { utcDateOf } from './xlsx-sheet-edit';
import { entryBytes, writeZip, zipEntries } from './zip';

export { utcDateOf };

/**
 * A core value as an xlsx cell value. A string cell is always text in a .xlsx (formulas are written
 * apart), so text goes as is: `=1+1` stays text, and an apostrophe a person typed stays theirs.
 */
export function xlsxValueOf(value: CellValue | undefined): XlsxValue {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return utcDateOf(value);
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

/** A workbook's grids read from its bytes, the package kept for a later loading by exceljs. */
export interface XlsxReading extends WorkbookGrids {
  pkg: XlsxArchive;
}

/** Reads the values of a workbook; a part that cannot be read is named in a French message. */
export function readXlsx(data: Buffer, shown: string): XlsxReading {
  try {
    const pkg = new XlsxArchive(data);
    return { pkg, ...readGrids(pkg) };
  } catch (error) {
    throw unreadable(shown, error);
  }
}

/**
 * A new exceljs workbook. exceljs is loaded on first use only: `rapport` and `valider --sans-ecrire`
 * never load it (it costs some 30 MB and 0.4 s at start-up).
 */
export function emptyWorkbook(): Workbook {
  const { Workbook } = require('exceljs') as typeof import('exceljs');
  return new Workbook();
}

/** The whole workbook (cells, styles, notes, rules) as exceljs models it, to be written back. */
export async function loadXlsx(data: Buffer | XlsxArchive, shown: string): Promise<Workbook> {
  const workbook = emptyWorkbook();
  try {
    await loadNamingParts(workbook, data instanceof XlsxArchive ? data : new XlsxArchive(data));
  } catch (error) {
    throw unreadable(shown, error);
  }
  return workbook;
}

/**
 * The file of an edited package; a part that cannot be read is named in a French message (the
 * edits read the sheets they change, and every sheet for the highlights of a previous run).
 */
export function editedXlsx(edit: XlsxEdit, shown: string): Buffer {
  try {
    return edit.toBuffer();
  } catch (error) {
    throw error instanceof PartError ? unreadable(shown, error) : error;
  }
}

/** An edit of the package read, given the values of the sheets it appends rows to. */
export function editOf(reading: XlsxReading, appendedSheets: readonly string[]): XlsxEdit {
  const values = new Map(
    appendedSheets.flatMap((name) => {
      const grid = reading.grids.get(name);
      return grid ? [[name, grid] as const] : [];
    }),
  );
  return new XlsxEdit(reading.pkg, values);
}

function unreadable(shown: string, error: unknown): CliError {
  const part = error instanceof PartError ? error.part : 'l’une de ses parties';
  return new CliError(
    `« ${shown} » n’est pas un classeur .xlsx lisible : impossible de lire ${part}. Ouvrez-le dans Excel, LibreOffice ou Google Sheets et enregistrez-le à nouveau au format .xlsx, puis relancez la commande.`,
  );
}

/** The workbook's file; its validations as disjoint ranges first (see compactValidations). */
export async function xlsxBuffer(workbook: Workbook): Promise<Buffer> {
  for (const sheet of workbook.worksheets) compactValidations(sheet);
  // exceljs stores the parts and zlib compresses them: JSZip's compression in JavaScript is
  // several times slower and keeps more in memory.
  const stored = Buffer.from(
    await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as Partial<XlsxWriteOptions>),
  );
  return writeZip(zipEntries(stored).map((entry) => [entry.name, entryBytes(stored, entry)]));
}
