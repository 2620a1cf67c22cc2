/**
 * Menu « Installer ou mettre à jour le classeur »: applies core/install's plan to the spreadsheet. Only
 * the add-on's own columns are written, formatted, validated and protected, in runs of adjacent
 * columns: a user's columns, their headers (a formula, a number) and protections stay as they are.
 */
import {
  dropdownSource,
  foreignProtectionNotice,
  type InstallPlan,
  installSummary,
  type PlannedColumn,
  planInstall,
  type SheetPlan,
} from '../core/install';
import type { Preset } from '../core/presets';
import { columnLetter } from '../core/problems';
import { columnRuns } from '../core/table';
import { type ColumnSpec, NUMBER_FORMATS } from '../core/workbook';
import { appendJournal } from './journal';
import {
  activeSpreadsheet,
  assertSheetsWritable,
  currentUserEmail,
  ensureSize,
  readAllGrids,
  spreadsheetZone,
  withDocumentLock,
  writeBlock,
} from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

export const HEADER_PROTECTION = 'Pilotage CUCS — ligne d’en-têtes (ne pas renommer)';
export const JOURNAL_PROTECTION = 'Pilotage CUCS — journal (ne pas modifier à la main)';
const HEADER_BACKGROUND = '#e8f0fe';

/**
 * Installs or upgrades the workbook; returns the French summary of what changed. `preset` fills the
 * sheets that are still empty (the CUCS one unless the install dialog chose another).
 */
export function runInstall(ss: Spreadsheet = activeSpreadsheet(), preset?: Preset): string {
  return withDocumentLock(() => {
    const zone = spreadsheetZone(ss);
    const { grids, sheets } = readAllGrids(ss, zone);
    const plan = planInstall(grids, preset);
    // Its formats and validations cover its columns down to the last row: a sheet someone else protected
    // against this user is refused before anything is written, rather than halfway.
    assertSheetsWritable(ss, new Set(plan.sheets.map((p) => p.spec.name)));
    for (const sheetPlan of plan.sheets) {
      const sheet =
        sheets.get(sheetPlan.spec.name) ?? ss.insertSheet(sheetPlan.spec.name, sheetPlan.position);
      sheets.set(sheetPlan.spec.name, sheet);
    }
    const rules = ruleCache(plan, sheets);
    const notices = plan.sheets.flatMap((sheetPlan) =>
      applySheetPlan(sheets.get(sheetPlan.spec.name)!, sheetPlan, rules, zone),
    );
    if (plan.changes.length > 0) {
      appendJournal(ss, zone, [
        {
          operation: 'installation / mise à jour',
          sheet: '',
          record: '',
          before: '',
          after: plan.changes.join('\n'),
          user: currentUserEmail(),
        },
      ]);
    }
    return installSummary(plan, notices);
  });
}

/** A run of adjacent columns of the add-on, with their plans in column order. */
interface OwnRun {
  column: number;
  columns: PlannedColumn[];
}

function ownRuns(plan: SheetPlan): OwnRun[] {
  const byIndex = new Map(plan.columns.map((c) => [c.index, c]));
  return columnRuns(byIndex.keys()).map(({ column, width }) => ({
    column,
    columns: Array.from({ length: width }, (_, i) => byIndex.get(column + i)!),
  }));
}

/** A1 notation of rows `from`–`to` (1-based) of a run. */
function runA1(run: OwnRun, from: number, to: number): string {
  const last = run.column + run.columns.length - 1;
  return `${columnLetter(run.column)}${from}:${columnLetter(last)}${to}`;
}

/** Applies one sheet's plan; returns the notices for the summary. */
function applySheetPlan(sheet: Sheet, plan: SheetPlan, rules: RuleCache, zone: string): string[] {
  const runs = ownRuns(plan);
  ensureSize(sheet, Math.max(plan.lastRow + plan.appendRows.length, 2), plan.headerRow.length);
  const dataRows = sheet.getMaxRows() - 1;
  writeHeaders(sheet, runs, zone);
  sheet.setFrozenRows(1);
  formatAndValidate(sheet, runs, rules, dataRows);
  setWidths(sheet, plan);
  if (plan.create) sheet.setTabColor(plan.spec.tabColor);
  const notices = protect(sheet, plan, runs);
  appendSeedRows(sheet, plan, runs, zone);
  return notices;
}

/** Our header cells only: their text where it is missing or misspelt, their notes and their look. */
function writeHeaders(sheet: Sheet, runs: OwnRun[], zone: string): void {
  for (const run of runs) {
    const headers = run.columns.map((c) => c.spec.header);
    if (run.columns.some((c) => c.writeHeader)) writeBlock(sheet, 1, run.column + 1, [headers], zone);
    sheet.getRange(1, run.column + 1, 1, run.columns.length).setNotes([run.columns.map((c) => c.spec.note)]);
  }
  sheet
    .getRangeList(runs.map((run) => runA1(run, 1, 1)))
    .setNumberFormat('@')
    .setFontWeight('bold')
    .setBackground(HEADER_BACKGROUND)
    .setWrap(true)
    .setVerticalAlignment('middle');
}

/**
 * Formats and dropdowns of our columns' data cells, one block per run of them: a user's columns are
 * neither read nor written. A column with no format of its own keeps the one each cell has.
 */
function formatAndValidate(sheet: Sheet, runs: OwnRun[], rules: RuleCache, dataRows: number): void {
  for (const run of runs) {
    const range = sheet.getRange(2, run.column + 1, dataRows, run.columns.length);
    const own = run.columns.map((c) => NUMBER_FORMATS[c.spec.type]);
    const formats = range.getNumberFormats().map((row) => row.map((current, i) => own[i] ?? current));
    range.setNumberFormats(formats);
    const line = run.columns.map((c) => rules.for(c.spec));
    range.setDataValidations(Array.from({ length: dataRows }, () => line));
  }
}

/** Rows the sheet lacks (seed rows), in our columns only. */
function appendSeedRows(sheet: Sheet, plan: SheetPlan, runs: OwnRun[], zone: string): void {
  if (plan.appendRows.length === 0) return;
  for (const run of runs) {
    const width = run.columns.length;
    const block = plan.appendRows.map((row) => row.slice(run.column, run.column + width));
    const formats = run.columns.map((c) => NUMBER_FORMATS[c.spec.type]);
    writeBlock(sheet, plan.lastRow + 1, run.column + 1, block, zone, formats);
  }
}

interface RuleCache {
  for(column: ColumnSpec): DataValidation | null;
}

/**
 * Builds each distinct rule once for the whole install (builder calls are service calls too): the
 * status list, dates, amounts and checkboxes are shared by every sheet. Rules only warn: people may
 * type freely, and « Valider les données » explains what is wrong.
 */
function ruleCache(whole: InstallPlan, sheets: Map<string, Sheet>): RuleCache {
  const built = new Map<string, DataValidation | null>();
  const once = (key: string, build: () => DataValidation | null) => {
    if (!built.has(key)) built.set(key, build());
    return built.get(key)!;
  };
  const warning = (help: string) =>
    SpreadsheetApp.newDataValidation().setAllowInvalid(true).setHelpText(help);
  return {
    for(column) {
      const dropdown = column.dropdown;
      if (dropdown?.kind === 'checkbox') {
        return once('checkbox', () => SpreadsheetApp.newDataValidation().requireCheckbox().build());
      }
      if (dropdown?.kind === 'list') {
        return once(`list:${dropdown.values.join('\u0001')}`, () =>
          warning('Choisissez une valeur de la liste.').requireValueInList(dropdown.values, true).build(),
        );
      }
      if (dropdown?.kind === 'column') {
        const source = dropdownSource(whole, dropdown);
        const sheet = source && sheets.get(source.sheet);
        if (!source || !sheet) return null;
        return once(`column:${source.sheet}:${source.columnIndex}`, () => {
          const rows = Math.max(sheet.getMaxRows() - 1, 1);
          const values = sheet.getRange(2, source.columnIndex + 1, rows, 1);
          return warning(`Un code de la feuille ${source.sheet}.`).requireValueInRange(values, true).build();
        });
      }
      if (column.type === 'date') {
        return once('date', () => warning('Une date (jj/mm/aaaa).').requireDate().build());
      }
      if (column.type === 'money' || column.type === 'integer') {
        return once('positive', () =>
          warning('Un nombre positif ou nul.').requireNumberGreaterThanOrEqualTo(0).build(),
        );
      }
      return null;
    },
  };
}

/** Sets the widths of the columns the install adds, one call per run of equal widths. */
function setWidths(sheet: Sheet, plan: SheetPlan): void {
  const added = plan.columns.filter((c) => c.added).sort((a, b) => a.index - b.index);
  let start = 0;
  while (start < added.length) {
    let end = start;
    while (
      end + 1 < added.length &&
      added[end + 1]!.index === added[end]!.index + 1 &&
      added[end + 1]!.spec.width === added[start]!.spec.width
    ) {
      end++;
    }
    sheet.setColumnWidths(added[start]!.index + 1, end - start + 1, added[start]!.spec.width);
    start = end + 1;
  }
}

/**
 * Warning-only protections: staff may still edit, but are warned before renaming a header. The add-on's
 * own are recognised by their description; a protection someone else set is never changed (on the
 * Journal, `sheet.protect()` would hand it back renamed and downgraded): the summary says so.
 */
function protect(sheet: Sheet, plan: SheetPlan, runs: OwnRun[]): string[] {
  if (plan.spec.protectWholeSheet) {
    const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
    if (existing.some((p) => p.getDescription() === JOURNAL_PROTECTION)) return [];
    if (existing.length > 0) return [foreignProtectionNotice(plan.spec.name)];
    sheet.protect().setDescription(JOURNAL_PROTECTION).setWarningOnly(true);
    return [];
  }
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
  if (existing.some((p) => p.getDescription() === HEADER_PROTECTION)) return [];
  for (const run of runs) {
    sheet
      .getRange(1, run.column + 1, 1, run.columns.length)
      .protect()
      .setDescription(HEADER_PROTECTION)
      .setWarningOnly(true);
  }
  return [];
}
