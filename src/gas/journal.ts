/** Appends Journal rows in one write, columns mapped by header name. */
import { type JournalEntry, journalRows } from '../core/journal';
import { DEFAULT_REFERENTIEL } from '../core/referentiel';
import { mapHeaders } from '../core/table';
import { SHEET_NAMES, workbookSpec } from '../core/workbook';
import { writeBlock } from './sheets';

const JOURNAL_SPEC = workbookSpec(DEFAULT_REFERENTIEL, []).find((s) => s.role === 'journal')!;

export function appendJournal(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: JournalEntry[]): void {
  if (entries.length === 0) return;
  const sheet = ss.getSheetByName(SHEET_NAMES.journal);
  if (!sheet) return; // Not installed yet: the install itself creates the Journal.
  const lastRow = sheet.getLastRow();
  const lastCol = Math.max(sheet.getLastColumn(), 1);
  const header = sheet.getRange(1, 1, 1, lastCol).getValues()[0] as string[];
  const mapping = mapHeaders(JOURNAL_SPEC, header);
  writeBlock(sheet, Math.max(lastRow, 1) + 1, 1, journalRows(entries, mapping, new Date()));
}
