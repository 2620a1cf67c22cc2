/**
 * Cell ranges as rectangles (read from « B2:D9 » by a1Range, core/problems.ts): written back as
 * addresses, and a set of cells grouped again into disjoint rectangles (runs of rows in each column,
 * side-by-side columns with the same runs joined).
 */
import { type CellRect, columnLetter } from '../core/problems';

export type Area = CellRect;

/** Runs of consecutive rows in each column, side-by-side columns with the same runs joined. */
export function rectangles(byColumn: Map<number, number[]>): Area[] {
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

export function rectAddress({ top, left, bottom, right }: Area): string {
  const first = `${columnLetter(left - 1)}${top}`;
  return top === bottom && left === right ? first : `${first}:${columnLetter(right - 1)}${bottom}`;
}

/**
 * Ranges given to owners (rules), in order: a cell shared by two ranges belongs to the last owner
 * given it. Each owner's cells as disjoint rectangles, owners in the order first given.
 */
export function disjointAreas<T>(given: Iterable<[Area, T]>): Map<T, Area[]> {
  const owners = new Map<number, Map<number, T>>(); // column → row → owner
  const order = new Set<T>();
  for (const [area, owner] of given) {
    order.add(owner);
    for (let col = area.left; col <= area.right; col++) {
      const rows = owners.get(col) ?? new Map<number, T>();
      owners.set(col, rows);
      for (let row = area.top; row <= area.bottom; row++) rows.set(row, owner);
    }
  }
  const cells = new Map<T, Map<number, number[]>>([...order].map((o) => [o, new Map()]));
  for (const [col, rows] of owners) {
    for (const [row, owner] of rows) {
      const byColumn = cells.get(owner)!;
      const list = byColumn.get(col) ?? [];
      byColumn.set(col, list);
      list.push(row);
    }
  }
  return new Map(
    [...cells].filter(([, byColumn]) => byColumn.size > 0).map(([o, byColumn]) => [o, rectangles(byColumn)]),
  );
}

/** Whether any two of the areas share a cell. */
export function overlapping(areas: readonly Area[]): boolean {
  const meet = (a: Area, b: Area) =>
    a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
  return areas.some((a, i) => areas.slice(i + 1).some((b) => meet(a, b)));
}

/** How many cells the areas cover, counting shared cells once per area. */
export function cellCount(areas: readonly Area[]): number {
  return areas.reduce((n, a) => n + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0);
}
