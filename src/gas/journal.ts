/** Appends Journal rows in one write, columns mapped by header name. */
import type { CellValue } from '../core/cells';
import { type JournalEntry, journalRows } from '../core/journal';
import { DEFAULT_REFERENTIEL } from '../core/referentiel';
import { type HeaderMapping, mapHeaders } from '../core/table';
import { NUMBER_FORMATS, SHEET_NAMES, workbookSpec } from '../core/workbook';
import { writeBlock } from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const JOURNAL_SPEC = workbookSpec(DEFAULT_REFERENTIEL, []).find((s) => s.role === 'journal')!;

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
  const mapping = restoreMissingHeaders(sheet, header);
  writeBlock(sheet, Math.max(lastRow, 1) + 1, 1, journalRows(entries, mapping, new Date()));
}

function restoreMissingHeaders(sheet: Sheet, header: CellValue[]): HeaderMapping {
  const mapping = mapHeaders(JOURNAL_SPEC, header);
  if (mapping.missing.length === 0) return mapping;
  const first = mapping.width + 1;
  mapping.missing.forEach((column, i) => {
    const format = NUMBER_FORMATS[column.type];
    if (format) sheet.getRange(1, first + i, sheet.getMaxRows(), 1).setNumberFormat(format);
  });
  const added = mapping.missing.map((c) => c.header);
  writeBlock(sheet, 1, first, [added]);
  return mapHeaders(JOURNAL_SPEC, [...header.slice(0, mapping.width), ...added]);
}
