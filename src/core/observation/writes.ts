/**
 * An import's plan as the cells to write: only those it changes, in a number of blocks that does not
 * grow with the values appended (or replaced together), and its Journal entry. Both editions write
 * these blocks as they are.
 */
import type { CellValue } from '../cells';
import type { JournalEntry } from '../journal';
import type { WorkbookData } from '../records';
import {
  changedCells,
  columnRuns,
  type OwnCell,
  ownCells,
  type Table,
  type TableRow,
  type TypedValue,
} from '../table';
import { type ImportPlan, importSummary, NOT_INSTALLED, observationText, type PlannedValue } from './plan';

/** A rectangle of one sheet: `values[r][c]` goes to row `row + r`, 0-based column `column + c`. */
export interface BlockWrite {
  row: number;
  column: number;
  values: CellValue[][];
}

export interface ImportWrites {
  measures: BlockWrite[];
  indicators: BlockWrite[];
  journal: JournalEntry[];
}

export interface ImportStamp {
  at: Date;
  by: string;
}

/**
 * The blocks that write the plan, holding only the cells the import changes, so that a formula, an array's
 * result or a link a user keeps in the sheet is never written back as its value. Mesures: the new rows
 * (appended, hence adjacent: one block per run of the columns they fill, Commentaire left out), and in
 * a replaced row the cells whose value changes (never its indicator, year, territory, comment, nor a
 * Source it already has), adjacent rows with the same changed columns grouped; Indicateurs: the « Variables sources » cells
 * that learn a variable, by runs of adjacent rows.
 */
export function importWrites(plan: ImportPlan, data: WorkbookData, stamp: ImportStamp): ImportWrites {
  const measures = data.tables.get('measures')!;
  const indicators = data.tables.get('indicators');
  const journal: JournalEntry[] = [];
  const blocks: ImportWrites = { measures: [], indicators: [], journal };
  if (plan.created.length + plan.replaced.length > 0) {
    blocks.measures = cellBlocks(measureCells(plan, data, measures, stamp));
    journal.push(measuresJournal(plan, measures.spec.name, stamp.by));
  }
  if (plan.remembered.length > 0 && indicators) {
    const column = indicators.mapping.index.get('variables');
    if (column === undefined)
      throw new Error(`La feuille Indicateurs n’a pas la colonne « Variables sources » : ${NOT_INSTALLED}.`);
    blocks.indicators = cellBlocks(
      plan.remembered.map((r) => ({ row: r.row, cells: [{ column, value: r.variables.join(' ; ') }] })),
    );
    journal.push({
      operation: 'correspondance de variables d’observation',
      sheet: indicators.spec.name,
      record: plan.fileName,
      before: '',
      after: plan.remembered.map((r) => `${r.indicator} : ${r.variables.join(' ; ')}`).join('\n'),
      user: stamp.by,
    });
  }
  return blocks;
}

/** The own cells each written row of Mesures gets. */
function measureCells(plan: ImportPlan, data: WorkbookData, measures: Table, stamp: ImportStamp): RowCells[] {
  const sourceOf = new Map(data.indicators.map((i) => [i.record.code, i.record.source]));
  const byRow = new Map(measures.rows.map((r) => [r.row, r]));
  const measured = (w: PlannedValue, previous: TableRow | undefined): Record<string, TypedValue> => ({
    value: w.value,
    marker: w.marker,
    // A replaced value keeps the Source a person gave its row; an empty one takes the indicator's.
    source:
      (typeof previous?.values.source === 'string' ? previous.values.source : '') ||
      sourceOf.get(w.indicator) ||
      '',
    updatedAt: stamp.at,
    updatedBy: stamp.by,
  });
  return [
    ...plan.created.map((w) => ({
      row: w.row,
      cells: ownCells(measures.mapping, {
        indicator: w.indicator,
        year: w.year,
        territory: w.territory,
        ...measured(w, undefined),
      }),
    })),
    ...plan.replaced.map((w) => {
      const previous = byRow.get(w.row)!;
      return {
        row: w.row,
        cells: changedCells(ownCells(measures.mapping, measured(w, previous)), previous.raw),
      };
    }),
  ];
}

/** The cells of one sheet row to write (0-based columns). */
interface RowCells {
  row: number;
  cells: OwnCell[];
}

/**
 * Rows of cells as rectangles: adjacent rows that write the same columns go together, one block per run
 * of adjacent columns; nothing outside the given cells is written. Rows written together in the sheet
 * (appended ones, or those an earlier import appended) make a number of blocks that does not grow with them.
 */
function cellBlocks(rows: readonly RowCells[]): BlockWrite[] {
  const groups: { first: number; columns: string; rows: Map<number, CellValue>[] }[] = [];
  for (const { row, cells } of [...rows].sort((a, b) => a.row - b.row)) {
    if (cells.length === 0) continue;
    const values = new Map(cells.map((c) => [c.column, c.value]));
    const columns = [...values.keys()].sort((a, b) => a - b).join(',');
    const group = groups[groups.length - 1];
    if (group && group.columns === columns && group.first + group.rows.length === row)
      group.rows.push(values);
    else groups.push({ first: row, columns, rows: [values] });
  }
  return groups.flatMap((group) =>
    columnRuns(group.rows[0]!.keys()).map((run) => ({
      row: group.first,
      column: run.column,
      values: group.rows.map((values) =>
        Array.from({ length: run.width }, (_, c) => values.get(run.column + c)!),
      ),
    })),
  );
}

/**
 * Blocks of the same columns joined across the rows between them, where every cell between may be
 * written back as it was read (`rewritable`: no formula, no link…): values replaced far apart then
 * cost one block, not one each. A cell that may not be rewritten keeps the blocks apart.
 */
export function bridgedBlocks(
  blocks: readonly BlockWrite[],
  rawAt: (row: number, column: number) => CellValue,
  rewritable: (row: number, column: number) => boolean,
): BlockWrite[] {
  const byColumns = new Map<string, BlockWrite[]>();
  for (const block of blocks) {
    const key = `${block.column}:${block.values[0]?.length ?? 0}`;
    byColumns.set(key, [...(byColumns.get(key) ?? []), block]);
  }
  return [...byColumns.values()].flatMap((same) => {
    const joined: BlockWrite[] = [];
    for (const block of [...same].sort((a, b) => a.row - b.row)) {
      const last = joined[joined.length - 1];
      const width = block.values[0]?.length ?? 0;
      const gap = last ? rowsBetween(last, block) : [];
      const columns = Array.from({ length: width }, (_, c) => block.column + c);
      if (last && gap.every((row) => columns.every((column) => rewritable(row, column)))) {
        const between = gap.map((row) => columns.map((column) => rawAt(row, column)));
        joined[joined.length - 1] = { ...last, values: [...last.values, ...between, ...block.values] };
      } else joined.push(block);
    }
    return joined;
  });
}

/** The sheet rows strictly between two blocks, the first above the second. */
function rowsBetween(above: BlockWrite, below: BlockWrite): number[] {
  const first = above.row + above.values.length;
  return Array.from({ length: Math.max(0, below.row - first) }, (_, i) => first + i);
}

/** One entry for the whole import: what was created and, value by value, what was replaced. */
function measuresJournal(plan: ImportPlan, sheet: string, user: string): JournalEntry {
  const line = (w: PlannedValue) => `${w.indicator} ${w.year} ${w.territory} : `;
  return {
    operation: 'import de données d’observation',
    sheet,
    record: plan.fileName,
    before: plan.replaced.map((w) => `${line(w)}${w.previous}`).join('\n'),
    after: [
      importSummary(plan),
      ...plan.replaced.map((w) => `${line(w)}${observationText(w)}`),
      ...plan.created.map((w) => `${line(w)}${observationText(w)} (créée)`),
    ].join('\n'),
    user,
  };
}
