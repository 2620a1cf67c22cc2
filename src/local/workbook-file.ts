/**
 * What the commands do to a workbook, apart from the command line: create it from the install plan,
 * write the validation's results into it (IDs, Journal, Contrôles, highlights), and nothing else —
 * every other cell, format, note and dropdown of the user's file is written back as it was read.
 */
import type {
  CellFormulaValue,
  ConditionalFormattingOptions,
  ConditionalFormattingRule,
  Workbook,
  Worksheet,
} from 'exceljs';
import type { CellValue, Grid } from '../core/cells';
import { type InstallPlan, planInstall } from '../core/install';
import { completeJournalHeader, idAssignmentEntries, type JournalEntry, journalRows } from '../core/journal';
import type { Preset } from '../core/presets';
import { cellA1, type Problem, type Severity } from '../core/problems';
import {
  checksLayout,
  MARK_COLOURS,
  markRanges,
  type ValidationResult,
  validateWorkbook,
} from '../core/validate';
import { SHEET_NAMES } from '../core/workbook';
import type { WorkbookGrids } from '../files/xlsx-grids';
import { setTabPosition, tabPosition } from './exceljs-internals';
import { applyInstallPlan, argb, LISTS_SHEET, quoteSheet } from './install-xlsx';
import { emptyWorkbook, setCell, writeRows } from './xlsx';

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
export function writeValidation(workbook: Workbook, result: ValidationOutcome, at: Date, user: string): void {
  for (const a of result.idAssignments)
    setCell(workbook.getWorksheet(a.sheet)!, a.row, a.columnIndex + 1, a.id);
  appendJournal(workbook, idAssignmentEntries(result.idAssignments, user), at);
  writeChecks(workbook, result.problems);
  highlight(workbook, result.problems);
}

/** Appends a closing's or a reopening's rows to the Clôtures sheet, and its Journal entry. */
export function appendClosingRows(
  workbook: Workbook,
  rows: CellValue[][],
  entry: JournalEntry,
  at: Date,
): void {
  const sheet = workbook.getWorksheet(SHEET_NAMES.closings);
  if (!sheet) throw new Error(`Feuille « ${SHEET_NAMES.closings} » absente du classeur.`);
  writeRows(sheet, lastFilledRow(sheet) + 1, rows);
  appendJournal(workbook, [entry], at);
}

/** As in the add-on: a deleted Journal is created again and its missing headers put back. */
export function appendJournal(workbook: Workbook, entries: JournalEntry[], at: Date): void {
  if (entries.length === 0) return;
  const sheet = workbook.getWorksheet(SHEET_NAMES.journal) ?? workbook.addWorksheet(SHEET_NAMES.journal);
  const { mapping, added, firstAdded } = completeJournalHeader(sheetRow(sheet, 1));
  if (added.length > 0) writeRows(sheet, 1, [[...Array(firstAdded).fill(''), ...added.map((c) => c.header)]]);
  writeRows(sheet, lastFilledRow(sheet) + 1, journalRows(entries, mapping, at));
}

function sheetRow(sheet: Worksheet, row: number): CellValue[] {
  const values: CellValue[] = [];
  sheet.getRow(row).eachCell({ includeEmpty: false }, (cell, col) => {
    values[col - 1] = cell.text;
  });
  return Array.from(values, (v) => v ?? '');
}

/** The last row holding a value, the header row at least. */
function lastFilledRow(sheet: Worksheet): number {
  let last = 0;
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    if (row.hasValues) last = r;
  });
  return Math.max(last, 1);
}

/** The Contrôles sheet: the previous run's rows cleared, one row per problem, a link to each cell. */
function writeChecks(workbook: Workbook, problems: Problem[]): void {
  let sheet = workbook.getWorksheet(SHEET_NAMES.checks);
  if (!sheet) {
    sheet = workbook.addWorksheet(SHEET_NAMES.checks);
    setTabPosition(sheet, Math.max(0, ...workbook.worksheets.map(tabPosition)) + 1);
  }
  for (let r = 2; r <= sheet.rowCount; r++) {
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell) => {
      cell.value = null;
    });
  }
  const sheetIds = new Map(workbook.worksheets.map((s) => [s.name, s.id]));
  const layout = checksLayout(problems, sheetRow(sheet, 1), sheetIds, 0);
  writeRows(sheet, 1, layout.values);
  problems.forEach((problem, i) => {
    const link = layout.links[i];
    if (link) sheet.getCell(i + 2, layout.linkColumn + 1).value = cellLink(problem, link.text);
  });
}

/**
 * A link to the problem's cell as a HYPERLINK formula: Excel and LibreOffice both follow
 * « #'Feuille'!B5 » to the cell (a cell hyperlink as exceljs writes it sends LibreOffice to a file).
 */
export function cellLink(problem: Problem, text: string): CellFormulaValue {
  const a1 = cellA1(problem)?.replace(/:.*$/, '') ?? 'A1';
  const target = `#${quoteSheet(problem.sheet)}!${a1}`;
  const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;
  return { formula: `HYPERLINK(${quoted(target)},${quoted(text)})`, result: text };
}

const HIGHLIGHT_FILLS = new Set(Object.values(MARK_COLOURS).map(argb));

/** A highlight rule of ours: an always-true expression with one of the two highlight colours. */
function isHighlight(cf: ConditionalFormattingOptions): boolean {
  return cf.rules.every((rule: ConditionalFormattingRule) => {
    if (rule.type !== 'expression') return false;
    const fill = rule.style?.fill;
    const colour = fill && 'bgColor' in fill ? fill.bgColor?.argb : undefined;
    return rule.formulae?.[0] === 'TRUE' && colour !== undefined && HIGHLIGHT_FILLS.has(colour);
  });
}

/** Red for an error, yellow for a warning, on the cells of the problems; last run's highlights removed. */
function highlight(workbook: Workbook, problems: Problem[]): void {
  for (const sheet of workbook.worksheets) {
    sheet.removeConditionalFormatting((cf: ConditionalFormattingOptions) => !isHighlight(cf));
  }
  for (const [name, bySeverity] of markRanges(problems)) {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) continue;
    for (const severity of ['erreur', 'avertissement'] as Severity[]) {
      const ranges = bySeverity[severity];
      if (ranges.length === 0) continue;
      sheet.addConditionalFormatting({
        ref: ranges.join(' '),
        rules: [
          {
            type: 'expression',
            priority: severity === 'erreur' ? 1 : 2,
            formulae: ['TRUE'],
            style: {
              fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(MARK_COLOURS[severity]) } },
            },
          },
        ],
      });
    }
  }
}
