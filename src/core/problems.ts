/** A problem found in the workbook, located precisely enough to link to its cell. */
export type Severity = 'erreur' | 'avertissement';

export interface Problem {
  severity: Severity;
  sheet: string;
  /** 1-based sheet row; null for a problem of the whole sheet (a missing header, say). */
  row: number | null;
  /** The column's header as the user sees it; null for a whole row or sheet. */
  column: string | null;
  /** 0-based column index in the sheet, for links; null when the column is missing. */
  columnIndex: number | null;
  value: string;
  message: string;
}

/** A1 column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The 1-based column of A1 letters, read up to the row number: « BC12 » → 55. */
export function columnNumber(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + code - 64;
  }
  return n;
}

/** A rectangle of cells by its corners, 1-based rows and columns. */
export interface CellRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The corners of an A1 range (« B2:D9 », « $B$2 »), or null for anything else. */
export function a1Range(a1: string): CellRect | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(a1);
  if (!m) return null;
  const left = columnNumber(m[1]!);
  const top = Number(m[2]);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? columnNumber(m[3]) : left };
}

export function cellA1(problem: Pick<Problem, 'row' | 'columnIndex'>): string | null {
  if (problem.row === null) return null;
  return problem.columnIndex === null
    ? `A${problem.row}:${problem.row}`
    : `${columnLetter(problem.columnIndex)}${problem.row}`;
}

/** "Santé, ligne 5, « Date de fin » : …" — how a problem reads in a dialog or on a terminal. */
export function describeProblem(p: Problem): string {
  const where = [
    p.sheet,
    p.row === null ? null : `ligne ${p.row}`,
    p.column === null ? null : `« ${p.column} »`,
  ]
    .filter((part) => part !== null)
    .join(', ');
  return `${where} : ${p.message}`;
}
