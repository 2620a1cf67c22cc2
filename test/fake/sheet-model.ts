// Plain data behind the spreadsheet surfaces: no proxies here, only state and its invariants.

import {
  type Axis,
  contains,
  forEachCell,
  Grid,
  type GridRef,
  intersects,
  shiftForInsert,
  shiftForRemove,
} from './grid';
import type { CellValue, Typed } from './locale';

export const FORMAT_KEYS = [
  'numberFormat',
  'background',
  'fontColor',
  'fontWeight',
  'fontStyle',
  'fontSize',
  'fontFamily',
  'fontLine',
  'horizontalAlignment',
  'verticalAlignment',
  'wrapStrategy',
  'border',
] as const;
export type FormatKey = (typeof FORMAT_KEYS)[number];

export interface ProtectionModel {
  readonly type: 'RANGE' | 'SHEET';
  readonly sheet: SheetModel;
  ref: GridRef | null;
  description: string;
  warningOnly: boolean;
  editors: string[];
  domainEdit: boolean;
  unprotected: GridRef[];
  removed: boolean;
}

export interface CellFormatModel {
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  underline: boolean | null;
  strikethrough: boolean | null;
}

export interface ConditionalRuleModel {
  criteria: string;
  values: unknown[];
  format: CellFormatModel;
  ranges: GridRef[];
}

export interface LinkRun {
  start: number;
  end: number;
  url: string;
}

export interface RichTextModel {
  text: string;
  links: LinkRun[];
}

/** What a Range surface stands for: fixed coordinates on a sheet (they do not follow inserted rows). */
export interface RangeInternal {
  sheet: SheetModel;
  ref: GridRef;
}

export interface Selection {
  active: GridRef;
  current: GridRef;
}

const A1: GridRef = { row: 1, col: 1, numRows: 1, numCols: 1 };

export class SheetModel {
  hidden = false;
  tabColor: string | null = null;
  frozenRows = 0;
  frozenCols = 0;
  deleted = false;
  readonly values = new Grid<CellValue>();
  readonly formulas = new Grid<string>();
  readonly notes = new Grid<string>();
  readonly richText = new Grid<RichTextModel>();
  readonly validations = new Grid<object>();
  readonly formats = Object.fromEntries(FORMAT_KEYS.map((k) => [k, new Grid<string | number>()])) as Record<
    FormatKey,
    Grid<string | number>
  >;
  /** Row 1 holds column widths / hidden columns; column 1 holds row heights / hidden rows. */
  readonly columnWidths = new Grid<number>();
  readonly rowHeights = new Grid<number>();
  readonly hiddenColumns = new Grid<boolean>();
  readonly hiddenRows = new Grid<boolean>();
  merges: GridRef[] = [];
  /** Where an array formula (ARRAYFORMULA…) spills its results; its formula is in the top-left cell. */
  arrays: GridRef[] = [];
  protections: ProtectionModel[] = [];
  conditionalRules: ConditionalRuleModel[] = [];
  selection: Selection = { active: A1, current: A1 };

  constructor(
    public name: string,
    readonly id: number,
    public maxRows: number,
    public maxCols: number,
  ) {}

  whole(): GridRef {
    return { row: 1, col: 1, numRows: this.maxRows, numCols: this.maxCols };
  }

  lastRow(): number {
    return Math.max(this.values.last('rows'), this.formulas.last('rows'));
  }

  lastColumn(): number {
    return Math.max(this.values.last('cols'), this.formulas.last('cols'));
  }

  /** Cells covered by a merge but not its top-left corner: they hold nothing. */
  isMergeShadow(row: number, col: number): boolean {
    if (this.merges.length === 0) return false;
    const cell = { row, col, numRows: 1, numCols: 1 };
    return this.merges.some((m) => intersects(m, cell) && (m.row !== row || m.col !== col));
  }

  writeCell(row: number, col: number, content: Typed | null): void {
    if (this.isMergeShadow(row, col)) return;
    this.breakArrays(row, col, content);
    const value = content?.value;
    this.values.set(row, col, value === '' ? undefined : value);
    this.formulas.set(row, col, content?.formula);
    this.richText.set(row, col, undefined);
  }

  /**
   * Writing over an array formula's results breaks it as Sheets does: the formula shows #REF! (a value
   * written into its spill area) or is gone (its own cell overwritten).
   */
  private breakArrays(row: number, col: number, content: Typed | null): void {
    const cell = { row, col, numRows: 1, numCols: 1 };
    for (const array of this.arrays.filter((a) => intersects(a, cell))) {
      const anchor = array.row === row && array.col === col;
      if (anchor) this.arrays = this.arrays.filter((a) => a !== array);
      else if (content !== null && content.value !== '') this.values.set(array.row, array.col, '#REF!');
    }
  }

  clearContents(ref: GridRef): void {
    this.values.fill(ref, undefined);
    this.formulas.fill(ref, undefined);
    this.richText.fill(ref, undefined);
  }

  clearFormats(ref: GridRef): void {
    for (const key of FORMAT_KEYS) this.formats[key].fill(ref, undefined);
  }

  merge(ref: GridRef): void {
    this.merges = this.merges.filter((m) => !contains(ref, m));
    forEachCell(ref, (r, c) => {
      if (r !== ref.row || c !== ref.col) this.writeCell(r, c, null);
    });
    this.merges.push(ref);
  }

  insertLines(axis: Axis, at: number, count: number): void {
    for (const grid of this.cellGrids()) grid.insert(axis, at, count);
    (axis === 'rows' ? [this.rowHeights, this.hiddenRows] : [this.columnWidths, this.hiddenColumns]).forEach(
      (g) => {
        g.insert(axis, at, count);
      },
    );
    this.shiftRefs((ref) => shiftForInsert(ref, axis, at, count));
    if (axis === 'rows') {
      if (at <= this.frozenRows) this.frozenRows += count;
      this.maxRows += count;
    } else {
      if (at <= this.frozenCols) this.frozenCols += count;
      this.maxCols += count;
    }
  }

  removeLines(axis: Axis, at: number, count: number): void {
    for (const grid of this.cellGrids()) grid.remove(axis, at, count);
    (axis === 'rows' ? [this.rowHeights, this.hiddenRows] : [this.columnWidths, this.hiddenColumns]).forEach(
      (g) => {
        g.remove(axis, at, count);
      },
    );
    this.shiftRefs((ref) => shiftForRemove(ref, axis, at, count));
    const frozenLost = (frozen: number) => Math.max(0, Math.min(frozen, at + count - 1) - at + 1);
    if (axis === 'rows') {
      this.frozenRows -= frozenLost(this.frozenRows);
      this.maxRows -= count;
    } else {
      this.frozenCols -= frozenLost(this.frozenCols);
      this.maxCols -= count;
    }
  }

  /** Sheets gives rows inserted next to a row that row's formats and validations. */
  copyRowFormats(from: number, to: number): void {
    for (const key of FORMAT_KEYS) this.formats[key].copyLine('rows', from, to, this.maxCols);
    this.validations.copyLine('rows', from, to, this.maxCols);
  }

  private cellGrids(): Grid<unknown>[] {
    return [
      this.values,
      this.formulas,
      this.notes,
      this.richText,
      this.validations,
      ...Object.values(this.formats),
    ];
  }

  private shiftRefs(shift: (ref: GridRef) => GridRef | null): void {
    const keep = (refs: GridRef[]) => refs.map(shift).filter((r): r is GridRef => r !== null);
    this.merges = keep(this.merges).filter((m) => m.numRows * m.numCols > 1);
    this.arrays = keep(this.arrays);
    for (const p of this.protections) {
      p.unprotected = keep(p.unprotected);
      if (!p.ref) continue;
      const moved = shift(p.ref);
      if (moved) p.ref = moved;
      else p.removed = true;
    }
    this.protections = this.protections.filter((p) => !p.removed);
    for (const rule of this.conditionalRules) rule.ranges = keep(rule.ranges);
    this.conditionalRules = this.conditionalRules.filter((r) => r.ranges.length > 0);
    const active = shift(this.selection.active);
    const current = shift(this.selection.current);
    this.selection = active && current ? { active, current } : { active: A1, current: A1 };
  }
}

export class SpreadsheetModel {
  readonly sheets: SheetModel[] = [];
  active!: SheetModel;
  private nextSheetId = 0;

  constructor(
    readonly id: string,
    public name: string,
    readonly locale: string,
    readonly timeZone: string,
  ) {}

  /** gid 0 for the first sheet, then scattered ids, so code never confuses ids with positions. */
  addSheet(name: string, index = this.sheets.length, rows = 1000, cols = 26): SheetModel {
    const id = this.nextSheetId === 0 ? 0 : 100_000 + this.nextSheetId * 7_919;
    this.nextSheetId++;
    const sheet = new SheetModel(name, id, rows, cols);
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  sheetByName(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  totalCells(): number {
    return this.sheets.reduce((n, s) => n + s.maxRows * s.maxCols, 0);
  }
}
