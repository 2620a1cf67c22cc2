// The Range surface: values typed "as a person would", formats, notes, validations, merges, rich text.

import {
  assertInt,
  assertMatrix,
  assertString,
  describeArg,
  type FakeContext,
  internalOf,
  isDate,
} from './core';
import { contains, forEachCell, type GridRef, intersects, mapCells, toA1 } from './grid';
import {
  type CellValue,
  type DateFactory,
  displayValue,
  formulaResult,
  interpretTyped,
  type LocaleRules,
  type Typed,
} from './locale';
import { normalizeColor, type RuleFactories } from './rules';
import { instantInZone } from './services';
import type { FormatKey, RangeInternal, RichTextModel, SheetModel } from './sheet-model';

export interface RangeDeps {
  ctx: FakeContext;
  rules: RuleFactories;
  localeRules: LocaleRules;
  sheetSurface(sheet: SheetModel): object;
  /** Bounds-checked range; throws the Apps Script messages. */
  checkedRange(sheet: SheetModel, row: unknown, col: unknown, numRows?: unknown, numCols?: unknown): object;
  activate(sheet: SheetModel, active: GridRef, current: GridRef): void;
}

type Normalizer = (ctx: FakeContext, value: unknown) => string | number;

interface FormatSpec {
  key: FormatKey;
  singular: string;
  plural: string;
  fallback: string | number;
  normalize: Normalizer;
}

const text: Normalizer = (ctx, v) => assertString(ctx, v, 'Range format setter');
const color: Normalizer = (ctx, v) => normalizeColor(assertString(ctx, v, 'Range color setter'));
const size: Normalizer = (ctx, v) => assertInt(ctx, v, 'Range.setFontSize');
const oneOf =
  (...allowed: string[]): Normalizer =>
  (ctx, v) => {
    const s = typeof v === 'string' ? v.toLowerCase() : v;
    const found = allowed.find((a) => a.toLowerCase() === s);
    if (found === undefined) throw ctx.exception(`Invalid argument: ${String(v)}`);
    return found;
  };

const FORMAT_SPECS: FormatSpec[] = [
  {
    key: 'numberFormat',
    singular: 'NumberFormat',
    plural: 'NumberFormats',
    fallback: 'General',
    normalize: text,
  },
  { key: 'background', singular: 'Background', plural: 'Backgrounds', fallback: '#ffffff', normalize: color },
  { key: 'fontColor', singular: 'FontColor', plural: 'FontColors', fallback: '#000000', normalize: color },
  {
    key: 'fontWeight',
    singular: 'FontWeight',
    plural: 'FontWeights',
    fallback: 'normal',
    normalize: oneOf('bold', 'normal'),
  },
  {
    key: 'fontStyle',
    singular: 'FontStyle',
    plural: 'FontStyles',
    fallback: 'normal',
    normalize: oneOf('italic', 'normal'),
  },
  { key: 'fontSize', singular: 'FontSize', plural: 'FontSizes', fallback: 10, normalize: size },
  { key: 'fontFamily', singular: 'FontFamily', plural: 'FontFamilies', fallback: 'Arial', normalize: text },
  {
    key: 'fontLine',
    singular: 'FontLine',
    plural: 'FontLines',
    fallback: 'none',
    normalize: oneOf('underline', 'line-through', 'none'),
  },
  {
    key: 'horizontalAlignment',
    singular: 'HorizontalAlignment',
    plural: 'HorizontalAlignments',
    fallback: 'general',
    normalize: oneOf('left', 'center', 'right', 'general', 'normal'),
  },
  {
    key: 'verticalAlignment',
    singular: 'VerticalAlignment',
    plural: 'VerticalAlignments',
    fallback: 'bottom',
    normalize: oneOf('top', 'middle', 'bottom'),
  },
  {
    key: 'wrapStrategy',
    singular: 'WrapStrategy',
    plural: 'WrapStrategies',
    fallback: 'OVERFLOW',
    normalize: oneOf('WRAP', 'OVERFLOW', 'CLIP'),
  },
];

const RANGE_LIST_METHODS = [
  'activate',
  'breakApart',
  'check',
  'uncheck',
  'clear',
  'clearContent',
  'clearDataValidations',
  'clearFormat',
  'clearNote',
  'insertCheckboxes',
  'removeCheckboxes',
  'setBackground',
  'setBorder',
  'setFontColor',
  'setFontFamily',
  'setFontSize',
  'setFontStyle',
  'setFontWeight',
  'setFormula',
  'setHorizontalAlignment',
  'setNote',
  'setNumberFormat',
  'setValue',
  'setVerticalAlignment',
  'setWrap',
  'setWrapStrategy',
];

export function createRangeFactory(deps: RangeDeps) {
  const { ctx, rules, localeRules } = deps;
  // Typed dates are wall-clock times of the spreadsheet's zone, whatever the script's zone.
  const makeDate: DateFactory = (y, m, d, h = 0, min = 0, s = 0) =>
    ctx.newDate(instantInZone(ctx.spreadsheetTimeZone, y, m, d, h, min, s));

  function checkSize(data: unknown[][], ref: GridRef): void {
    if (data.length !== ref.numRows) {
      throw ctx.exception(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${ref.numRows}.`,
      );
    }
    for (const row of data) {
      if (row.length !== ref.numCols) {
        throw ctx.exception(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${ref.numCols}.`,
        );
      }
    }
  }

  /** A JS value written by the script, read the way Sheets reads it. */
  function typed(input: unknown, plainText: boolean, where: string): Typed | null {
    if (input === undefined) {
      throw ctx.fakeError(
        `${where} a reçu undefined (Apps Script écrirait une cellule vide : probablement un bug)`,
      );
    }
    if (input === null || input === '') return null;
    if (typeof input === 'string')
      return interpretTyped(input, localeRules, plainText, makeDate, ctx.plainTextApostrophe);
    if (typeof input === 'boolean') return { value: input };
    if (typeof input === 'number') {
      if (!Number.isFinite(input)) throw ctx.fakeError(`${where} a reçu ${input}`);
      return { value: input };
    }
    if (isDate(input)) {
      if (Number.isNaN(input.getTime())) throw ctx.fakeError(`${where} a reçu une date invalide`);
      return { value: ctx.newDate(input) };
    }
    throw ctx.fakeError(
      `${where} a reçu un ${describeArg(input)} : seuls texte, nombre, booléen et Date sont admis`,
    );
  }

  function readValue(sheet: SheetModel, row: number, col: number): CellValue {
    const v = sheet.values.get(row, col);
    if (v === undefined) return '';
    return isDate(v) ? ctx.newDate(v) : v;
  }

  function isPlainText(sheet: SheetModel, row: number, col: number): boolean {
    return sheet.formats.numberFormat.get(row, col) === '@';
  }

  function valueMembers(sheet: SheetModel, ref: GridRef) {
    const write = (row: number, col: number, input: unknown, where: string) =>
      sheet.writeCell(row, col, typed(input, isPlainText(sheet, row, col), where));
    const writeFormula = (row: number, col: number, formula: unknown, where: string) => {
      const f = assertString(ctx, formula, where);
      if (f.startsWith('=')) sheet.writeCell(row, col, { value: formulaResult(f), formula: f });
      else write(row, col, f, where);
    };
    return {
      getValue: () => readValue(sheet, ref.row, ref.col),
      getValues: () => mapCells(ref, (r, c) => readValue(sheet, r, c)),
      getDisplayValue: () => display(sheet, ref.row, ref.col),
      getDisplayValues: () => mapCells(ref, (r, c) => display(sheet, r, c)),
      setValue: (value: unknown) => {
        forEachCell(ref, (r, c) => write(r, c, value, 'Range.setValue'));
      },
      setValues: (values: unknown) =>
        writeMatrix(sheet, ref, assertMatrix(ctx, values, 'Range.setValues'), 'Range.setValues'),
      getFormula: () => sheet.formulas.get(ref.row, ref.col) ?? '',
      getFormulas: () => mapCells(ref, (r, c) => sheet.formulas.get(r, c) ?? ''),
      setFormula: (formula: unknown) => {
        forEachCell(ref, (r, c) => writeFormula(r, c, formula, 'Range.setFormula'));
      },
      setFormulas: (formulas: unknown) => {
        const data = assertMatrix(ctx, formulas, 'Range.setFormulas');
        checkSize(data, ref);
        forEachCell(ref, (r, c, i, j) => writeFormula(r, c, data[i]?.[j], 'Range.setFormulas'));
      },
      isBlank: () =>
        mapCells(ref, (r, c) => sheet.values.get(r, c) ?? sheet.formulas.get(r, c))
          .flat()
          .every((v) => v === undefined),
    };
  }

  /** Checks every value before writing any, so that a bad value leaves the sheet untouched. */
  function writeMatrix(sheet: SheetModel, ref: GridRef, data: unknown[][], where: string): void {
    checkSize(data, ref);
    const contents = mapCells(ref, (r, c) =>
      typed(data[r - ref.row]?.[c - ref.col], isPlainText(sheet, r, c), where),
    );
    forEachCell(ref, (r, c, i, j) => sheet.writeCell(r, c, contents[i]?.[j] ?? null));
  }

  function display(sheet: SheetModel, row: number, col: number): string {
    return displayValue(
      sheet.values.get(row, col),
      sheet.formats.numberFormat.get(row, col) as string,
      localeRules,
      ctx.spreadsheetTimeZone,
    );
  }

  function noteMembers(sheet: SheetModel, ref: GridRef) {
    const note = (v: unknown, where: string) => {
      if (v === null || v === '') return undefined;
      if (typeof v === 'number') return String(v);
      return assertString(ctx, v, where);
    };
    return {
      getNote: () => sheet.notes.get(ref.row, ref.col) ?? '',
      getNotes: () => mapCells(ref, (r, c) => sheet.notes.get(r, c) ?? ''),
      setNote: (v: unknown) => sheet.notes.fill(ref, note(v, 'Range.setNote')),
      setNotes: (notes: unknown) => {
        const data = assertMatrix(ctx, notes, 'Range.setNotes');
        checkSize(data, ref);
        forEachCell(ref, (r, c, i, j) => sheet.notes.set(r, c, note(data[i]?.[j], 'Range.setNotes')));
      },
      clearNote: () => sheet.notes.fill(ref, undefined),
    };
  }

  function validationMembers(sheet: SheetModel, ref: GridRef) {
    const rule = (v: unknown, where: string) => {
      if (v === null) return undefined;
      internalOf(ctx, v, 'DataValidation', where);
      return v as object;
    };
    /** The checkbox rule's values ([checked?, unchecked?]) when the cell holds a checkbox, else null. */
    const checkbox = (r: number, c: number): unknown[] | null => {
      const v = sheet.validations.get(r, c);
      if (!v) return null;
      const model = internalOf<{ criteria: string; values: unknown[] }>(ctx, v, 'DataValidation', 'Range');
      return model.criteria === 'CHECKBOX' ? model.values : null;
    };
    // Only cells with a checkbox change, to its checked (or unchecked) value.
    const setCheckboxes = (checked: boolean) =>
      forEachCell(ref, (r, c) => {
        const values = checkbox(r, c);
        if (!values) return;
        const [on = true, off = values.length ? '' : false] = values;
        sheet.writeCell(r, c, typed(checked ? on : off, true, 'Range.check'));
      });
    return {
      getDataValidation: () => sheet.validations.get(ref.row, ref.col) ?? null,
      getDataValidations: () => mapCells(ref, (r, c) => sheet.validations.get(r, c) ?? null),
      setDataValidation: (v: unknown) => sheet.validations.fill(ref, rule(v, 'Range.setDataValidation')),
      setDataValidations: (rulesMatrix: unknown) => {
        const data = assertMatrix(ctx, rulesMatrix, 'Range.setDataValidations');
        checkSize(data, ref);
        forEachCell(ref, (r, c, i, j) =>
          sheet.validations.set(r, c, rule(data[i]?.[j], 'Range.setDataValidations')),
        );
      },
      clearDataValidations: () => sheet.validations.fill(ref, undefined),
      // As documented: every cell of the range is reset to the unchecked value.
      insertCheckboxes: (checked?: unknown, unchecked?: unknown) => {
        const args = [checked, unchecked].filter((a) => a !== undefined);
        sheet.validations.fill(ref, rules.checkboxValidation(args));
        const uncheckedValue = args.length === 0 ? false : (unchecked ?? '');
        forEachCell(ref, (r, c) =>
          sheet.writeCell(r, c, typed(uncheckedValue, true, 'Range.insertCheckboxes')),
        );
      },
      removeCheckboxes: () => {
        forEachCell(ref, (r, c) => {
          if (!checkbox(r, c)) return;
          sheet.validations.set(r, c, undefined);
          if (typeof sheet.values.get(r, c) === 'boolean') sheet.writeCell(r, c, null);
        });
      },
      check: () => setCheckboxes(true),
      uncheck: () => setCheckboxes(false),
      isChecked: () => {
        const values = mapCells(ref, (r, c) => (checkbox(r, c) ? sheet.values.get(r, c) : null)).flat();
        if (values.every((v) => v === true)) return true;
        if (values.every((v) => v === false || v === undefined)) return false;
        return null;
      },
    };
  }

  function formatMembers(sheet: SheetModel, ref: GridRef): Record<string, (...args: unknown[]) => unknown> {
    const members: Record<string, (...args: unknown[]) => unknown> = {};
    for (const spec of FORMAT_SPECS) {
      const grid = sheet.formats[spec.key];
      const norm = (v: unknown) => (v === null ? undefined : spec.normalize(ctx, v));
      const read = (r: number, c: number) => grid.get(r, c) ?? spec.fallback;
      members[`get${spec.singular}`] = () => read(ref.row, ref.col);
      members[`get${spec.plural}`] = () => mapCells(ref, read);
      members[`set${spec.singular}`] = (v) => grid.fill(ref, norm(v));
      members[`set${spec.plural}`] = (matrix) => {
        const data = assertMatrix(ctx, matrix, `Range.set${spec.plural}`);
        checkSize(data, ref);
        forEachCell(ref, (r, c, i, j) => grid.set(r, c, norm(data[i]?.[j])));
      };
    }
    const wraps = sheet.formats.wrapStrategy;
    const isWrapped = (r: number, c: number) => wraps.get(r, c) === 'WRAP';
    members.getWrap = () => isWrapped(ref.row, ref.col);
    members.getWraps = () => mapCells(ref, isWrapped);
    members.setWrap = (w) => wraps.fill(ref, w ? 'WRAP' : 'OVERFLOW');
    members.setWraps = (matrix) => {
      const data = assertMatrix(ctx, matrix, 'Range.setWraps');
      checkSize(data, ref);
      forEachCell(ref, (r, c, i, j) => wraps.set(r, c, data[i]?.[j] ? 'WRAP' : 'OVERFLOW'));
    };
    members.setBorder = (...args) =>
      sheet.formats.border.fill(ref, args.some((a) => a === true) ? 'set' : undefined);
    return members;
  }

  function mergeMembers(sheet: SheetModel, ref: GridRef, makeRange: (s: SheetModel, r: GridRef) => object) {
    const overlapping = () => sheet.merges.filter((m) => intersects(m, ref));
    const requireWhole = () => {
      if (overlapping().some((m) => !contains(ref, m))) {
        throw ctx.exception('You must select all cells in a merged range to merge or unmerge them.');
      }
    };
    const mergeEach = (parts: GridRef[]) => {
      requireWhole();
      for (const part of parts) if (part.numRows * part.numCols > 1) sheet.merge(part);
    };
    const rows = () =>
      Array.from({ length: ref.numRows }, (_, i) => ({ ...ref, row: ref.row + i, numRows: 1 }));
    const cols = () =>
      Array.from({ length: ref.numCols }, (_, j) => ({ ...ref, col: ref.col + j, numCols: 1 }));
    return {
      getMergedRanges: () => overlapping().map((m) => makeRange(sheet, m)),
      isPartOfMerge: () => overlapping().length > 0,
      merge: () => mergeEach([ref]),
      mergeAcross: () => mergeEach(rows()),
      mergeVertically: () => mergeEach(cols()),
      breakApart: () => {
        requireWhole();
        sheet.merges = sheet.merges.filter((m) => !intersects(m, ref));
      },
    };
  }

  function richTextMembers(sheet: SheetModel, ref: GridRef) {
    const read = (r: number, c: number) => {
      const value = sheet.values.get(r, c);
      if (value !== undefined && typeof value !== 'string') return null;
      const stored = sheet.richText.get(r, c);
      return rules.richTextValue(stored ?? { text: value ?? '', links: [] });
    };
    const write = (r: number, c: number, v: unknown, where: string) => {
      const model = { ...internalOf<RichTextModel>(ctx, v, 'RichTextValue', where) };
      sheet.writeCell(r, c, model.text === '' ? null : { value: model.text });
      if (model.links.length) sheet.richText.set(r, c, model);
    };
    return {
      getRichTextValue: () => read(ref.row, ref.col),
      getRichTextValues: () => mapCells(ref, read),
      setRichTextValue: (v: unknown) => {
        forEachCell(ref, (r, c) => write(r, c, v, 'Range.setRichTextValue'));
      },
      setRichTextValues: (matrix: unknown) => {
        const data = assertMatrix(ctx, matrix, 'Range.setRichTextValues');
        checkSize(data, ref);
        forEachCell(ref, (r, c, i, j) => write(r, c, data[i]?.[j], 'Range.setRichTextValues'));
      },
    };
  }

  const rawMembers = new WeakMap<object, Record<string, unknown>>();

  function makeRange(sheet: SheetModel, ref: GridRef): object {
    const chain =
      <A extends unknown[]>(fn: (...args: A) => unknown) =>
      (...args: A) => {
        fn(...args);
        return self;
      };
    const chained = (members: Record<string, (...args: never[]) => unknown>, keep: string[] = []) =>
      Object.fromEntries(
        Object.entries(members).map(([name, fn]) =>
          name.startsWith('get') || name.startsWith('is') || keep.includes(name)
            ? [name, fn]
            : [name, chain(fn)],
        ),
      );
    const internal: RangeInternal = { sheet, ref };
    const members: Record<string, unknown> = {
      getRow: () => ref.row,
      getColumn: () => ref.col,
      getRowIndex: () => ref.row,
      getNumRows: () => ref.numRows,
      getNumColumns: () => ref.numCols,
      getHeight: () => ref.numRows,
      getWidth: () => ref.numCols,
      getLastRow: () => ref.row + ref.numRows - 1,
      getLastColumn: () => ref.col + ref.numCols - 1,
      getA1Notation: () => toA1(ref),
      getSheet: () => deps.sheetSurface(sheet),
      getGridId: () => sheet.id,
      getCell: (row: unknown, col: unknown) => {
        const r = assertInt(ctx, row, 'Range.getCell');
        const c = assertInt(ctx, col, 'Range.getCell');
        if (r < 1 || c < 1 || r > ref.numRows || c > ref.numCols)
          throw ctx.exception('Cell reference out of range');
        return makeRange(sheet, { row: ref.row + r - 1, col: ref.col + c - 1, numRows: 1, numCols: 1 });
      },
      offset: (rowOffset: unknown, colOffset: unknown, numRows?: unknown, numCols?: unknown) =>
        deps.checkedRange(
          sheet,
          ref.row + assertInt(ctx, rowOffset, 'Range.offset'),
          ref.col + assertInt(ctx, colOffset, 'Range.offset'),
          numRows ?? ref.numRows,
          numCols ?? ref.numCols,
        ),
      ...chained(valueMembers(sheet, ref)),
      ...chained(noteMembers(sheet, ref)),
      ...chained(validationMembers(sheet, ref)),
      ...chained(formatMembers(sheet, ref)),
      ...chained(mergeMembers(sheet, ref, makeRange), ['getMergedRanges']),
      ...chained(richTextMembers(sheet, ref)),
      clearContent: chain(() => sheet.clearContents(ref)),
      clearFormat: chain(() => sheet.clearFormats(ref)),
      clear: chain((options?: unknown) => clearRange(sheet, ref, options)),
      protect: () => {
        const model = {
          type: 'RANGE' as const,
          sheet,
          ref,
          description: '',
          warningOnly: false,
          editors: [ctx.userEmail],
          domainEdit: false,
          unprotected: [],
          removed: false,
        };
        sheet.protections.push(model);
        return rules.protection(model);
      },
      activate: chain(() => deps.activate(sheet, ref, { ...ref, numRows: 1, numCols: 1 })),
      activateAsCurrentCell: chain(() => {
        if (ref.numRows * ref.numCols !== 1) throw ctx.exception('The range must be a single cell.');
        const { active } = sheet.selection;
        deps.activate(sheet, contains(active, ref) ? active : ref, ref);
      }),
    };
    const self: object = ctx.surface('Range', members, { internal, guard: () => guardDeleted(ctx, sheet) });
    rawMembers.set(self, members);
    return self;
  }

  /** RangeList applies one call to each of its ranges; only the RangeList call is counted. */
  function makeRangeList(ranges: object[]): object {
    const each =
      (method: string) =>
      (...args: unknown[]) => {
        for (const range of ranges) {
          const fn = rawMembers.get(range)?.[method] as ((...a: unknown[]) => unknown) | undefined;
          fn?.(...args);
        }
        return self;
      };
    const self: object = ctx.surface('RangeList', {
      getRanges: () => [...ranges],
      ...Object.fromEntries(RANGE_LIST_METHODS.map((m) => [m, each(m)])),
    });
    return self;
  }

  return {
    makeRange,
    makeRangeList,
    readValues: (sheet: SheetModel, ref: GridRef) => mapCells(ref, (r, c) => readValue(sheet, r, c)),
    /** setValues without the call being counted (Sheet.appendRow, fixtures). */
    writeValues: writeMatrix,
    /** Raw fixture values: stored as given, never parsed. */
    writeRaw: (sheet: SheetModel, ref: GridRef, data: unknown[][], where: string) => {
      checkSize(data, ref);
      forEachCell(ref, (r, c, i, j) => {
        const v = data[i]?.[j];
        sheet.writeCell(
          r,
          c,
          typeof v === 'string' ? (v === '' ? null : { value: v }) : typed(v, true, where),
        );
      });
    },
  };
}

export function guardDeleted(ctx: FakeContext, sheet: SheetModel): void {
  if (sheet.deleted) throw ctx.exception(`The sheet ${sheet.name} has been deleted.`);
}

export function clearRange(sheet: SheetModel, ref: GridRef, options: unknown): void {
  const o = (typeof options === 'object' && options !== null ? options : {}) as Record<string, unknown>;
  const only = ['contentsOnly', 'formatOnly', 'validationsOnly', 'commentsOnly'].filter((k) => o[k]);
  const all = only.length === 0;
  if (all || o.contentsOnly) sheet.clearContents(ref);
  if (all || o.formatOnly) sheet.clearFormats(ref);
  if (o.validationsOnly) sheet.validations.fill(ref, undefined);
  if (o.commentsOnly) sheet.notes.fill(ref, undefined);
}
