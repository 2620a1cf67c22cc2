/**
 * Two properties every exceljs 4 worksheet has at run time that its type declarations leave out:
 * the data validations kept by range (what the .xlsx holds, far lighter than one per cell) and the
 * tab position. Reached only through these two functions.
 */
import type { DataValidation, Worksheet } from 'exceljs';

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

export function tabPosition(sheet: Worksheet): number {
  return (sheet as unknown as SheetInternals).orderNo;
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
