/**
 * What exceljs 4 does at run time that its type declarations leave out: a worksheet's data
 * validations kept by range (what the .xlsx holds, far lighter than one per cell), and regrouped
 * here before writing, and its tab position. How exceljs reads a file: exceljs-reading.ts.
 */
import type { DataValidation, Worksheet } from 'exceljs';
import { columnLetter } from '../core/problems';
import { columnNumber } from './xlsx-grids';

interface SheetInternals {
  dataValidations: {
    /** By address: a cell (« B7 ») as read from a file, or a range (« B2:B1000 ») as added. */
    model: Record<string, DataValidation | undefined>;
    add(range: string, validation: DataValidation): void;
    find(address: string): DataValidation | undefined;
  };
  orderNo: number;
}

export function validationsOf(sheet: Worksheet): SheetInternals['dataValidations'] {
  return (sheet as unknown as SheetInternals).dataValidations;
}

/** Sets the tab order: exceljs writes the sheets sorted by this number. */
export function setTabPosition(sheet: Worksheet, position: number): void {
  (sheet as unknown as SheetInternals).orderNo = position;
}

/** Drops the validations of a column between two rows, before one range validation replaces them. */
export function removeValidations(sheet: Worksheet, column: string, firstRow: number, lastRow: number): void {
  const { model } = validationsOf(sheet);
  for (const address of Object.keys(model)) {
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(address);
    if (!m || m[1] !== column || (m[3] !== undefined && m[3] !== column)) continue;
    const top = Number(m[2]);
    const bottom = m[4] === undefined ? top : Number(m[4]);
    if (top >= firstRow && bottom <= lastRow) delete model[address];
  }
}

/**
 * The validations of a sheet as disjoint rectangles, one key each. exceljs reads a range as one
 * entry per cell and, on writing, groups the cells again after sorting their addresses as text
 * (« B10 » before « B2 »): it writes B10:B1000 and B2:B1000, overlapping ranges that Excel refuses
 * (it offers to « repair » the file), one more at every rewrite. Grouped here, numerically, before
 * each write, every cell keeps its validation and the writer finds nothing left to group.
 */
export function compactValidations(sheet: Worksheet): void {
  const validations = validationsOf(sheet);
  const { model } = validations;
  // Equal rules read from different ranges become one; the cells of a range share their object.
  const byContent = new Map<string, DataValidation>();
  const canonical = new Map<DataValidation, DataValidation>();
  // Column → row → rule: a cell belongs to one rule, the last one given to it.
  const owners = new Map<number, Map<number, DataValidation>>();
  for (const [address, validation] of Object.entries(model)) {
    const area = areaOf(address);
    if (!validation || !area) continue;
    let rule = canonical.get(validation);
    if (!rule) {
      const content = JSON.stringify(validation);
      rule = byContent.get(content) ?? validation;
      byContent.set(content, rule);
      canonical.set(validation, rule);
    }
    for (let col = area.left; col <= area.right; col++) {
      const rows = owners.get(col) ?? new Map<number, DataValidation>();
      owners.set(col, rows);
      for (let row = area.top; row <= area.bottom; row++) rows.set(row, rule);
    }
  }
  const cellsByRule = new Map<DataValidation, Map<number, number[]>>();
  for (const [col, rows] of owners) {
    for (const [row, rule] of rows) {
      const byColumn = cellsByRule.get(rule) ?? new Map<number, number[]>();
      cellsByRule.set(rule, byColumn);
      const list = byColumn.get(col) ?? [];
      byColumn.set(col, list);
      list.push(row);
    }
  }
  const compacted: typeof model = {};
  for (const [rule, byColumn] of cellsByRule) {
    for (const rect of rectangles(byColumn)) compacted[rectAddress(rect)] = rule;
  }
  validations.model = compacted;
}

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function areaOf(address: string): Area | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(address);
  if (!m) return null;
  const left = columnNumber(m[1]!);
  const top = Number(m[2]);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? columnNumber(m[3]) : left };
}

/** Runs of consecutive rows in each column, side-by-side columns with the same runs joined. */
function rectangles(byColumn: Map<number, number[]>): Area[] {
  const done: Area[] = [];
  let open = new Map<string, Area>(); // « top:bottom » of the previous column → its rectangle
  for (const col of [...byColumn.keys()].sort((a, b) => a - b)) {
    const rows = byColumn.get(col)!.sort((a, b) => a - b);
    const next = new Map<string, Area>();
    for (let i = 0; i < rows.length; ) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
      const span = `${rows[i]}:${rows[j]}`;
      const previous = open.get(span);
      if (previous && previous.right === col - 1) {
        previous.right = col;
        open.delete(span);
        next.set(span, previous);
      } else next.set(span, { top: rows[i]!, bottom: rows[j]!, left: col, right: col });
      i = j + 1;
    }
    done.push(...open.values());
    open = next;
  }
  return [...done, ...open.values()];
}

function rectAddress({ top, left, bottom, right }: Area): string {
  const first = `${columnLetter(left - 1)}${top}`;
  return top === bottom && left === right ? first : `${first}:${columnLetter(right - 1)}${bottom}`;
}
