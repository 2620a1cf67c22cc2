/**
 * What « Valider les données » shows: the Contrôles sheet (one row per problem, with a link to the cell),
 * the cells to highlight, and the closing dialog's summary.
 */
import type { CellValue } from '../cells';
import { cellA1, columnLetter, type Problem, type Severity } from '../problems';
import { layoutRow, mapHeaders, toCell } from '../table';
import { frenchSpacing, plural } from '../typography';
import { fixedSheetSpec } from '../workbook';
import type { IdAssignment, ValidationResult } from './validate';

/** Background colours of the highlight rules the add-on owns: recognised by them, rewritten each run. */
export const MARK_COLOURS: Record<Severity, string> = { erreur: '#f4c7c3', avertissement: '#fce8b2' };
export const MARK_FORMULA = '=TRUE';

export const CHECKS_SPEC = fixedSheetSpec('checks');

export interface Link {
  text: string;
  url: string;
}

/** A link inside the spreadsheet: `#gid=…&range=A1` jumps to the cell, `#gid=…` to the sheet. */
export function problemLink(
  sheetId: number | undefined,
  problem: Pick<Problem, 'row' | 'columnIndex'>,
): Link | null {
  if (sheetId === undefined) return null;
  const a1 = cellA1(problem);
  if (a1 === null) return { text: 'Aller à la feuille', url: `#gid=${sheetId}` };
  // A whole row is named by its number: « A3:3 » means nothing to the reader.
  const label = problem.columnIndex === null ? `Aller à la ligne ${problem.row}` : `Aller en ${a1}`;
  return { text: label, url: `#gid=${sheetId}&range=${a1}` };
}

export interface ChecksLayout {
  /** The block to write from A1: the header row, one row per problem, blank rows over the old ones. */
  values: CellValue[][];
  /** 0-based index of the Lien column. */
  linkColumn: number;
  /** The link of each problem row (row 2 onwards); null where the sheet is missing. */
  links: (Link | null)[];
}

const MAX_VALUE = 500;

/**
 * Lays the problems out under the sheet's own header row (columns found by name); a header row that
 * lost one of ours is rewritten whole. `previousRows` rows (header included) are covered so that the
 * one write also clears the last run's rows.
 */
export function checksLayout(
  problems: Problem[],
  headerRow: readonly CellValue[],
  sheetIds: ReadonlyMap<string, number>,
  previousRows: number,
): ChecksLayout {
  let header = [...headerRow];
  let mapping = mapHeaders(CHECKS_SPEC, header);
  if (mapping.missing.length > 0) {
    header = CHECKS_SPEC.columns.map((c) => c.header);
    mapping = mapHeaders(CHECKS_SPEC, header);
  }
  const width = Math.max(...mapping.index.values()) + 1;
  const links = problems.map((p) => problemLink(sheetIds.get(p.sheet), p));
  const rows = problems.map((p, i) =>
    layoutRow(
      mapping,
      {
        severity: p.severity,
        sheet: p.sheet,
        row: p.row,
        column: p.column ?? '',
        value: p.value.length > MAX_VALUE ? `${p.value.slice(0, MAX_VALUE)}…` : p.value,
        message: frenchSpacing(p.message),
        link: links[i]?.text ?? '',
      },
      width,
    ),
  );
  const values: CellValue[][] = [
    header.slice(0, width).map((h) => toCell(typeof h === 'string' ? h : String(h ?? ''))),
    ...rows,
  ];
  while (values.length < previousRows) values.push(Array.from({ length: width }, () => ''));
  return { values, linkColumn: mapping.index.get('link')!, links };
}

/**
 * The cells to highlight, by sheet and severity, as A1 ranges; consecutive cells of a column are merged
 * into one range, and a cell with an error is highlighted as an error only.
 */
export function markRanges(problems: Problem[]): Map<string, Record<Severity, string[]>> {
  const cells = new Map<string, Record<Severity, Set<string>>>();
  for (const p of problems) {
    if (p.row === null || p.columnIndex === null) continue;
    const sheet = cells.get(p.sheet) ?? { erreur: new Set<string>(), avertissement: new Set<string>() };
    cells.set(p.sheet, sheet);
    sheet[p.severity].add(`${p.columnIndex}:${p.row}`);
  }
  const ranges = new Map<string, Record<Severity, string[]>>();
  for (const [sheet, bySeverity] of cells) {
    for (const key of bySeverity.erreur) bySeverity.avertissement.delete(key);
    ranges.set(sheet, {
      erreur: toRanges(bySeverity.erreur),
      avertissement: toRanges(bySeverity.avertissement),
    });
  }
  return ranges;
}

function toRanges(cells: Set<string>): string[] {
  const byColumn = new Map<number, number[]>();
  for (const key of cells) {
    const [col, row] = key.split(':').map(Number) as [number, number];
    const rows = byColumn.get(col) ?? [];
    rows.push(row);
    byColumn.set(col, rows);
  }
  const ranges: string[] = [];
  for (const [col, rows] of [...byColumn].sort((a, b) => a[0] - b[0])) {
    rows.sort((a, b) => a - b);
    const letter = columnLetter(col);
    let start = rows[0]!;
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i] === rows[i - 1]! + 1) continue;
      const end = rows[i - 1]!;
      ranges.push(start === end ? `${letter}${start}` : `${letter}${start}:${letter}${end}`);
      start = rows[i]!;
    }
  }
  return ranges;
}

export const NOTHING_TO_FIX = 'Aucun problème : les données sont prêtes pour le comité.';

/** The closing dialog: counts by severity and sheet, or the all-clear; then the IDs given to new rows. */
export function validationSummary(result: Pick<ValidationResult, 'counts' | 'idAssignments'>): string {
  const { counts } = result;
  const parts: string[] = [];
  if (counts.erreur + counts.avertissement === 0) parts.push(NOTHING_TO_FIX);
  else {
    const lines = Object.entries(counts.bySheet).map(
      ([sheet, c]) =>
        `• ${sheet} : ${plural(c.erreur, 'erreur')}, ${plural(c.avertissement, 'avertissement')}`,
    );
    parts.push(
      `${plural(counts.erreur, 'erreur')} et ${plural(counts.avertissement, 'avertissement')} :\n${lines.join('\n')}`,
      'Le détail est dans la feuille Contrôles, avec un lien vers chaque cellule. Les cellules concernées sont surlignées : rouge pour une erreur, jaune pour un avertissement.',
    );
  }
  if (result.idAssignments.length > 0) parts.push(assignedIdsText(result.idAssignments));
  return frenchSpacing(parts.join('\n\n'));
}

function assignedIdsText(assignments: IdAssignment[]): string {
  const shown = assignments.slice(0, 10).map((a) => `• ${a.id} : ${a.sheet}, ligne ${a.row}`);
  if (assignments.length > 10) shown.push(`• … et ${plural(assignments.length - 10, 'autre')}`);
  return `${plural(assignments.length, 'ID attribué', 'ID attribués')} aux lignes saisies sans ID (noté au Journal) :\n${shown.join('\n')}`;
}
