// Test-side, plain-data views of a sheet (never reachable from the Apps Script surface, never counted).

import { classOf, type FakeContext, internalOf, isDate } from './core';
import { columnLetters, type Grid, type GridRef, mapCells, toA1 } from './grid';
import type { CellValue } from './locale';
import type { ValidationModel } from './rules';
import { FORMAT_KEYS, type FormatKey, type RangeInternal, type SheetModel } from './sheet-model';

export interface ValidationInfo {
  criteria: string;
  /** Ranges (requireValueInRange) appear as "'Sheet'!A1:B2" strings. */
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface ProtectionInfo {
  type: 'RANGE' | 'SHEET';
  range: string | null;
  description: string;
  warningOnly: boolean;
  editors: string[];
  unprotected: string[];
}

export interface ConditionalRuleInfo {
  criteria: string;
  values: unknown[];
  ranges: string[];
  format: Record<string, string | boolean | null>;
}

/**
 * Every matrix starts at A1. `values` runs to getLastRow() x getLastColumn() ('' for empty cells);
 * the other matrices run to the last cell holding that attribute (defaults filled in), [] when none.
 */
export interface SheetInspection {
  name: string;
  index: number;
  hidden: boolean;
  tabColor: string | null;
  maxRows: number;
  maxColumns: number;
  values: CellValue[][];
  formulas: string[][];
  notes: string[][];
  numberFormats: string[][];
  backgrounds: string[][];
  fontWeights: string[][];
  validations: (ValidationInfo | null)[][];
  frozenRows: number;
  frozenColumns: number;
  /** Explicit widths only, by 1-based column. */
  widths: Record<number, number>;
  hiddenColumns: number[];
  hiddenRows: number[];
  protections: ProtectionInfo[];
  conditionalRules: ConditionalRuleInfo[];
  merged: string[];
}

export interface CellSnapshot {
  value: CellValue;
  formula: string;
  note: string;
  validation: ValidationInfo | null;
  link: string | null;
  /** Only the formats set explicitly on the cell. */
  formats: Partial<Record<FormatKey, string | number>>;
}

/** Every cell holding anything, keyed by A1, plus the sheet-level state: compare before/after with toEqual. */
export interface SheetSnapshot
  extends Omit<
    SheetInspection,
    'values' | 'formulas' | 'notes' | 'numberFormats' | 'backgrounds' | 'fontWeights' | 'validations'
  > {
  cells: Record<string, CellSnapshot>;
}

function extent(grid: Grid<unknown>): GridRef {
  return { row: 1, col: 1, numRows: grid.last('rows'), numCols: grid.last('cols') };
}

function matrix<T, R>(grid: Grid<T>, read: (v: T | undefined) => R): R[][] {
  const ref = extent(grid as Grid<unknown>);
  if (ref.numRows === 0 || ref.numCols === 0) return [];
  return mapCells(ref, (r, c) => read(grid.get(r, c)));
}

function copyValue(v: CellValue | undefined): CellValue {
  if (v === undefined) return '';
  return isDate(v) ? new Date(v.getTime()) : v;
}

export function createInspector(ctx: FakeContext, sheets: () => SheetModel[]) {
  const describeValidation = (rule: object): ValidationInfo => {
    const model = internalOf<ValidationModel>(ctx, rule, 'DataValidation', 'inspect');
    const values = model.values.map((v) => {
      if (classOf(v) !== 'Range') return Array.isArray(v) ? [...v] : v;
      const { sheet, ref } = internalOf<RangeInternal>(ctx, v, 'Range', 'inspect');
      return `'${sheet.name}'!${toA1(ref)}`;
    });
    return { criteria: model.criteria, values, allowInvalid: model.allowInvalid, helpText: model.helpText };
  };
  /** One description per rule object and per inspection: install-sized sheets share a rule over ~50,000 cells. */
  const validationReader = () => {
    const seen = new Map<object, ValidationInfo>();
    return (rule: object | undefined): ValidationInfo | null => {
      if (!rule) return null;
      let info = seen.get(rule);
      if (!info) {
        info = describeValidation(rule);
        seen.set(rule, info);
      }
      return info;
    };
  };

  const sheetState = (sheet: SheetModel) => ({
    name: sheet.name,
    index: sheets().indexOf(sheet) + 1,
    hidden: sheet.hidden,
    tabColor: sheet.tabColor,
    maxRows: sheet.maxRows,
    maxColumns: sheet.maxCols,
    frozenRows: sheet.frozenRows,
    frozenColumns: sheet.frozenCols,
    widths: Object.fromEntries(
      (matrix(sheet.columnWidths, (w) => w)[0] ?? []).flatMap((w, i) =>
        w === undefined ? [] : [[i + 1, w]],
      ),
    ),
    hiddenColumns: (matrix(sheet.hiddenColumns, (h) => h)[0] ?? []).flatMap((h, i) => (h ? [i + 1] : [])),
    hiddenRows: matrix(sheet.hiddenRows, (h) => h).flatMap((line, i) => (line[0] ? [i + 1] : [])),
    protections: sheet.protections.map((p) => ({
      type: p.type,
      range: p.ref ? toA1(p.ref) : null,
      description: p.description,
      warningOnly: p.warningOnly,
      editors: [...p.editors],
      unprotected: p.unprotected.map(toA1),
    })),
    conditionalRules: sheet.conditionalRules.map((rule) => ({
      criteria: rule.criteria,
      values: [...rule.values],
      ranges: rule.ranges.map(toA1),
      format: { ...rule.format },
    })),
    merged: sheet.merges.map(toA1),
  });

  const find = (name: string) => {
    const sheet = sheets().find((s) => s.name === name);
    if (!sheet) throw ctx.fakeError(`pas de feuille nommée ${name}`);
    return sheet;
  };

  function sheet(name: string): SheetInspection {
    const model = find(name);
    const used = { row: 1, col: 1, numRows: model.lastRow(), numCols: model.lastColumn() };
    return {
      ...sheetState(model),
      values: used.numRows && used.numCols ? mapCells(used, (r, c) => copyValue(model.values.get(r, c))) : [],
      formulas: matrix(model.formulas, (f) => f ?? ''),
      notes: matrix(model.notes, (n) => n ?? ''),
      numberFormats: matrix(model.formats.numberFormat, (f) => String(f ?? 'General')),
      backgrounds: matrix(model.formats.background, (b) => String(b ?? '#ffffff')),
      fontWeights: matrix(model.formats.fontWeight, (w) => String(w ?? 'normal')),
      validations: matrix(model.validations, validationReader()),
    };
  }

  function snapshot(name: string): SheetSnapshot {
    const model = find(name);
    const grids: Grid<unknown>[] = [
      model.values,
      model.formulas,
      model.notes,
      model.validations,
      model.richText,
      ...FORMAT_KEYS.map((k) => model.formats[k]),
    ];
    const rows = Math.max(...grids.map((g) => g.last('rows')));
    const cols = Math.max(...grids.map((g) => g.last('cols')));
    const cells: Record<string, CellSnapshot> = {};
    const validationInfo = validationReader();
    const letters = Array.from({ length: cols + 1 }, (_, c) => columnLetters(c));
    for (let r = 1; r <= rows; r++) {
      for (let c = 1; c <= cols; c++) {
        if (grids.every((g) => g.get(r, c) === undefined)) continue;
        const formats: CellSnapshot['formats'] = {};
        for (const key of FORMAT_KEYS) {
          const v = model.formats[key].get(r, c);
          if (v !== undefined) formats[key] = v;
        }
        cells[`${letters[c]}${r}`] = {
          value: copyValue(model.values.get(r, c)),
          formula: model.formulas.get(r, c) ?? '',
          note: model.notes.get(r, c) ?? '',
          validation: validationInfo(model.validations.get(r, c)),
          link: model.richText.get(r, c)?.links[0]?.url ?? null,
          formats,
        };
      }
    }
    return { ...sheetState(model), cells };
  }

  return { sheet, snapshot };
}
