/**
 * What the commands do to a workbook, apart from the command line: create it from the install plan
 * (exceljs), write the validation's results into it (IDs, Journal, Contrôles, highlights) and a
 * year's closing, and nothing else: those are edits of the file's package (xlsx-package-edit.ts), so
 * that every other cell, format, note and dropdown of the user's file stays as it was.
 */
import type { Workbook } from 'exceljs';
import type { CellValue, Grid } from '../core/cells';
import { type InstallPlan, planInstall } from '../core/install';
import { completeJournalHeader, idAssignmentEntries, type JournalEntry, journalRows } from '../core/journal';
import type { Preset } from '../core/presets';
import { cellA1, type Problem } from '../core/problems';
import { checksLayout, markRanges, type ValidationResult, validateWorkbook } from '../core/validate';
import { SHEET_NAMES } from '../core/workbook';
import type { WorkbookGrids } from '../files/xlsx-grids';
import { applyInstallPlan, LISTS_SHEET, quoteSheet } from './install-xlsx';
import { emptyWorkbook, writeRows } from './xlsx';
import type { XlsxEdit } from './xlsx-package-edit';
import type { FormulaWrite } from './xlsx-sheet-edit';

/** The sheets a workbook of this tool is recognised by (any one of them is enough). */
export function knownSheetNames(): Set<string> {
  return new Set(Object.values(SHEET_NAMES));
}

/** Applies the install plan; `preset` fills the sheets still empty (the CUCS one by default). */
export function installInto(
  workbook: Workbook,
  grids: ReadonlyMap<string, Grid>,
  at: Date,
  user: string,
  preset?: Preset,
) {
  const plan: InstallPlan = planInstall(grids, preset);
  applyInstallPlan(workbook, plan);
  if (plan.changes.length > 0) {
    appendJournal(
      workbook,
      [
        {
          operation: 'installation / mise à jour',
          sheet: '',
          record: '',
          before: '',
          after: plan.changes.join('\n'),
          user,
        },
      ],
      at,
    );
  }
  return plan;
}

/** A new workbook holding the install plan of an empty spreadsheet, as `init` writes it. */
export function newWorkbook(at: Date, user: string, preset?: Preset): Workbook {
  const workbook = emptyWorkbook();
  workbook.creator = 'Pilotage CUCS';
  workbook.created = at;
  installInto(workbook, new Map(), at, user, preset);
  return workbook;
}

/** Fills a workbook made by `newWorkbook` with grids (header row first), as a user would type them. */
export function fillWorkbook(workbook: Workbook, grids: ReadonlyMap<string, Grid>): void {
  for (const [name, grid] of grids) {
    const sheet = workbook.getWorksheet(name);
    if (sheet) writeRows(sheet, 2, grid.slice(1));
  }
}

/** Validates the workbook's grids as the add-on's « Valider les données » does. */
export function validate({ grids, merged }: WorkbookGrids, today: Date): ValidationResult {
  const checked = new Map(grids);
  checked.delete(LISTS_SHEET);
  return validateWorkbook(checked, { merged, today });
}

/** What the validation found, without the records it read. */
export type ValidationOutcome = Pick<ValidationResult, 'problems' | 'idAssignments' | 'counts'>;

/** Writes what « Valider les données » writes: assigned IDs (noted in the Journal), Contrôles, highlights. */
export function writeValidation(edit: XlsxEdit, result: ValidationOutcome, at: Date, user: string): void {
  for (const a of result.idAssignments) edit.write(a.sheet, a.row, a.columnIndex + 1, a.id);
  const entries = idAssignmentEntries(result.idAssignments, user);
  appendJournalTo(editedRows(edit, SHEET_NAMES.journal), entries, at);
  writeChecks(edit, result.problems);
  // Red for an error, yellow for a warning, on the cells of the problems; last run's highlights removed.
  edit.highlight(markRanges(result.problems));
}

/** Appends a closing's or a reopening's rows to the Clôtures sheet, and its Journal entry. */
export function appendClosingRows(edit: XlsxEdit, rows: CellValue[][], entry: JournalEntry, at: Date): void {
  if (!edit.hasSheet(SHEET_NAMES.closings)) {
    throw new Error(`Feuille « ${SHEET_NAMES.closings} » absente du classeur.`);
  }
  const closings = editedRows(edit, SHEET_NAMES.closings);
  closings.writeRows(closings.lastFilledRow() + 1, rows);
  appendJournalTo(editedRows(edit, SHEET_NAMES.journal), [entry], at);
}

/** A sheet rows are appended to: its values as read, and where to write. */
interface AppendTarget {
  header(): CellValue[];
  /** The last row holding a value, the header row at least. */
  lastFilledRow(): number;
  writeRows(firstRow: number, rows: readonly (readonly CellValue[])[]): void;
}

/** Appends Journal entries to a workbook exceljs holds (init, importer). */
export function appendJournal(workbook: Workbook, entries: JournalEntry[], at: Date): void {
  if (entries.length > 0) appendJournalTo(worksheetRows(workbook, SHEET_NAMES.journal), entries, at);
}

/** As in the add-on: a deleted Journal is created again and its missing headers put back. */
function appendJournalTo(sheet: AppendTarget, entries: JournalEntry[], at: Date): void {
  if (entries.length === 0) return;
  const { mapping, added, firstAdded } = completeJournalHeader(sheet.header());
  if (added.length > 0) sheet.writeRows(1, [[...Array(firstAdded).fill(''), ...added.map((c) => c.header)]]);
  sheet.writeRows(sheet.lastFilledRow() + 1, journalRows(entries, mapping, at));
}

/** A sheet of an edited package (created when missing); its values as read. */
function editedRows(edit: XlsxEdit, name: string): AppendTarget {
  const grid = edit.grid(name);
  return {
    header: () => [...(grid[0] ?? [])],
    lastFilledRow: () => Math.max(grid.length, 1),
    writeRows: (firstRow, rows) => {
      edit.sheet(name);
      rows.forEach((values, r) => {
        values.forEach((value, c) => {
          if (value !== '' && value !== null) edit.write(name, firstRow + r, c + 1, value);
        });
      });
    },
  };
}

/** A sheet of an exceljs workbook (created when missing). */
function worksheetRows(workbook: Workbook, name: string): AppendTarget {
  const sheet = workbook.getWorksheet(name) ?? workbook.addWorksheet(name);
  return {
    header: () => {
      const values: CellValue[] = [];
      sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
        values[col - 1] = cell.text;
      });
      return Array.from(values, (v) => v ?? '');
    },
    lastFilledRow: () => {
      let last = 0;
      sheet.eachRow({ includeEmpty: false }, (row, r) => {
        if (row.hasValues) last = r;
      });
      return Math.max(last, 1);
    },
    writeRows: (firstRow, rows) => writeRows(sheet, firstRow, rows),
  };
}

/** The Contrôles sheet: the previous run's rows cleared, one row per problem, a link to each cell. */
function writeChecks(edit: XlsxEdit, problems: Problem[]): void {
  const name = SHEET_NAMES.checks;
  const header = edit.grid(name)[0] ?? [];
  edit.sheet(name).clearFrom = 2;
  const sheetIds = new Map(edit.sheetNames().map((sheet, i) => [sheet, i + 1]));
  const layout = checksLayout(problems, header, sheetIds, 0);
  editedRows(edit, name).writeRows(1, layout.values);
  problems.forEach((problem, i) => {
    const link = layout.links[i];
    if (link) edit.write(name, i + 2, layout.linkColumn + 1, cellLink(problem, link.text));
  });
}

/**
 * A link to the problem's cell as a HYPERLINK formula: Excel and LibreOffice both follow
 * « #'Feuille'!B5 » to the cell (a cell hyperlink as exceljs writes it sends LibreOffice to a file).
 */
function cellLink(problem: Problem, text: string): FormulaWrite {
  const a1 = cellA1(problem)?.replace(/:.*$/, '') ?? 'A1';
  const target = `#${quoteSheet(problem.sheet)}!${a1}`;
  const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return { formula: `HYPERLINK(${quoted(target)},${quoted(text)})`, result: text };
}
