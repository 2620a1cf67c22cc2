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
import { rowAreas } from '../core/protection';
import { readWorkbook, referentielOfGrids, type WorkbookData } from '../core/records';
import { findDomain, type Referentiel } from '../core/referentiel';
import { cellRuns, type Table } from '../core/table';
import { SHEET_NAMES } from '../core/workbook';
import { journalTarget, openJournal, writeJournal } from './journal';
import {
  activeSpreadsheet,
  assertWritable,
  currentUserEmail,
  fromSheet,
  nowIn,
  readGrid,
  spreadsheetZone,
  withDocumentLock,
  writeRuns,
} from './sheets';

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
  zone: string;
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
  const zone = spreadsheetZone(ss);
  const grids = new Map<string, Grid>();
  const sheets = new Map<string, Sheet>();
  const read = (name: string) => {
    const sheet = ss.getSheetByName(name);
    if (!sheet) throw new Error(`La feuille « ${name} » est absente. ${NOT_INSTALLED}`);
    sheets.set(name, sheet);
    grids.set(name, readGrid(sheet, zone));
  };
  for (const name of names) read(name);
  for (const name of more(referentielOfGrids(grids))) if (!grids.has(name)) read(name);
  return { data: readWorkbook(grids), sheets, zone };
}

/** The domain's sheet, named by the workbook's référentiel (none for an unknown domain: core says why). */
const domainSheet =
  (domain: string) =>
  (ref: Referentiel): string[] => {
    const found = findDomain(ref, domain);
    return found ? [found.name] : [];
  };

function stamp(zone: string): Stamp {
  return { at: nowIn(zone), by: currentUserEmail() };
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
 * Writes the record's own cells (runs of adjacent columns; the user's columns between them are not
 * touched), reads the row back as stored, journals it and selects it for the user. Nothing is written
 * unless both the row and the Journal may be.
 */
function commitRow(ss: Spreadsheet, sheet: Sheet, zone: string, table: Table, write: RowWrite): CellValue[] {
  const runs = cellRuns(write.cells);
  const journal = openJournal(ss);
  const ownCells = rowAreas(
    write.row,
    runs.map((run) => ({ column: run.column, width: run.values.length })),
  );
  assertWritable([{ sheet, areas: ownCells }, journalTarget(journal, 1)]);
  writeRuns(sheet, write.row, runs, zone);
  const width = Math.max(table.mapping.width, ...write.cells.map((c) => c.column + 1));
  const range = sheet.getRange(write.row, 1, 1, width);
  const stored = fromSheet(range.getValues(), zone)[0]!;
  writeJournal(journal, zone, [write.journal]);
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
    const { data, sheets, zone } = readSheets(ss, LIST_SHEETS, domainSheet(request.action.domain));
    const table = domainTable(data, request.action.domain);
    const name = table.spec.name;
    const target = prepareActionSave(table, request, referenceLists(data));
    const write = actionWrite(table, target, data.referentiel, stamp(zone));
    const saved = rereadAction(table, write.row, commitRow(ss, sheets.get(name)!, zone, table, write));
    return { ...saved, created: write.created, message: actionMessage(saved, write.created) };
  });
}

/** Status and the year's avancées / freins of an existing action, without touching the rest of the row. */
export function updateProgress(input: ProgressRequest): SavedAction {
  const request = parseRequest(ProgressRequestSchema, input);
  return withDocumentLock(() => {
    const ss = activeSpreadsheet();
    const { data, sheets, zone } = readSheets(ss, LIST_SHEETS, domainSheet(request.domain));
    const table = domainTable(data, request.domain);
    const name = table.spec.name;
    const row = prepareProgress(table, request);
    const write = progressWrite(table, row, request, stamp(zone));
    const saved = rereadAction(table, write.row, commitRow(ss, sheets.get(name)!, zone, table, write));
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
    const { data, sheets, zone } = readSheets(ss, names);
    const errors = measureReferenceErrors(request, referenceLists(data));
    if (Object.keys(errors).length > 0) refuse(errors);
    const table = data.tables.get('measures')!;
    const located = locateMeasure(table, request);
    const write = measureWrite(table, request, located, stamp(zone));
    commitRow(ss, sheets.get(SHEET_NAMES.measures)!, zone, table, write);
    return {
      created: write.created,
      sheet: table.spec.name,
      row: write.row,
      measure: write.measure,
      message: measureMessage(write, table.spec.name),
    };
  });
}
