/** Appends Journal rows in one write, columns mapped by header name. */
import type { CellValue } from '../core/cells';
import { completeJournalHeader, type JournalEntry, journalRows } from '../core/journal';
import { type ColumnSpec, SHEET_NAMES } from '../core/workbook';
import { formatColumns, writeBlock } from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Called once the change is written: it must neither fail nor lose the entry (a save reported as
 * failed gets retried, and creates its action twice). A deleted Journal is created again, and headers
 * cleared or renamed are put back after the last one, as the installer would.
 */
export function appendJournal(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: JournalEntry[]): void {
  if (entries.length === 0) return;
  const sheet = ss.getSheetByName(SHEET_NAMES.journal) ?? ss.insertSheet(SHEET_NAMES.journal);
  const lastRow = sheet.getLastRow();
  const lastCol = sheet.getLastColumn();
  const header = lastCol > 0 ? (sheet.getRange(1, 1, 1, lastCol).getValues()[0] as CellValue[]) : [];
  const { mapping, added, firstAdded } = completeJournalHeader(header);
  if (added.length > 0) writeHeaders(sheet, firstAdded, added);
  writeBlock(sheet, Math.max(lastRow, 1) + 1, 1, journalRows(entries, mapping, new Date()));
}

function writeHeaders(sheet: Sheet, firstAdded: number, added: ColumnSpec[]): void {
  writeBlock(sheet, 1, firstAdded + 1, [added.map((c) => c.header)]);
  formatColumns(sheet, firstAdded, added);
}
