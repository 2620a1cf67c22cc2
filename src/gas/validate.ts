/**
 * Menu « Valider les données »: reads each checked sheet once, lets core/validate find the problems,
 * then writes the IDs of rows typed without one, the Contrôles sheet (one write plus its links) and the
 * highlight rules of the problem cells. No other user cell is written.
 */
import { type CellValue, type Grid, isBlank } from '../core/cells';
import { idAssignmentEntries } from '../core/journal';
import type { Problem } from '../core/problems';
import { type Area, WHOLE_SHEET } from '../core/protection';
import { referentielOfGrids } from '../core/records';
import type { Referentiel } from '../core/referentiel';
import { plural } from '../core/typography';
import {
  CHECKS_SPEC,
  checksLayout,
  type IdAssignment,
  type Link,
  MARK_COLOURS,
  MARK_FORMULA,
  markRanges,
  type ValidationResult,
  validateWorkbook,
  validationSummary,
} from '../core/validate';
import { SHEET_NAMES, workbookSpec } from '../core/workbook';
import { journalTarget, openJournal, writeJournal } from './journal';
import {
  activeSpreadsheet,
  assertWritable,
  currentUserEmail,
  formatColumns,
  fromSheet,
  nowIn,
  spreadsheetZone,
  type WriteTarget,
  withDocumentLock,
  writeBlock,
} from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

const TITLE = 'Pilotage CUCS — validation';

/** The sheets validation reads: every sheet of the workbook (its référentiel's) but the Journal and Contrôles. */
function checkedSheets(ref: Referentiel): Set<string> {
  return new Set(
    workbookSpec(ref, [], { opinions: true })
      .filter((s) => s.role !== 'journal' && s.role !== 'checks')
      .map((s) => s.name),
  );
}

interface WorkbookRead {
  /** Every sheet of the spreadsheet, read or not. */
  sheetNames: string[];
  grids: Map<string, Grid>;
  sheets: Map<string, Sheet>;
  merged: Map<string, string[]>;
  sheetIds: Map<string, number>;
  zone: string;
}

export interface ValidationRun {
  result: ValidationResult;
  summary: string;
}

export function validateData(): void {
  const ss = activeSpreadsheet();
  ss.toast('Contrôle des feuilles en cours…', TITLE);
  const { result, summary } = runValidation(ss);
  const { erreur, avertissement } = result.counts;
  ss.toast(
    erreur + avertissement === 0
      ? 'Aucun problème.'
      : `${plural(erreur, 'erreur')}, ${plural(avertissement, 'avertissement')}.`,
    TITLE,
  );
  const ui = SpreadsheetApp.getUi();
  ui.alert(TITLE, summary, ui.ButtonSet.OK);
}

/** Validates the workbook under the document lock, so that no save lands between reading and writing IDs. */
export function runValidation(ss: Spreadsheet = activeSpreadsheet(), today?: Date): ValidationRun {
  return withDocumentLock(() => {
    const read = readCheckedSheets(ss);
    const result = validateWorkbook(read.grids, {
      merged: read.merged,
      today: today ?? nowIn(read.zone),
      sheetNames: read.sheetNames,
    });
    const entries = idAssignmentEntries(result.idAssignments, currentUserEmail());
    const journal = entries.length > 0 ? openJournal(ss) : null;
    const checks = ss.getSheetByName(SHEET_NAMES.checks);
    // Nothing is written unless the IDs, their Journal entries and Contrôles all may be.
    assertWritable([
      ...idTargets(read, result.idAssignments),
      ...(journal ? [journalTarget(journal, entries.length)] : []),
      ...(checks ? [{ sheet: checks, areas: [WHOLE_SHEET] }] : []),
    ]);
    writeAssignedIds(read, result.idAssignments);
    if (journal) writeJournal(journal, read.zone, entries);
    writeChecks(checks ?? createChecksSheet(ss), read, result.problems);
    writeMarks(read.sheets, result.problems);
    return { result, summary: validationSummary(result) };
  });
}

/** One getValues per sheet, and its merged ranges (one call, plus one per merged range found). */
function readCheckedSheets(ss: Spreadsheet): WorkbookRead {
  const read: WorkbookRead = {
    sheetNames: [],
    grids: new Map(),
    sheets: new Map(),
    merged: new Map(),
    sheetIds: new Map(),
    zone: spreadsheetZone(ss),
  };
  const readSheet = (sheet: Sheet, name: string) => {
    const range = sheet.getDataRange();
    read.sheets.set(name, sheet);
    read.sheetIds.set(name, sheet.getSheetId());
    read.grids.set(name, fromSheet(range.getValues(), read.zone));
    const merged = range.getMergedRanges().map((r) => r.getA1Notation());
    if (merged.length > 0) read.merged.set(name, merged);
  };
  const all = ss.getSheets();
  read.sheetNames = all.map((s) => s.getName());
  // The Référentiel first: its domains name the other sheets to read.
  const referentiel = all[read.sheetNames.indexOf(SHEET_NAMES.referentiel)];
  if (referentiel) readSheet(referentiel, SHEET_NAMES.referentiel);
  const checked = checkedSheets(referentielOfGrids(read.grids));
  all.forEach((sheet, i) => {
    const name = read.sheetNames[i]!;
    if (checked.has(name) && !read.grids.has(name)) readSheet(sheet, name);
  });
  return read;
}

/**
 * IDs are written into the ID cells only. Rows without ID are usually contiguous (typed at the bottom):
 * one write. Otherwise one write covers them all when the cells in between hold nothing but IDs and no
 * formula, so that rewriting them changes nothing; failing that, one write per run of rows.
 */
function writeAssignedIds(read: WorkbookRead, assignments: IdAssignment[]): void {
  const bySheet = new Map<string, IdAssignment[]>();
  for (const a of assignments) {
    const list = bySheet.get(a.sheet) ?? [];
    list.push(a);
    bySheet.set(a.sheet, list);
  }
  for (const [name, list] of bySheet) {
    const sheet = read.sheets.get(name)!;
    const column = list[0]!.columnIndex;
    const runs = contiguousRuns(list);
    if (runs.length > 1) {
      const span = spanValues(sheet, read.grids.get(name)!, list);
      if (span) {
        writeBlock(sheet, list[0]!.row, column + 1, span, read.zone);
        continue;
      }
    }
    for (const run of runs)
      writeBlock(
        sheet,
        run[0]!.row,
        column + 1,
        run.map((a) => [a.id]),
        read.zone,
      );
  }
}

/** The ID cells about to be written, sheet by sheet. */
function idTargets(read: WorkbookRead, assignments: IdAssignment[]): WriteTarget[] {
  const bySheet = new Map<string, Area[]>();
  for (const a of assignments) {
    const areas = bySheet.get(a.sheet) ?? [];
    areas.push({ row: a.row, column: a.columnIndex + 1, numRows: 1, numColumns: 1 });
    bySheet.set(a.sheet, areas);
  }
  return [...bySheet].map(([name, areas]) => ({ sheet: read.sheets.get(name)!, areas }));
}

function contiguousRuns(list: IdAssignment[]): IdAssignment[][] {
  const runs: IdAssignment[][] = [];
  for (const a of [...list].sort((x, y) => x.row - y.row)) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1]!.row === a.row - 1) run.push(a);
    else runs.push([a]);
  }
  return runs;
}

const ID_LIKE = /^[A-Za-z][A-Za-z0-9]*-\d+$/;

/** The ID column from the first to the last assigned row, or null if a cell in between is not a plain ID. */
function spanValues(sheet: Sheet, grid: Grid, list: IdAssignment[]): CellValue[][] | null {
  const rows = list.map((a) => a.row);
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  const column = list[0]!.columnIndex;
  const assigned = new Map(list.map((a) => [a.row, a.id]));
  const values: CellValue[][] = [];
  for (let row = first; row <= last; row++) {
    const current = grid[row - 1]?.[column] ?? '';
    const id = assigned.get(row);
    if (id !== undefined) values.push([id]);
    else if (isBlank(current) || (typeof current === 'string' && ID_LIKE.test(current)))
      values.push([current]);
    else return null;
  }
  const formulas = sheet.getRange(first, column + 1, values.length, 1).getFormulas();
  return formulas.some((f) => f[0] !== '') ? null : values;
}

/** The Contrôles sheet: one setValues (header, problems, blanks over the old rows), one for the links. */
function writeChecks(sheet: Sheet, read: WorkbookRead, problems: Problem[]): void {
  const lastRow = sheet.getLastRow();
  const header = lastRow > 0 ? sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]! : [];
  const layout = checksLayout(problems, header as CellValue[], read.sheetIds, lastRow);
  writeBlock(sheet, 1, 1, layout.values, read.zone);
  if (problems.length === 0) return;
  const empty = SpreadsheetApp.newRichTextValue().setText('').build();
  const richLinks = layout.links.map((link) => [link ? richLink(link) : empty]);
  sheet.getRange(2, layout.linkColumn + 1, richLinks.length, 1).setRichTextValues(richLinks);
}

function richLink(link: Link): GoogleAppsScript.Spreadsheet.RichTextValue {
  return SpreadsheetApp.newRichTextValue().setText(link.text).setLinkUrl(link.url).build();
}

/** Normally made by the installer; created here so that a validation never fails for want of it. */
function createChecksSheet(ss: Spreadsheet): Sheet {
  const sheet = ss.insertSheet(SHEET_NAMES.checks);
  formatColumns(sheet, 0, CHECKS_SPEC.columns);
  return sheet;
}

/**
 * Highlights as conditional-format rules the add-on owns (formula =TRUE and one of its two colours):
 * the previous run's are replaced, the user's own rules are kept after them, no cell format is touched.
 */
function writeMarks(sheets: Map<string, Sheet>, problems: Problem[]): void {
  const marks = markRanges(problems);
  for (const [name, sheet] of sheets) {
    const rules = sheet.getConditionalFormatRules();
    const kept = rules.filter((rule) => !isOwnMark(rule));
    const mine = marks.get(name);
    if (!mine && kept.length === rules.length) continue;
    const added = mine
      ? (['erreur', 'avertissement'] as const).flatMap((severity) =>
          mine[severity].length > 0 ? [markRule(sheet, mine[severity], MARK_COLOURS[severity])] : [],
        )
      : [];
    sheet.setConditionalFormatRules([...added, ...kept]);
  }
}

const OWN_COLOURS = new Set(Object.values(MARK_COLOURS));

function isOwnMark(rule: ConditionalFormatRule): boolean {
  const condition = rule.getBooleanCondition();
  if (!condition) return false;
  const background = condition.getBackground();
  if (!background || !OWN_COLOURS.has(background.toLowerCase())) return false;
  const values = condition.getCriteriaValues();
  return values.length === 1 && sameFormula(values[0], MARK_FORMULA);
}

/**
 * Whether two formulas are the same once Sheets' rewriting is undone: case, spaces, the French names
 * of the locale (VRAI), empty call parentheses (=TRUE()) and « ; » for « , ». Sheets may hand back
 * `=TRUE` as `=true`, `=TRUE()` or `=VRAI()`.
 */
export function sameFormula(found: unknown, ours: string): boolean {
  const normalise = (formula: string) =>
    formula
      .replace(/\s+/g, '')
      .toUpperCase()
      .replace(/;/g, ',')
      .replace(/\bVRAI\b/g, 'TRUE')
      .replace(/\bFAUX\b/g, 'FALSE')
      .replace(/\b(TRUE|FALSE)\(\)/g, '$1');
  return typeof found === 'string' && normalise(found) === normalise(ours);
}

function markRule(sheet: Sheet, a1Ranges: string[], colour: string): ConditionalFormatRule {
  const ranges = sheet.getRangeList(a1Ranges).getRanges();
  return SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(MARK_FORMULA)
    .setBackground(colour)
    .setRanges(ranges)
    .build();
}
