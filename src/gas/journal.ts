/** Appends Journal rows in one write, columns mapped by header name. */
import type { CellValue } from '../core/cells';
import { completeJournalHeader, JOURNAL_SPEC, type JournalEntry, journalRows } from '../core/journal';
import { rowAreas } from '../core/protection';
import { columnRuns, type HeaderMapping } from '../core/table';
import { type ColumnSpec, NUMBER_FORMATS, SHEET_NAMES } from '../core/workbook';
import { assertWritable, formatColumns, nowIn, type WriteTarget, writeBlock } from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The Journal as read before an operation writes anything: where its next rows go. */
export interface OpenJournal {
  sheet: Sheet;
  lastRow: number;
  mapping: HeaderMapping;
  /** Headers to put back on row 1 from the 0-based column `firstAdded`. */
  added: ColumnSpec[];
  firstAdded: number;
}

/**
 * Reads the Journal's header and length (a deleted Journal is created again). Headers cleared or renamed
 * are put back after the last one when it is written, as the installer would.
 */
export function openJournal(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): OpenJournal {
  const sheet = ss.getSheetByName(SHEET_NAMES.journal) ?? ss.insertSheet(SHEET_NAMES.journal);
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  const header = lastCol > 0 ? (sheet.getRange(1, 1, 1, lastCol).getValues()[0] as CellValue[]) : [];
  return { sheet, lastRow, ...completeJournalHeader(header) };
}

/** The cells `count` entries will take: the rows after the last, and the columns of headers put back. */
export function journalTarget(journal: OpenJournal, count: number): WriteTarget {
  if (count === 0) return { sheet: journal.sheet, areas: [] };
  const first = Math.max(journal.lastRow, 1) + 1;
  const areas = rowAreas(first, columnRuns(journal.mapping.index.values()), count);
  // Headers put back come with their columns' number format, down to the last row.
  if (journal.added.length > 0)
    areas.push({
      row: 1,
      column: journal.firstAdded + 1,
      numRows: Infinity,
      numColumns: journal.added.length,
    });
  return { sheet: journal.sheet, areas };
}

/**
 * Called once the change is written, after `assertWritable` of its `journalTarget`: it must neither
 * fail nor lose the entry (a save reported as failed gets retried, and creates its action twice).
 */
export function writeJournal(journal: OpenJournal, zone: string, entries: JournalEntry[]): void {
  if (entries.length === 0) return;
  const { sheet, lastRow, mapping, added, firstAdded } = journal;
  if (added.length > 0) writeHeaders(sheet, zone, firstAdded, added);
  const rows = journalRows(entries, mapping, nowIn(zone));
  const formats = new Map(
    JOURNAL_SPEC.columns.map((c) => [mapping.index.get(c.key), NUMBER_FORMATS[c.type]]),
  );
  // Only the Journal's own columns: a column the user added (a formula, notes) is left as it is.
  for (const { column, width } of columnRuns(mapping.index.values())) {
    const block = rows.map((row) => row.slice(column, column + width));
    const blockFormats = Array.from({ length: width }, (_, i) => formats.get(column + i) ?? null);
    writeBlock(sheet, Math.max(lastRow, 1) + 1, column + 1, block, zone, blockFormats);
  }
}

/** An operation that writes nothing but the Journal: refused, in French, if the Journal is protected. */
export function appendJournal(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  zone: string,
  entries: JournalEntry[],
): void {
  if (entries.length === 0) return;
  const journal = openJournal(ss);
  assertWritable([journalTarget(journal, entries.length)]);
  writeJournal(journal, zone, entries);
}

function writeHeaders(sheet: Sheet, zone: string, firstAdded: number, added: ColumnSpec[]): void {
  formatColumns(sheet, firstAdded, added);
  writeBlock(sheet, 1, firstAdded + 1, [added.map((c) => c.header)], zone);
}
