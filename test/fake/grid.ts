// Sparse 2D storage (one Grid per cell attribute), 1-based rectangles and A1 notation.

export type Axis = 'rows' | 'cols';

/** A 1-based rectangle of cells. */
export interface GridRef {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export class Grid<T> {
  private rows: Array<Array<T | undefined> | undefined> = [];

  get(row: number, col: number): T | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  set(row: number, col: number, value: T | undefined): void {
    let line = this.rows[row - 1];
    if (!line) {
      if (value === undefined) return;
      line = [];
      this.rows[row - 1] = line;
    }
    line[col - 1] = value;
  }

  fill(ref: GridRef, value: T | undefined): void {
    forEachCell(ref, (r, c) => this.set(r, c, value));
  }

  insert(axis: Axis, at: number, count: number): void {
    if (axis === 'rows') {
      this.rows = spliceIn(this.rows, at - 1, count);
      return;
    }
    this.rows = this.rows.map((line) => line && spliceIn(line, at - 1, count));
  }

  remove(axis: Axis, at: number, count: number): void {
    if (axis === 'rows') {
      this.rows.splice(at - 1, count);
      return;
    }
    for (const line of this.rows) line?.splice(at - 1, count);
  }

  /** Copies one whole row (or column) onto another. */
  copyLine(axis: Axis, from: number, to: number, length: number): void {
    for (let i = 1; i <= length; i++) {
      if (axis === 'rows') this.set(to, i, this.get(from, i));
      else this.set(i, to, this.get(i, from));
    }
  }

  /** Last 1-based row (or column) holding a value, 0 when empty. */
  last(axis: Axis): number {
    if (axis === 'rows') {
      for (let r = this.rows.length; r >= 1; r--) {
        if (this.rows[r - 1]?.some((v) => v !== undefined)) return r;
      }
      return 0;
    }
    let last = 0;
    for (const line of this.rows) {
      if (!line) continue;
      for (let c = line.length; c > last; c--) {
        if (line[c - 1] !== undefined) {
          last = c;
          break;
        }
      }
    }
    return last;
  }
}

function spliceIn<T>(items: Array<T | undefined>, index: number, count: number): Array<T | undefined> {
  if (index >= items.length) return items;
  return items.slice(0, index).concat(new Array<T | undefined>(count).fill(undefined), items.slice(index));
}

export function forEachCell(
  ref: GridRef,
  fn: (row: number, col: number, i: number, j: number) => void,
): void {
  for (let i = 0; i < ref.numRows; i++) {
    for (let j = 0; j < ref.numCols; j++) fn(ref.row + i, ref.col + j, i, j);
  }
}

export function mapCells<T>(ref: GridRef, fn: (row: number, col: number) => T): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < ref.numRows; i++) {
    const line: T[] = new Array(ref.numCols);
    for (let j = 0; j < ref.numCols; j++) line[j] = fn(ref.row + i, ref.col + j);
    out.push(line);
  }
  return out;
}

function span(ref: GridRef, axis: Axis): [start: number, size: number] {
  return axis === 'rows' ? [ref.row, ref.numRows] : [ref.col, ref.numCols];
}

function withSpan(ref: GridRef, axis: Axis, start: number, size: number): GridRef {
  return axis === 'rows' ? { ...ref, row: start, numRows: size } : { ...ref, col: start, numCols: size };
}

/** Where a rectangle ends up after `count` lines are inserted before line `at` (it grows if cut through). */
export function shiftForInsert(ref: GridRef, axis: Axis, at: number, count: number): GridRef {
  const [start, size] = span(ref, axis);
  if (start >= at) return withSpan(ref, axis, start + count, size);
  if (start + size > at) return withSpan(ref, axis, start, size + count);
  return ref;
}

/** Where a rectangle ends up after lines at..at+count-1 are deleted; null when it disappears. */
export function shiftForRemove(ref: GridRef, axis: Axis, at: number, count: number): GridRef | null {
  const [start, size] = span(ref, axis);
  const end = start + size - 1;
  const removedEnd = at + count - 1;
  const overlap = Math.max(0, Math.min(end, removedEnd) - Math.max(start, at) + 1);
  if (overlap === size) return null;
  const newStart = start < at ? start : start > removedEnd ? start - count : at;
  return withSpan(ref, axis, newStart, size - overlap);
}

export function intersects(a: GridRef, b: GridRef): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.col < b.col + b.numCols &&
    b.col < a.col + a.numCols
  );
}

export function contains(outer: GridRef, inner: GridRef): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.col + inner.numCols <= outer.col + outer.numCols
  );
}

export function columnLetters(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function toA1(ref: GridRef): string {
  const start = `${columnLetters(ref.col)}${ref.row}`;
  if (ref.numRows === 1 && ref.numCols === 1) return start;
  return `${start}:${columnLetters(ref.col + ref.numCols - 1)}${ref.row + ref.numRows - 1}`;
}

const A1_PATTERN = /^\$?([A-Za-z]{1,3})?\$?(\d+)?(?::\$?([A-Za-z]{1,3})?\$?(\d+)?)?$/;

/** Parses 'B2', 'A1:C10', 'A:C', '2:5', 'A2:C' (open ends run to the sheet edge). Null if not A1. */
export function parseA1(a1: string, maxRows: number, maxCols: number): GridRef | null {
  const m = A1_PATTERN.exec(a1.trim());
  if (!m) return null;
  const [, c1, r1, c2, r2] = m;
  const isRange = a1.includes(':');
  if (!c1 && !r1) return null;
  if (!isRange && (!c1 || !r1)) return null;
  if (isRange && !c2 && !r2) return null;
  const startCol = c1 ? columnNumber(c1) : 1;
  const startRow = r1 ? Number(r1) : 1;
  const endCol = isRange ? (c2 ? columnNumber(c2) : maxCols) : startCol;
  const endRow = isRange ? (r2 ? Number(r2) : maxRows) : startRow;
  const [top, bottom] = startRow <= endRow ? [startRow, endRow] : [endRow, startRow];
  const [left, right] = startCol <= endCol ? [startCol, endCol] : [endCol, startCol];
  return { row: top, col: left, numRows: bottom - top + 1, numCols: right - left + 1 };
}
