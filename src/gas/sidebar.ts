/**
 * The sidebar's server functions (google.script.run targets). Thin: read the sheets a call needs once,
 * hand them to core/editing, write the row once. Writes hold the document lock and start from a fresh
 * read, so that a record is found by its ID and a new ID is unique even when two people save at once.
 */
import type { CellValue, Grid } from '../core/cells';
import {
  actionAt,
  actionWrite,
  domainTable,
  type LoadActionRequest,
  LoadActionRequestSchema,
  type LoadedAction,
  loadAction as loadActionFrom,
  locateMeasure,
  type MeasureRequest,
  MeasureRequestSchema,
  measureMessage,
  measureReferenceErrors,
  measureWrite,
  nextFreeRow,
  type ProgressRequest,
  ProgressRequestSchema,
  parseRequest,
  prepareActionSave,
  prepareProgress,
  progressWrite,
  type RowWrite,
  referenceLists,
  refuse,
  rereadAction,
  type SaveActionRequest,
  SaveActionRequestSchema,
  type SavedAction,
  type SavedMeasure,
  type SidebarData,
  type Stamp,
  sidebarData,
} from '../core/editing';
import { readWorkbook, referentielOfGrids, type WorkbookData } from '../core/records';
import { findDomain, type Referentiel } from '../core/referentiel';
import type { Table, TableRow } from '../core/table';
import { SHEET_NAMES } from '../core/workbook';
import { appendJournal } from './journal';
import { activeSpreadsheet, currentUserEmail, readGrid, withDocumentLock, writeBlock } from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Sheets every action call reads: the lists that codes are checked against. */
const LIST_SHEETS = [SHEET_NAMES.referentiel, SHEET_NAMES.territories, SHEET_NAMES.funders];

export function openSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Pilotage CUCS — saisie');
  SpreadsheetApp.getUi().showSidebar(html);
}

const NOT_INSTALLED =
  'Le classeur n’est pas installé : lancez « Pilotage CUCS › Installer ou mettre à jour le classeur ».';

interface SheetsRead {
  data: WorkbookData;
  sheets: Map<string, Sheet>;
  /** Rows each sheet's data range held, blank-looking rows below the table included. */
  rowsRead: Map<string, number>;
}

/**
 * Grids of the named sheets (one getValues each) and their Sheet handles, then of the sheets that
 * `more` names from the workbook's référentiel (its domain sheets), read from the Référentiel grid.
 */
function readSheets(
  ss: Spreadsheet,
  names: string[],
  more: (ref: Referentiel) => string[] = () => [],
): SheetsRead {
  const grids = new Map<string, Grid>();
  const sheets = new Map<string, Sheet>();
  const read = (name: string) => {
    const sheet = ss.getSheetByName(name);
    if (!sheet) throw new Error(`La feuille « ${name} » est absente. ${NOT_INSTALLED}`);
    sheets.set(name, sheet);
    grids.set(name, readGrid(sheet));
  };
  for (const name of names) read(name);
  for (const name of more(referentielOfGrids(grids))) if (!grids.has(name)) read(name);
  const rowsRead = new Map([...grids].map(([name, grid]) => [name, grid.length]));
  return { data: readWorkbook(grids), sheets, rowsRead };
}

/** The domain's sheet, named by the workbook's référentiel (none for an unknown domain: core says why). */
const domainSheet =
  (domain: string) =>
  (ref: Referentiel): string[] => {
    const found = findDomain(ref, domain);
    return found ? [found.name] : [];
  };

function stamp(): Stamp {
  return { at: new Date(), by: currentUserEmail() };
}

function activeCell(ss: Spreadsheet): { sheet: string; row: number } | null {
  const range = ss.getActiveRange();
  return range ? { sheet: range.getSheet().getName(), row: range.getRow() } : null;
}

/** The sheets the sidebar shows: not the Journal nor Contrôles, which only grow. */
const SIDEBAR_SHEETS = [SHEET_NAMES.settings, ...LIST_SHEETS, SHEET_NAMES.indicators, SHEET_NAMES.measures];
const domainSheets = (ref: Referentiel) => ref.domains.map((d) => d.name);

/** Everything the sidebar needs, in one round trip: lists, settings, the action under the cursor. */
export function getSidebarData(): SidebarData {
  const ss = activeSpreadsheet();
  const { data } = readSheets(ss, SIDEBAR_SHEETS, domainSheets);
  return sidebarData(data, activeCell(ss), currentUserEmail());
}

/** A fresh read of one action (search result, or reload after a conflict). */
export function loadAction(input: LoadActionRequest): LoadedAction {
  const request = parseRequest(LoadActionRequestSchema, input);
  const ss = activeSpreadsheet();
  const { data } = readSheets(ss, LIST_SHEETS, domainSheet(request.domain));
  return loadActionFrom(data, request);
}

/** « Modifier la ligne sélectionnée »: the action on the active row of a domain sheet. */
export function loadSelectedAction(): LoadedAction {
  const ss = activeSpreadsheet();
  const cell = activeCell(ss);
  const onSheet = (ref: Referentiel) => ref.domains.filter((d) => d.name === cell?.sheet).map((d) => d.name);
  const { data } = readSheets(ss, LIST_SHEETS, onSheet);
  const domain = data.referentiel.domains.find((d) => d.name === cell?.sheet);
  const hint = `Placez le curseur sur une ligne d’action d’une feuille de domaine (${data.referentiel.domains.map((d) => d.name).join(', ')}), puis réessayez.`;
  if (!cell || !domain) throw new Error(hint);
  const found = actionAt(data, domain.name, cell.row);
  if (!found) throw new Error(`La ligne ${cell.row} de « ${domain.name} » ne contient pas d’action. ${hint}`);
  return found;
}

/**
 * The formulas of the row a save writes: the existing record's, or for a new one those of the first
 * row that looks blank, which may still hold formulas showing nothing yet (a column filled down in
 * advance): they are kept too. A row below everything the sheet holds has none, and costs no call.
 */
function targetFormulas(sheet: Sheet, rowsRead: number, table: Table, existing: TableRow | null): string[] {
  const row = existing?.row ?? nextFreeRow(table);
  if (row > rowsRead) return [];
  const width = Math.max(table.mapping.width, existing?.raw.length ?? 0);
  return sheet.getRange(row, 1, 1, width).getFormulas()[0] ?? [];
}

/** Writes the row, reads it back as stored, journals it and selects it for the user. */
function commitRow(ss: Spreadsheet, sheet: Sheet, write: RowWrite): CellValue[] {
  writeBlock(sheet, write.row, 1, [write.cells]);
  const range = sheet.getRange(write.row, 1, 1, write.cells.length);
  const stored = range.getValues()[0] as CellValue[];
  appendJournal(ss, [write.journal]);
  range.activate();
  return stored;
}

function actionMessage(saved: LoadedAction, created: boolean): string {
  const verb = created ? 'créée' : 'enregistrée';
  return `Action ${saved.action.id} ${verb} (ligne ${saved.row} de « ${saved.sheet} »).`;
}

/** Creates or edits an action; refuses, in French, a row changed by someone else since it was loaded. */
export function saveAction(input: SaveActionRequest): SavedAction {
  const request = parseRequest(SaveActionRequestSchema, input);
  return withDocumentLock(() => {
    const ss = activeSpreadsheet();
    const { data, sheets, rowsRead } = readSheets(ss, LIST_SHEETS, domainSheet(request.action.domain));
    const table = domainTable(data, request.action.domain);
    const name = table.spec.name;
    const sheet = sheets.get(name)!;
    const target = prepareActionSave(table, request, referenceLists(data));
    const formulas = targetFormulas(sheet, rowsRead.get(name)!, table, target.existing);
    const write = actionWrite(table, target, data.referentiel, stamp(), formulas);
    const saved = rereadAction(table, write.row, commitRow(ss, sheet, write));
    return { ...saved, created: write.created, message: actionMessage(saved, write.created) };
  });
}

/** Status and the year's avancées / freins of an existing action, without touching the rest of the row. */
export function updateProgress(input: ProgressRequest): SavedAction {
  const request = parseRequest(ProgressRequestSchema, input);
  return withDocumentLock(() => {
    const ss = activeSpreadsheet();
    const { data, sheets, rowsRead } = readSheets(ss, LIST_SHEETS, domainSheet(request.domain));
    const table = domainTable(data, request.domain);
    const name = table.spec.name;
    const sheet = sheets.get(name)!;
    const row = prepareProgress(table, request);
    const formulas = targetFormulas(sheet, rowsRead.get(name)!, table, row);
    const write = progressWrite(table, row, request, stamp(), formulas);
    const saved = rereadAction(table, write.row, commitRow(ss, sheet, write));
    const message = `Avancement ${request.year} de l’action ${saved.action.id} enregistré (ligne ${saved.row} de « ${saved.sheet} »).`;
    return { ...saved, created: false, message };
  });
}

/** Upserts an indicator value by (indicator, year, territory) into Mesures. */
export function saveMeasure(input: MeasureRequest): SavedMeasure {
  const request = parseRequest(MeasureRequestSchema, input);
  return withDocumentLock(() => {
    const ss = activeSpreadsheet();
    const names = [SHEET_NAMES.territories, SHEET_NAMES.indicators, SHEET_NAMES.measures];
    const { data, sheets, rowsRead } = readSheets(ss, names);
    const errors = measureReferenceErrors(request, referenceLists(data));
    if (Object.keys(errors).length > 0) refuse(errors);
    const table = data.tables.get('measures')!;
    const sheet = sheets.get(SHEET_NAMES.measures)!;
    const located = locateMeasure(table, request);
    const formulas = targetFormulas(sheet, rowsRead.get(SHEET_NAMES.measures)!, table, located.existing);
    const write = measureWrite(table, request, located, stamp(), formulas);
    commitRow(ss, sheet, write);
    return {
      created: write.created,
      sheet: table.spec.name,
      row: write.row,
      measure: write.measure,
      message: measureMessage(write, table.spec.name),
    };
  });
}
