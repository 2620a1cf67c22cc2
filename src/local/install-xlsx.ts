/**
 * `init`: core/install's plan carried out on an .xlsx, as src/gas/install.ts does on Google Sheets —
 * the same sheets, headers, header notes, dropdowns, formats, widths, frozen header row and tab colours.
 *
 * Dropdowns: desktop spreadsheets cap an inline list at 255 characters and split it on commas, and
 * the Référentiel's labels are long and hold commas; so every list lives in a hidden « Listes » sheet
 * and the dropdown points at its range, which Excel, LibreOffice and Google Sheets all import.
 * Checkboxes do not exist in .xlsx: they become a VRAI/FAUX list drawn from real logical cells, so that
 * choosing from it stores a true boolean (shown VRAI/FAUX or TRUE/FALSE in the spreadsheet's language),
 * which the add-on turns into a checkbox once the workbook is in Google Sheets.
 */
import type { DataValidation, Workbook, Worksheet } from 'exceljs';
import { dropdownSource, type InstallPlan, type SheetPlan } from '../core/install';
import { columnLetter } from '../core/problems';
import { type ColumnSpec, NUMBER_FORMATS } from '../core/workbook';
import { CliError } from './errors';
import { removeValidations, setTabPosition, validationsOf } from './exceljs-internals';
import { writeRows } from './xlsx';

export const LISTS_SHEET = 'Listes';
/** Excel refuses longer sheet names (Google Sheets and LibreOffice accept them, Excel does not). */
export const MAX_SHEET_NAME = 31;
/** Rows that get the formats and dropdowns beyond the data (Google Sheets' default sheet size). */
const FORMATTED_ROWS = 1000;
const HEADER_FILL = 'FFE8F0FE';

/** Carries out the plan; returns nothing: what changed is the plan's `changes`. */
export function applyInstallPlan(workbook: Workbook, plan: InstallPlan): void {
  assertSheetNamesFitExcel(plan);
  const sheets = ensureSheets(workbook, plan);
  const lists = new ListsSheet(workbook);
  for (const sheetPlan of plan.sheets) {
    applySheetPlan(sheets.get(sheetPlan.spec.name)!, sheetPlan, plan, lists);
  }
}

function assertSheetNamesFitExcel(plan: InstallPlan): void {
  const tooLong = plan.sheets.map((s) => s.spec.name).filter((name) => name.length > MAX_SHEET_NAME);
  if (tooLong.length > 0) {
    throw new CliError(
      `Nom de feuille trop long pour un classeur .xlsx (${MAX_SHEET_NAME} caractères au plus) : ${tooLong
        .map((n) => `« ${n} » (${n.length})`)
        .join(', ')}.`,
    );
  }
}

/** Creates the missing sheets at their planned position; the user's own sheets keep their place. */
function ensureSheets(workbook: Workbook, plan: InstallPlan): Map<string, Worksheet> {
  const order = workbook.worksheets.filter((s) => s.name !== LISTS_SHEET);
  const sheets = new Map<string, Worksheet>();
  for (const sheetPlan of plan.sheets) {
    const { name, tabColor } = sheetPlan.spec;
    let sheet = workbook.getWorksheet(name);
    if (!sheet) {
      sheet = workbook.addWorksheet(name, { properties: { tabColor: { argb: argb(tabColor) } } });
      order.splice(Math.min(sheetPlan.position, order.length), 0, sheet);
    }
    sheets.set(name, sheet);
  }
  for (const [i, sheet] of order.entries()) setTabPosition(sheet, i);
  return sheets;
}

/** A colour « #1a73e8 » as exceljs writes it: opaque ARGB in capitals. */
export const argb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

function applySheetPlan(sheet: Worksheet, plan: SheetPlan, whole: InstallPlan, lists: ListsSheet): void {
  const lastFormatted = Math.max(FORMATTED_ROWS, plan.lastRow + plan.appendRows.length + 200);
  for (const column of plan.columns) {
    const format = NUMBER_FORMATS[column.spec.type];
    const xlsxColumn = sheet.getColumn(column.index + 1);
    // A column style is what Excel and LibreOffice give the cells a user types in later.
    if (format) xlsxColumn.numFmt = format;
    if (column.added) xlsxColumn.width = Math.round((column.spec.width / 7) * 10) / 10;
    const validation = validationOf(column.spec, whole, lists);
    if (validation) {
      const letter = columnLetter(column.index);
      // Those read from the file (one per cell) give way, so that no two validations overlap.
      removeValidations(sheet, letter, 2, lastFormatted);
      validationsOf(sheet).add(`${letter}2:${letter}${lastFormatted}`, validation);
    }
  }
  writeHeader(sheet, plan);
  sheet.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A2' }];
  writeRows(sheet, plan.lastRow + 1, plan.appendRows);
}

function writeHeader(sheet: Worksheet, plan: SheetPlan): void {
  const row = sheet.getRow(1);
  row.height = 32;
  plan.headerRow.forEach((header, i) => {
    const cell = row.getCell(i + 1);
    cell.value = header;
    cell.numFmt = '@';
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { wrapText: true, vertical: 'middle' };
  });
  // Our notes on our headers; the notes on the user's own columns stay as they are.
  for (const column of plan.columns) row.getCell(column.index + 1).note = column.spec.note;
}

function validationOf(column: ColumnSpec, whole: InstallPlan, lists: ListsSheet): DataValidation | null {
  const dropdown = column.dropdown;
  const warn = {
    allowBlank: true,
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: column.header,
    error: column.note,
  };
  if (dropdown?.kind === 'checkbox') {
    return { type: 'list', formulae: [lists.booleans()], ...warn, error: 'Choisissez VRAI ou FAUX.' };
  }
  if (dropdown?.kind === 'list') return { type: 'list', formulae: [lists.range(dropdown.values)], ...warn };
  if (dropdown?.kind === 'column') {
    const source = dropdownSource(whole, dropdown);
    if (!source) return null;
    const letter = columnLetter(source.columnIndex);
    const formula = `${quoteSheet(source.sheet)}!$${letter}$2:$${letter}$${FORMATTED_ROWS}`;
    // Several codes may be typed in one cell (« BREST ; Q-PONTANEZEN »): no warning for those.
    return column.type === 'codes'
      ? { type: 'list', formulae: [formula], allowBlank: true, showErrorMessage: false }
      : { type: 'list', formulae: [formula], ...warn };
  }
  if (column.type === 'date') {
    return { type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(1900, 0, 1))], ...warn };
  }
  if (column.type === 'money' || column.type === 'integer') {
    return { type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], ...warn };
  }
  return null;
}

export function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/**
 * The hidden sheet that holds the dropdowns' values, one list a column, rebuilt at each `init`.
 * Identical lists share their column.
 */
class ListsSheet {
  private readonly sheet: Worksheet;
  private readonly columns = new Map<string, string>();

  constructor(workbook: Workbook) {
    const previous = workbook.getWorksheet(LISTS_SHEET);
    if (previous) workbook.removeWorksheet(previous.id);
    this.sheet = workbook.addWorksheet(LISTS_SHEET, { state: 'hidden' });
    setTabPosition(this.sheet, workbook.worksheets.length);
  }

  range(values: readonly string[]): string {
    return this.column(JSON.stringify(values), values);
  }

  booleans(): string {
    return this.column('booleans', [true, false]);
  }

  private column(key: string, values: readonly (string | boolean)[]): string {
    const known = this.columns.get(key);
    if (known) return known;
    const letter = columnLetter(this.columns.size);
    values.forEach((value, i) => {
      this.sheet.getCell(`${letter}${i + 1}`).value = value;
    });
    const range = `${quoteSheet(LISTS_SHEET)}!$${letter}$1:$${letter}$${values.length}`;
    this.columns.set(key, range);
    return range;
  }
}
