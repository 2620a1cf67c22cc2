/**
 * Menu « Importer des données d’observation… »: the dialog reads a .csv or an .xlsx on the user's
 * computer and sends its bytes (no Drive scope); src/files reads the file, core plans the import; here,
 * one read of each sheet the plan needs and, under the lock, one write per block of the plan and one
 * Journal entry — a number of calls that does not grow with the number of values imported.
 */
import { type ImportPreview, type ImportRequest, ImportRequestSchema, type ImportResult } from '../core/api';
import { cellText, type Grid } from '../core/cells';
import { parseRequest } from '../core/editing';
import { type ObservationFile, ObservationFileError } from '../core/observation/parse';
import { hasChanges, type ImportPlan, importSummary, planImport } from '../core/observation/plan';
import { previewLines } from '../core/observation/preview';
import { type BlockWrite, bridgedBlocks, importWrites } from '../core/observation/writes';
import { readWorkbook, type WorkbookData } from '../core/records';
import type { Table } from '../core/table';
import { NUMBER_FORMATS, SHEET_NAMES } from '../core/workbook';
import { readCsvObservations } from '../files/csv';
import { observationFormat, readWorkbookObservations } from '../files/observation-file';
import { journalTarget, openJournal, writeJournal } from './journal';
import {
  activeSpreadsheet,
  assertWritable,
  currentUserEmail,
  nowIn,
  readGrid,
  type SheetBlock,
  spreadsheetZone,
  withDocumentLock,
  writeBlocks,
} from './sheets';
import { readXlsxGrids } from './xlsx';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const DIALOG_TITLE = 'Importer des données d’observation';
/** The sheets an import reads: the period (Paramètres), the codes it matches, and the Mesures it upserts. */
const IMPORT_SHEETS = [
  SHEET_NAMES.settings,
  SHEET_NAMES.territories,
  SHEET_NAMES.indicators,
  SHEET_NAMES.measures,
];

export function openImportDialog(): void {
  const html = HtmlService.createHtmlOutputFromFile('ImportDialog').setWidth(560).setHeight(560);
  SpreadsheetApp.getUi().showModalDialog(html, DIALOG_TITLE);
}

interface Read {
  data: WorkbookData;
  sheets: Map<string, Sheet>;
  zone: string;
}

function readImportSheets(): Read {
  const ss = activeSpreadsheet();
  const zone = spreadsheetZone(ss);
  const grids = new Map<string, Grid>();
  const sheets = new Map<string, Sheet>();
  for (const name of IMPORT_SHEETS) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) {
      throw new Error(
        `La feuille « ${name} » est absente : lancez « Pilotage CUCS › Installer ou mettre à jour le classeur ».`,
      );
    }
    sheets.set(name, sheet);
    grids.set(name, readGrid(sheet, zone));
  }
  return { data: readWorkbook(grids), sheets, zone };
}

function plan(request: ImportRequest, data: WorkbookData): ImportPlan {
  try {
    return planImport(readFile(request), data, { mapping: request.mapping }, request.fileName);
  } catch (error) {
    // A file the import cannot read (ObservationFileError) or a plan it cannot make: said, nothing written.
    if (error instanceof Error)
      throw new Error(`« ${request.fileName} » : ${error.message} Rien n’a été écrit.`);
    throw error;
  }
}

function readFile(request: ImportRequest): ObservationFile {
  const format = observationFormat(request.fileName);
  if (!format) {
    throw new ObservationFileError(
      'Seuls les fichiers .csv et .xlsx sont lus : enregistrez le tableau dans l’un de ces formats (Fichier › Enregistrer sous…) puis choisissez ce fichier.',
    );
  }
  let bytes: GoogleAppsScript.Byte[];
  try {
    bytes = Utilities.base64Decode(request.content);
  } catch {
    throw new ObservationFileError('Le fichier reçu est illisible : recommencez l’envoi.');
  }
  const options = { year: request.year ?? undefined };
  if (format === 'xlsx') return readWorkbookObservations(readXlsxGrids(bytes), options);
  // Apps Script's bytes are Java's, signed.
  return readCsvObservations(
    Uint8Array.from(bytes, (b) => b & 0xff),
    options,
  );
}

export function importPreview(input: unknown): ImportPreview {
  const request = parseRequest(ImportRequestSchema, input);
  const { data } = readImportSheets();
  const planned = plan(request, data);
  return {
    lines: previewLines(planned),
    summary: importSummary(planned),
    changes: hasChanges(planned),
    unknownVariables: planned.unknownVariables,
    indicators: data.indicators.map((i) => ({ code: i.record.code, label: i.record.label })),
  };
}

/** The import itself, from a fresh read under the lock: what another user saved meanwhile is kept. */
export function importObservations(input: unknown): ImportResult {
  const request = parseRequest(ImportRequestSchema, input);
  return withDocumentLock(() => {
    const { data, sheets, zone } = readImportSheets();
    const planned = plan(request, data);
    if (!hasChanges(planned))
      return { message: `Rien à écrire : le classeur a déjà ces valeurs. ${importSummary(planned)}` };
    const writes = importWrites(planned, data, { at: nowIn(zone), by: currentUserEmail() });
    const measures = sheets.get(SHEET_NAMES.measures)!;
    writes.measures = bridgeRows(measures, data.tables.get('measures')!, writes.measures);
    const indicators = sheets.get(SHEET_NAMES.indicators)!;
    const journal = openJournal(activeSpreadsheet());
    assertWritable([
      { sheet: measures, areas: writes.measures.map(areaOf) },
      { sheet: indicators, areas: writes.indicators.map(areaOf) },
      journalTarget(journal, writes.journal.length),
    ]);
    writeBlocks(measures, writes.measures.map(tableBlock(data.tables.get('measures')!)), zone);
    writeBlocks(indicators, writes.indicators.map(tableBlock(data.tables.get('indicators')!)), zone);
    writeJournal(journal, zone, writes.journal);
    return {
      message: `Import terminé : ${importSummary(planned)} Les valeurs sont dans la feuille Mesures ; l’import est noté au Journal.`,
    };
  });
}

/** Mesures' free-text cells, which a person may have turned into a link that a rewrite would lose. */
const LINKABLE = ['source', 'comment'];

/**
 * Mesures' blocks joined across the rows between them (values replaced far apart: one block, not one a
 * row): a cell between is written back as read only if it holds no formula and, in a free-text column,
 * nothing at all. The formulas are read once, and only if some blocks have rows between them.
 */
function bridgeRows(sheet: Sheet, table: Table, blocks: BlockWrite[]): BlockWrite[] {
  // Rows between two blocks are rows the sheet holds: appended rows may go past its last one.
  const lastRow = Math.max(1, ...table.rows.map((r) => r.row));
  const top = Math.min(...blocks.map((b) => b.row));
  const bottom = Math.min(lastRow, Math.max(...blocks.map((b) => b.row + b.values.length - 1)));
  const left = Math.min(...blocks.map((b) => b.column));
  const right = Math.max(...blocks.map((b) => b.column + (b.values[0]?.length ?? 0) - 1));
  let formulas: string[][] | undefined;
  const formulaAt = (row: number, column: number) => {
    formulas ??= sheet.getRange(top, left + 1, bottom - top + 1, right - left + 1).getFormulas();
    return formulas[row - top]?.[column - left];
  };
  const raw = new Map(table.rows.map((r) => [r.row, r.raw]));
  const linkable = new Set(LINKABLE.map((key) => table.mapping.index.get(key)));
  const rawAt = (row: number, column: number) => raw.get(row)?.[column] ?? '';
  return bridgedBlocks(
    blocks,
    rawAt,
    (row, column) =>
      formulaAt(row, column) === '' && !(linkable.has(column) && cellText(rawAt(row, column)) !== ''),
  );
}

const areaOf = (b: BlockWrite) => ({
  row: b.row,
  column: b.column + 1,
  numRows: b.values.length,
  numColumns: b.values[0]?.length ?? 0,
});

/** A block of the plan as the sheet's, with its columns' formats (a year or a date in a cell formatted @). */
const tableBlock =
  (table: Table) =>
  (block: BlockWrite): SheetBlock => {
    const typeAt = new Map(table.spec.columns.map((c) => [table.mapping.index.get(c.key), c.type]));
    return {
      row: block.row,
      column: block.column + 1,
      values: block.values,
      columnFormats: (block.values[0] ?? []).map((_, i) => {
        const type = typeAt.get(block.column + i);
        return type ? NUMBER_FORMATS[type] : null;
      }),
    };
  };
