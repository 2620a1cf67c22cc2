/** Appends Journal rows in one write, columns mapped by header name. */
import type { CellValue } from '../core/cells';
import { completeJournalHeader, JOURNAL_SPEC, type JournalEntry, journalRows } from '../core/journal';
import { columnRuns } from '../core/table';
import { type ColumnSpec, NUMBER_FORMATS, SHEET_NAMES } from '../core/workbook';
import { formatColumns, nowIn, writeBlock } from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Called once the change is written: it must neither fail nor lose the entry (a save reported as
 * failed gets retried, and creates its action twice). A deleted Journal is created again, and headers
 * cleared or renamed are put back after the last one, as the installer would.
 */
export function appendJournal(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  zone: string,
  entries: JournalEntry[],
): void {
  if (entries.length === 0) return;
  const sheet = ss.getSheetByName(SHEET_NAMES.journal) ?? ss.insertSheet(SHEET_NAMES.journal);
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  const header = lastCol > 0 ? (sheet.getRange(1, 1, 1, lastCol).getValues()[0] as CellValue[]) : [];
  const { mapping, added, firstAdded } = completeJournalHeader(header);
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

function writeHeaders(sheet: Sheet, zone: string, firstAdded: number, added: ColumnSpec[]): void {
  formatColumns(sheet, firstAdded, added);
  writeBlock(sheet, 1, firstAdded + 1, [added.map((c) => c.header)], zone);
}
