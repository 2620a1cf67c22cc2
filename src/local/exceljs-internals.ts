/**
 * What exceljs 4 does at run time that its type declarations leave out: a worksheet's data
 * validations kept by range (what the .xlsx holds, far lighter than one per cell), and regrouped
 * here before writing, and its tab position. How exceljs reads a file: exceljs-reading.ts.
 */

import type { DataValidation, Worksheet } from 'exceljs';
import { a1Range } from '../core/problems';
import { type Area, disjointAreas, rectAddress } from './cell-ranges';

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
  const given: [Area, DataValidation][] = [];
  for (const [address, validation] of Object.entries(model)) {
    const area = a1Range(address);
    if (!validation || !area) continue;
    let rule = canonical.get(validation);
    if (!rule) {
      const content = JSON.stringify(validation);
      rule = byContent.get(content) ?? validation;
      byContent.set(content, rule);
      canonical.set(validation, rule);
    }
    given.push([area, rule]);
  }
  const compacted: typeof model = {};
  for (const [rule, areas] of disjointAreas(given)) {
    for (const area of areas) compacted[rectAddress(area)] = rule;
  }
  validations.model = compacted;
}
