/**
 * The demo's sheets as rows being built from the install plan, and the small helpers every part of it
 * draws with.
 */

import type { CellValue } from '../cells';
import { planInstall } from '../install';
import type { Preset } from '../presets';
import { layoutRow, mapHeaders, type TypedValue } from '../table';
import type { SheetSpec } from '../workbook';

/** mulberry32: a tiny seeded generator, good enough for plausible figures. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Builder {
  spec: SheetSpec;
  rows: CellValue[][];
  put(values: Record<string, TypedValue>): void;
}

export function builders(preset: Preset): Map<string, Builder> {
  const plan = planInstall(new Map(), preset);
  const map = new Map<string, Builder>();
  for (const sheet of plan.sheets) {
    const mapping = mapHeaders(sheet.spec, sheet.headerRow);
    const rows: CellValue[][] = [sheet.headerRow, ...sheet.appendRows];
    map.set(sheet.spec.key, {
      spec: sheet.spec,
      rows,
      put: (values) => rows.push(layoutRow(mapping, values, sheet.headerRow.length)),
    });
  }
  return map;
}

export const pick = <T>(rnd: () => number, items: readonly T[]): T =>
  items[Math.floor(rnd() * items.length)]!;
export const roundTo = (n: number, step: number) => Math.round(n / step) * step;

/** Paramètres values by setting name. */
export function setSettingValues(b: Builder, values: Record<string, CellValue>): void {
  for (const row of b.rows.slice(1)) {
    const name = String(row[0]);
    if (name in values) row[1] = values[name]!;
  }
}
