/**
 * The values of an .xlsx read straight from its XML, one sheet at a time, into the grids core reads
 * (as Apps Script's getValues() gives them): what `valider` and `rapport` check offline, and an
 * observation file chosen in either edition, without building a spreadsheet library's model of every
 * cell and style. Reads what each writer stores: shared or inline
 * strings, numbers, booleans, errors, formulas by their cached result, dates as serials in the 1900 or
 * 1904 system (or ISO text), rows and cells with or without their reference, with or without a
 * dimension tag.
 */

import type { CellValue, Grid } from '../core/cells';
import { a1Range, columnNumber } from '../core/problems';
import type { MergedRange } from '../core/validate/context';
import { attributes, decodeXml, PartError, type XlsxPackage } from './xlsx-package';

export interface WorkbookGrids {
  /** Every sheet's grid, by name, in tab order. */
  grids: Map<string, Grid>;
  /** Merged ranges: Google Sheets reads only their first cell, and so does this reader. */
  merged: Map<string, MergedRange[]>;
}

export function readGrids(pkg: XlsxPackage): WorkbookGrids {
  const strings = sharedStrings(pkg);
  const dateStyles = dateStyleIndexes(pkg);
  const grids = new Map<string, Grid>();
  const merged = new Map<string, MergedRange[]>();
  for (const sheet of pkg.sheets) {
    const xml = pkg.text(sheet.path);
    let reading: { grid: Grid; merged: MergedRange[] };
    try {
      reading = readSheetXml(xml, { strings, dateStyles, date1904: pkg.date1904 });
    } catch {
      throw new PartError(pkg.describe(sheet.path));
    }
    grids.set(sheet.name, reading.grid);
    if (reading.merged.length > 0) merged.set(sheet.name, reading.merged);
  }
  return { grids, merged };
}

interface SheetContext {
  strings: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
// The three attributes of a row and a cell that matter, read without parsing every attribute.
const ROW_NUMBER = /\br="(\d+)"/;
const CELL_REF = /\br="([A-Z]+)\d*"/;
const CELL_STYLE = /\bs="(\d+)"/;
const CELL_TYPE = /\bt="(\w+)"/;
const VALUE = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/;

export function readSheetXml(xml: string, context: SheetContext): { grid: Grid; merged: MergedRange[] } {
  const start = xml.search(/<(?:\w+:)?sheetData\b/);
  const end = xml.search(/<\/(?:\w+:)?sheetData>/);
  if (start < 0) throw new Error('no sheetData');
  const selfClosed = /^<(?:\w+:)?sheetData\b[^>]*\/>/.test(xml.slice(start, start + 200));
  if (!selfClosed && end < 0) throw new Error('sheetData not closed');
  const data = selfClosed ? '' : xml.slice(start, end);
  const merges = mergedRanges(xml.slice(selfClosed ? start : end));
  const covered = coveredCells(merges);
  const cells: { row: number; col: number; value: CellValue }[] = [];
  let height = 0;
  let width = 0;
  let row = 0;
  for (const r of data.matchAll(ROW)) {
    const rowNumber = Number(ROW_NUMBER.exec(r[1]!)?.[1]);
    row = rowNumber > 0 ? rowNumber : row + 1;
    let col = 0;
    for (const c of (r[2] ?? '').matchAll(CELL)) {
      const tag = c[1]!;
      const ref = CELL_REF.exec(tag)?.[1];
      col = ref ? columnNumber(ref) : col + 1;
      if (covered.size > 0 && covered.has(`${row},${col}`)) continue;
      const value = cellValue(tag, c[2] ?? '', context);
      if (value === '') continue;
      cells.push({ row, col, value });
      height = Math.max(height, row);
      width = Math.max(width, col);
    }
  }
  const grid: Grid = Array.from({ length: height }, () => Array<CellValue>(width).fill(''));
  for (const { row: r, col: c, value } of cells) grid[r - 1]![c - 1] = value;
  return { grid, merged: merges };
}

function cellValue(tag: string, inner: string, context: SheetContext): CellValue {
  const type = CELL_TYPE.exec(tag)?.[1] ?? 'n';
  if (type === 'inlineStr')
    return textRuns(/<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(inner)?.[1] ?? '');
  const raw = VALUE.exec(inner)?.[1];
  if (raw === undefined) return '';
  const v = decodeXml(raw);
  switch (type) {
    case 's':
      return context.strings[Number(v)] ?? '';
    case 'str':
    case 'e':
      return v;
    case 'b':
      return v === '1' || v.toLowerCase() === 'true';
    case 'd':
      return isoDate(v);
    default: {
      if (v.trim() === '') return '';
      const n = Number(v);
      if (!Number.isFinite(n)) return v;
      const style = Number(CELL_STYLE.exec(tag)?.[1] ?? 0);
      return context.dateStyles.has(style) ? serialDate(n, context.date1904) : n;
    }
  }
}

/** The calendar date and time a serial shows, as a local date. */
export function serialDate(serial: number, date1904: boolean): Date {
  return localDateOf(new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)));
}

/** The local date with the calendar fields of a UTC instant (what the cell shows). */
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

function isoDate(text: string): CellValue {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  return new Date(y!, mo! - 1, d!, h || 0, mi || 0, s || 0);
}

/** The text of a string item: its runs' text, without the phonetic guides of East Asian text. */
function textRuns(xml: string): string {
  const text = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  for (const m of text.matchAll(/<(?:\w+:)?t\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?t>)/g)) out += m[1] ?? '';
  return decodeXml(out);
}

function sharedStrings(pkg: XlsxPackage): string[] {
  const path = pkg.relationships(pkg.workbookPath).find((r) => /\/sharedStrings$/.test(r.type))?.target;
  if (!path || !pkg.has(path)) return [];
  const xml = pkg.text(path);
  return [...xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)].map((m) =>
    textRuns(m[1] ?? ''),
  );
}

/** Built-in number formats that show a date or a time (ECMA-376 18.8.30, with the East Asian ones). */
const BUILT_IN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36]);
for (const id of [45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]) BUILT_IN_DATES.add(id);

export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?![hms]+\])[^\]]*\]/gi, '');
  return /[ydmhs]/i.test(bare.replace(/General/gi, ''));
}

/** The indexes of the cell styles (cellXfs) whose number format is a date or a time. */
export function dateStyleIndexes(pkg: XlsxPackage): Set<number> {
  const path = pkg.relationships(pkg.workbookPath).find((r) => /\/styles$/.test(r.type))?.target;
  const dates = new Set<number>();
  if (!path || !pkg.has(path)) return dates;
  const xml = pkg.text(path);
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1]!);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const cellXfs = /<(?:\w+:)?cellXfs\b[\s\S]*?<\/(?:\w+:)?cellXfs>/.exec(xml)?.[0] ?? '';
  let index = 0;
  for (const m of cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)\/?>/g)) {
    const id = Number(attributes(m[1]!).numFmtId ?? 0);
    const code = custom.get(id);
    if (code === undefined ? BUILT_IN_DATES.has(id) : isDateFormat(code)) dates.add(index);
    index++;
  }
  return dates;
}

function mergedRanges(xml: string): MergedRange[] {
  const ranges: MergedRange[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref="([A-Z]+\d+:[A-Z]+\d+)"/g)) {
    const { top, left, bottom, right } = a1Range(m[1]!)!;
    const rows = bottom - top + 1;
    const cols = right - left + 1;
    if (rows * cols > 1) ranges.push({ row: top, col: left, rows, cols });
  }
  return ranges;
}

/** The cells of merged ranges but their first, keyed « row,col »; huge ranges are capped. */
function coveredCells(ranges: MergedRange[]): Set<string> {
  const covered = new Set<string>();
  for (const m of ranges) {
    for (let r = m.row; r < m.row + Math.min(m.rows, 10_000); r++) {
      for (let c = m.col; c < m.col + Math.min(m.cols, 1_000); c++) {
        if (r !== m.row || c !== m.col) covered.add(`${r},${c}`);
      }
    }
  }
  return covered;
}
