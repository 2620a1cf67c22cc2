/** Menu « Installer ou mettre à jour le classeur »: applies core/install's plan to the spreadsheet. */
import { neutraliseText } from '../core/cells';
import {
  dropdownSource,
  type InstallPlan,
  installSummary,
  planInstall,
  type SheetPlan,
} from '../core/install';
import { NUMBER_FORMATS } from '../core/workbook';
import { appendJournal } from './journal';
import {
  activeSpreadsheet,
  currentUserEmail,
  ensureSize,
  readAllGrids,
  withDocumentLock,
  writeBlock,
} from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

export const HEADER_PROTECTION = 'Pilotage CUCS — ligne d’en-têtes (ne pas renommer)';
export const JOURNAL_PROTECTION = 'Pilotage CUCS — journal (ne pas modifier à la main)';
const HEADER_BACKGROUND = '#e8f0fe';

/** Installs or upgrades the workbook; returns the French summary of what changed. */
export function runInstall(ss: Spreadsheet = activeSpreadsheet()): string {
  return withDocumentLock(() => {
    const { grids, sheets } = readAllGrids(ss);
    const plan = planInstall(grids);
    for (const sheetPlan of plan.sheets) {
      const sheet =
        sheets.get(sheetPlan.spec.name) ?? ss.insertSheet(sheetPlan.spec.name, sheetPlan.position);
      sheets.set(sheetPlan.spec.name, sheet);
    }
    for (const sheetPlan of plan.sheets)
      applySheetPlan(sheets.get(sheetPlan.spec.name)!, sheetPlan, plan, sheets);
    if (plan.changes.length > 0) {
      appendJournal(ss, [
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
    return installSummary(plan);
  });
}

export function installWorkbook(): void {
  const summary = runInstall();
  SpreadsheetApp.getUi().alert('Pilotage CUCS', summary, SpreadsheetApp.getUi().ButtonSet.OK);
}

function applySheetPlan(sheet: Sheet, plan: SheetPlan, whole: InstallPlan, sheets: Map<string, Sheet>): void {
  const width = plan.headerRow.length;
  ensureSize(sheet, Math.max(plan.lastRow + plan.appendRows.length, 2), width);
  const dataRows = sheet.getMaxRows() - 1;
  const header = sheet.getRange(1, 1, 1, width);
  header.setNumberFormat('@');
  header.setValues([plan.headerRow.map(neutraliseText)]);
  header.setNotes([mergeNotes(header.getNotes()[0]!, plan)]);
  header.setFontWeight('bold').setBackground(HEADER_BACKGROUND).setWrap(true).setVerticalAlignment('middle');
  sheet.setFrozenRows(1);
  applyDataFormats(sheet.getRange(2, 1, dataRows, width), plan);
  applyValidations(sheet.getRange(2, 1, dataRows, width), plan, whole, sheets);
  for (const column of plan.columns) {
    if (column.added) sheet.setColumnWidth(column.index + 1, column.spec.width);
  }
  if (plan.create) sheet.setTabColor(plan.spec.tabColor);
  protect(sheet, header, plan);
  writeBlock(sheet, plan.lastRow + 1, 1, plan.appendRows);
}

/** Our notes on our headers; the notes on the user's own columns stay as they are. */
function mergeNotes(current: string[], plan: SheetPlan): string[] {
  const notes = [...current];
  for (const column of plan.columns) notes[column.index] = column.spec.note;
  return notes;
}

function applyDataFormats(range: GoogleAppsScript.Spreadsheet.Range, plan: SheetPlan): void {
  const formats = range.getNumberFormats();
  const ours = plan.columns.flatMap((c) => {
    const format = NUMBER_FORMATS[c.spec.type];
    return format ? [{ index: c.index, format }] : [];
  });
  for (const row of formats) for (const { index, format } of ours) row[index] = format;
  range.setNumberFormats(formats);
}

function applyValidations(
  range: GoogleAppsScript.Spreadsheet.Range,
  plan: SheetPlan,
  whole: InstallPlan,
  sheets: Map<string, Sheet>,
): void {
  const rules = new Map<number, DataValidation | null>();
  for (const column of plan.columns) rules.set(column.index, validationRule(column.spec, whole, sheets));
  const validations = range.getDataValidations() as (DataValidation | null)[][];
  for (const row of validations) for (const [index, rule] of rules) row[index] = rule;
  range.setDataValidations(validations);
}

function validationRule(
  column: SheetPlan['columns'][number]['spec'],
  whole: InstallPlan,
  sheets: Map<string, Sheet>,
): DataValidation | null {
  const builder = SpreadsheetApp.newDataValidation().setAllowInvalid(true).setHelpText(column.note);
  const dropdown = column.dropdown;
  if (dropdown?.kind === 'checkbox') return SpreadsheetApp.newDataValidation().requireCheckbox().build();
  if (dropdown?.kind === 'list') return builder.requireValueInList(dropdown.values, true).build();
  if (dropdown?.kind === 'column') {
    const source = dropdownSource(whole, dropdown);
    const sheet = source && sheets.get(source.sheet);
    if (!source || !sheet) return null;
    const rows = Math.max(sheet.getMaxRows() - 1, 1);
    return builder.requireValueInRange(sheet.getRange(2, source.columnIndex + 1, rows, 1), true).build();
  }
  if (column.type === 'date') return builder.requireDate().build();
  if (column.type === 'money' || column.type === 'integer')
    return builder.requireNumberGreaterThanOrEqualTo(0).build();
  return null;
}

/** Warning-only protections: staff may still edit, but are warned before renaming a header. */
function protect(sheet: Sheet, header: GoogleAppsScript.Spreadsheet.Range, plan: SheetPlan): void {
  const type = plan.spec.protectWholeSheet
    ? SpreadsheetApp.ProtectionType.SHEET
    : SpreadsheetApp.ProtectionType.RANGE;
  const description = plan.spec.protectWholeSheet ? JOURNAL_PROTECTION : HEADER_PROTECTION;
  if (sheet.getProtections(type).some((p) => p.getDescription() === description)) return;
  const protection = plan.spec.protectWholeSheet ? sheet.protect() : header.protect();
  protection.setDescription(description).setWarningOnly(true);
}
