/** Menu « Installer ou mettre à jour le classeur »: applies core/install's plan to the spreadsheet. */
import { neutraliseText } from '../core/cells';
import {
  dropdownSource,
  type InstallPlan,
  installSummary,
  planInstall,
  type SheetPlan,
} from '../core/install';
import type { Preset } from '../core/presets';
import { type ColumnSpec, NUMBER_FORMATS } from '../core/workbook';
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

/**
 * Installs or upgrades the workbook; returns the French summary of what changed. `preset` fills the
 * sheets that are still empty (the CUCS one unless the install dialog chose another).
 */
export function runInstall(ss: Spreadsheet = activeSpreadsheet(), preset?: Preset): string {
  return withDocumentLock(() => {
    const { grids, sheets } = readAllGrids(ss);
    const plan = planInstall(grids, preset);
    for (const sheetPlan of plan.sheets) {
      const sheet =
        sheets.get(sheetPlan.spec.name) ?? ss.insertSheet(sheetPlan.spec.name, sheetPlan.position);
      sheets.set(sheetPlan.spec.name, sheet);
    }
    const rules = ruleCache(plan, sheets);
    for (const sheetPlan of plan.sheets) applySheetPlan(sheets.get(sheetPlan.spec.name)!, sheetPlan, rules);
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

function applySheetPlan(sheet: Sheet, plan: SheetPlan, rules: RuleCache): void {
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
  applyValidations(sheet.getRange(2, 1, dataRows, width), plan, rules);
  setWidths(sheet, plan);
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
  rules: RuleCache,
): void {
  const byColumn = new Map<number, DataValidation | null>();
  for (const column of plan.columns) byColumn.set(column.index, rules.for(column.spec));
  const validations = range.getDataValidations() as (DataValidation | null)[][];
  for (const row of validations) for (const [index, rule] of byColumn) row[index] = rule;
  range.setDataValidations(validations);
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
