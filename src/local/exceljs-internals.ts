/**
 * Two properties every exceljs 4 worksheet has at run time that its type declarations leave out:
 * the data validations kept by range (what the .xlsx holds, far lighter than one per cell) and the
 * tab position. Reached only through these two functions.
 */
import type { DataValidation, Worksheet } from 'exceljs';

interface SheetInternals {
  dataValidations: {
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
