// Sheet rows and columns: insertion, deletion, sizes and visibility.

import { assertInt, type FakeContext } from './core';
import type { Axis, GridRef } from './grid';
import type { SheetModel } from './sheet-model';

const DEFAULT_COLUMN_WIDTH = 100;
const DEFAULT_ROW_HEIGHT = 21;

/** Row/column insertion, deletion, sizes and visibility for one sheet. */
export function createLineOperations(
  ctx: FakeContext,
  sheet: SheetModel,
  chain: <A extends unknown[]>(fn: (...a: A) => void) => (...a: A) => object,
  requireCells: (extra: number) => void,
  /** Throws when a protection someone else set covers `ref` (no ref: the whole sheet is protected). */
  assertEditable: (ref?: GridRef) => void,
) {
  const max = (axis: Axis) => (axis === 'rows' ? sheet.maxRows : sheet.maxCols);
  const noun = (axis: Axis) => (axis === 'rows' ? 'rows' : 'columns');
  const bounds = (axis: Axis, start: unknown, count: unknown, where: string): [number, number] => {
    const s = assertInt(ctx, start, where);
    const n = assertInt(ctx, count, where);
    if (s < 1 || n < 1 || s + n - 1 > max(axis))
      throw ctx.exception(`Those ${noun(axis)} are out of bounds.`);
    return [s, n];
  };
  const howMany = (count: unknown, where: string) => {
    const n = assertInt(ctx, count, where);
    if (n < 1) throw ctx.exception('The number of rows or columns to insert must be at least 1.');
    return n;
  };
  const insert = (axis: Axis, at: number, count: number, copyFrom: number | null) => {
    assertEditable();
    requireCells(count * (axis === 'rows' ? sheet.maxCols : sheet.maxRows));
    sheet.insertLines(axis, at, count);
    if (copyFrom !== null) for (let i = 0; i < count; i++) sheet.copyRowFormats(copyFrom, at + i);
  };
  // New rows take the formats of the row above them (of the pushed-down row at the very top); columns take none.
  const insertAfter = (axis: Axis, after: unknown, count: unknown, where: string) => {
    const [a] = bounds(axis, after, 1, where);
    insert(axis, a + 1, howMany(count, where), axis === 'rows' ? a : null);
  };
  const insertBefore = (axis: Axis, before: unknown, count: unknown, where: string) => {
    const [b] = bounds(axis, before, 1, where);
    const n = howMany(count, where);
    insert(axis, b, n, axis === 'rows' ? (b > 1 ? b - 1 : b + n) : null);
  };
  const remove = (axis: Axis, start: unknown, count: unknown, where: string) => {
    const [s, n] = bounds(axis, start, count, where);
    const frozen = axis === 'rows' ? sheet.frozenRows : sheet.frozenCols;
    if (max(axis) - n <= frozen)
      throw ctx.exception(`Sorry, it is not possible to delete all non-frozen ${noun(axis)}.`);
    assertEditable(
      axis === 'rows'
        ? { row: s, col: 1, numRows: n, numCols: sheet.maxCols }
        : { row: 1, col: s, numRows: sheet.maxRows, numCols: n },
    );
    sheet.removeLines(axis, s, n);
  };
  const lineSetter =
    <T>(axis: Axis, grid: { set(r: number, c: number, v: T | undefined): void }) =>
    (start: number, count: number, value: T | undefined) => {
      for (let line = start; line < start + count; line++) {
        if (axis === 'rows') grid.set(line, 1, value);
        else grid.set(1, line, value);
      }
    };
  const setWidths = lineSetter('cols', sheet.columnWidths);
  const setHeights = lineSetter('rows', sheet.rowHeights);
  const setHiddenRows = lineSetter('rows', sheet.hiddenRows);
  const setHiddenCols = lineSetter('cols', sheet.hiddenColumns);
  // These Sheet methods return void in Apps Script: no chaining.
  const run =
    <A extends unknown[]>(fn: (...a: A) => void) =>
    (...args: A): void => {
      fn(...args);
    };
  const members = {
    insertRowsAfter: chain((after: unknown, n: unknown) =>
      insertAfter('rows', after, n, 'Sheet.insertRowsAfter'),
    ),
    insertRowAfter: chain((after: unknown) => insertAfter('rows', after, 1, 'Sheet.insertRowAfter')),
    insertRowsBefore: chain((before: unknown, n: unknown) =>
      insertBefore('rows', before, n, 'Sheet.insertRowsBefore'),
    ),
    insertRowBefore: chain((before: unknown) => insertBefore('rows', before, 1, 'Sheet.insertRowBefore')),
    insertRows: run((before: unknown, n: unknown = 1) => insertBefore('rows', before, n, 'Sheet.insertRows')),
    insertColumnsAfter: chain((after: unknown, n: unknown) =>
      insertAfter('cols', after, n, 'Sheet.insertColumnsAfter'),
    ),
    insertColumnAfter: chain((after: unknown) => insertAfter('cols', after, 1, 'Sheet.insertColumnAfter')),
    insertColumnsBefore: chain((before: unknown, n: unknown) =>
      insertBefore('cols', before, n, 'Sheet.insertColumnsBefore'),
    ),
    insertColumnBefore: chain((before: unknown) =>
      insertBefore('cols', before, 1, 'Sheet.insertColumnBefore'),
    ),
    insertColumns: run((before: unknown, n: unknown = 1) =>
      insertBefore('cols', before, n, 'Sheet.insertColumns'),
    ),
    deleteRows: run((start: unknown, n: unknown) => remove('rows', start, n, 'Sheet.deleteRows')),
    deleteRow: chain((row: unknown) => remove('rows', row, 1, 'Sheet.deleteRow')),
    deleteColumns: run((start: unknown, n: unknown) => remove('cols', start, n, 'Sheet.deleteColumns')),
    deleteColumn: chain((col: unknown) => remove('cols', col, 1, 'Sheet.deleteColumn')),
    setColumnWidth: chain((col: unknown, w: unknown) => {
      setWidths(...bounds('cols', col, 1, 'Sheet.setColumnWidth'), assertInt(ctx, w, 'Sheet.setColumnWidth'));
    }),
    setColumnWidths: chain((start: unknown, n: unknown, w: unknown) => {
      setWidths(
        ...bounds('cols', start, n, 'Sheet.setColumnWidths'),
        assertInt(ctx, w, 'Sheet.setColumnWidths'),
      );
    }),
    getColumnWidth: (col: unknown) =>
      sheet.columnWidths.get(1, bounds('cols', col, 1, 'Sheet.getColumnWidth')[0]) ?? DEFAULT_COLUMN_WIDTH,
    setRowHeight: chain((row: unknown, h: unknown) => {
      setHeights(...bounds('rows', row, 1, 'Sheet.setRowHeight'), assertInt(ctx, h, 'Sheet.setRowHeight'));
    }),
    setRowHeights: chain((start: unknown, n: unknown, h: unknown) => {
      setHeights(
        ...bounds('rows', start, n, 'Sheet.setRowHeights'),
        assertInt(ctx, h, 'Sheet.setRowHeights'),
      );
    }),
    getRowHeight: (row: unknown) =>
      sheet.rowHeights.get(bounds('rows', row, 1, 'Sheet.getRowHeight')[0], 1) ?? DEFAULT_ROW_HEIGHT,
    // Content-dependent sizing is not modelled: the calls are only checked and counted.
    autoResizeColumn: chain((col: unknown) => {
      bounds('cols', col, 1, 'Sheet.autoResizeColumn');
    }),
    autoResizeColumns: chain((start: unknown, n: unknown) => {
      bounds('cols', start, n, 'Sheet.autoResizeColumns');
    }),
    autoResizeRows: chain((start: unknown, n: unknown) => {
      bounds('rows', start, n, 'Sheet.autoResizeRows');
    }),
    hideColumns: run((col: unknown, n: unknown = 1) =>
      setHiddenCols(...bounds('cols', col, n, 'hideColumns'), true),
    ),
    showColumns: run((col: unknown, n: unknown = 1) =>
      setHiddenCols(...bounds('cols', col, n, 'showColumns'), undefined),
    ),
    hideRows: run((row: unknown, n: unknown = 1) =>
      setHiddenRows(...bounds('rows', row, n, 'hideRows'), true),
    ),
    showRows: run((row: unknown, n: unknown = 1) =>
      setHiddenRows(...bounds('rows', row, n, 'showRows'), undefined),
    ),
    isColumnHiddenByUser: (col: unknown) =>
      sheet.hiddenColumns.get(1, bounds('cols', col, 1, 'isColumnHiddenByUser')[0]) === true,
    isRowHiddenByUser: (row: unknown) =>
      sheet.hiddenRows.get(bounds('rows', row, 1, 'isRowHiddenByUser')[0], 1) === true,
  };
  return { insert, members };
}
