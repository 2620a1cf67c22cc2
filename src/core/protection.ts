/**
 * Protections someone else set: where an operation is about to write, and what to tell a user it would
 * fail for. Sheets refuses such a write only once the operation is under way; the add-on refuses it before
 * anything is written, so that a save is never half done.
 */
import { frenchSpacing } from './typography';

/** A block of cells, 1-based; `Infinity` rows or columns run to the sheet's end. */
export interface Area {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** The whole sheet. */
export const WHOLE_SHEET: Area = { row: 1, column: 1, numRows: Infinity, numColumns: Infinity };

export function overlaps(a: Area, b: Area): boolean {
  return (
    a.row < b.row + b.numRows &&
    b.row < a.row + a.numRows &&
    a.column < b.column + b.numColumns &&
    b.column < a.column + a.numColumns
  );
}

export function within(inner: Area, outer: Area): boolean {
  return (
    inner.row >= outer.row &&
    inner.column >= outer.column &&
    inner.row + inner.numRows <= outer.row + outer.numRows &&
    inner.column + inner.numColumns <= outer.column + outer.numColumns
  );
}

/** The cells of `numRows` rows from `row`, by runs of adjacent 0-based columns (a record's own cells). */
export function rowAreas(
  row: number,
  runs: readonly { column: number; width: number }[],
  numRows = 1,
): Area[] {
  return runs.map((run) => ({ row, column: run.column + 1, numRows, numColumns: run.width }));
}

export interface ForeignProtection {
  sheet: string;
  /** A1 notation of a protected range; null for a whole-sheet protection. */
  range: string | null;
  description: string;
  /** Who may edit it; empty when the user may not see them. */
  editors: readonly string[];
}

/** Refusal in French: which sheet, that nothing was written, whom to ask. */
export function protectedMessage(p: ForeignProtection): string {
  const what = p.range ? `La plage ${p.range} de la feuille « ${p.sheet} »` : `La feuille « ${p.sheet} »`;
  const named = p.description ? ` (protection « ${p.description} »)` : '';
  const whom =
    p.editors.length > 0 ? `à ${p.editors.slice(0, 3).join(' ou ')}` : 'au propriétaire du classeur';
  return frenchSpacing(
    `${what} est protégée${named} et vous ne pouvez pas y écrire : rien n’a été enregistré. ` +
      `Demandez ${whom} de vous ajouter à ses éditeurs, puis recommencez.`,
  );
}
