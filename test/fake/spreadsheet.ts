// SpreadsheetApp, Spreadsheet and Sheet surfaces over a SpreadsheetModel.

import { assertInt, assertString, type FakeContext, internalOf } from './core';
import {
  BooleanCriteria,
  BorderStyle,
  DataValidationCriteria,
  Dimension,
  ProtectionType,
  WrapStrategy,
} from './enums';
import { type GridRef, parseA1 } from './grid';
import type { LocaleRules } from './locale';
import { clearRange, createRangeFactory, guardDeleted } from './range';
import { createRuleFactories, normalizeColor, type RuleInternal } from './rules';
import { createLineOperations } from './sheet-lines';
import { type ProtectionModel, type RangeInternal, type SheetModel, SpreadsheetModel } from './sheet-model';
import type { FakeUi } from './ui';

// Google Sheets refuses workbooks above ten million cells.
const MAX_CELLS = 10_000_000;

export interface SpreadsheetParts {
  model: SpreadsheetModel;
  app: object;
  spreadsheet: object;
  sheetSurface(sheet: SheetModel): object;
  makeRange(sheet: SheetModel, ref: GridRef): object;
  cells: ReturnType<typeof createRangeFactory>;
  rules: ReturnType<typeof createRuleFactories>;
}

export function createSpreadsheet(
  ctx: FakeContext,
  localeRules: LocaleRules,
  ui: FakeUi,
  uiSurface: object,
  name: string,
): SpreadsheetParts {
  const model = new SpreadsheetModel(
    ctx.nextId('fake-spreadsheet-'),
    name,
    ctx.locale,
    ctx.spreadsheetTimeZone,
  );
  const defaultName = (n: number) => (ctx.locale.startsWith('fr') ? `Feuille ${n}` : `Sheet${n}`);
  model.active = model.addSheet(defaultName(1));

  const surfaces = new WeakMap<SheetModel, object>();
  const sheetSurface = (sheet: SheetModel): object => {
    let surface = surfaces.get(sheet);
    if (!surface) {
      surface = createSheetSurface(sheet);
      surfaces.set(sheet, surface);
    }
    return surface;
  };
  const rules = createRuleFactories(ctx, (sheet, ref) => makeRange(sheet, ref));

  function checkedRef(
    sheet: SheetModel,
    row: unknown,
    col: unknown,
    numRows: unknown = 1,
    numCols: unknown = 1,
  ): GridRef {
    const ref = {
      row: assertInt(ctx, row, 'getRange (ligne)'),
      col: assertInt(ctx, col, 'getRange (colonne)'),
      numRows: assertInt(ctx, numRows, 'getRange (nombre de lignes)'),
      numCols: assertInt(ctx, numCols, 'getRange (nombre de colonnes)'),
    };
    if (ref.row < 1) throw ctx.exception('The starting row of the range is too small.');
    if (ref.col < 1) throw ctx.exception('The starting column of the range is too small.');
    if (ref.numRows < 1) throw ctx.exception('The number of rows in the range must be at least 1.');
    if (ref.numCols < 1) throw ctx.exception('The number of columns in the range must be at least 1.');
    if (ref.row + ref.numRows - 1 > sheet.maxRows || ref.col + ref.numCols - 1 > sheet.maxCols) {
      throw ctx.exception('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return ref;
  }

  const checkedRange = (
    sheet: SheetModel,
    row: unknown,
    col: unknown,
    numRows?: unknown,
    numCols?: unknown,
  ) => makeRange(sheet, checkedRef(sheet, row, col, numRows, numCols));

  function activate(sheet: SheetModel, active: GridRef, current: GridRef): void {
    model.active = sheet;
    sheet.selection = { active, current };
  }

  const cells = createRangeFactory({ ctx, rules, localeRules, sheetSurface, checkedRange, activate });
  const makeRange = cells.makeRange;

  function rangeFromA1(sheet: SheetModel, a1: string): object {
    const ref = parseA1(a1, sheet.maxRows, sheet.maxCols);
    if (!ref) throw ctx.exception(`Range not found: ${a1}`);
    return checkedRange(sheet, ref.row, ref.col, ref.numRows, ref.numCols);
  }

  function splitSheetPrefix(a1: string): [sheetName: string | null, cells: string] {
    const bang = a1.lastIndexOf('!');
    if (bang < 0) return [null, a1];
    const raw = a1.slice(0, bang);
    const name = raw.startsWith("'") && raw.endsWith("'") ? raw.slice(1, -1).replace(/''/g, "'") : raw;
    return [name, a1.slice(bang + 1)];
  }

  const sheetOf = (value: unknown, where: string) => {
    const sheet = internalOf<SheetModel>(ctx, value, 'Sheet', where);
    if (!model.sheets.includes(sheet)) throw ctx.exception(`The sheet ${sheet.name} has been deleted.`);
    return sheet;
  };

  const requireCells = (extra: number) => {
    if (model.totalCells() + extra > MAX_CELLS) {
      throw ctx.exception(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      );
    }
  };

  function createSheetSurface(sheet: SheetModel): object {
    const chain =
      <A extends unknown[]>(fn: (...args: A) => void) =>
      (...args: A) => {
        fn(...args);
        return self;
      };
    const lines = createLineOperations(ctx, sheet, chain, requireCells);
    const self: object = ctx.surface(
      'Sheet',
      {
        getName: () => sheet.name,
        getSheetName: () => sheet.name,
        setName: (n: unknown) => {
          const newName = assertString(ctx, n, 'Sheet.setName');
          const other = model.sheetByName(newName);
          if (other && other !== sheet) throw duplicateName(newName);
          sheet.name = newName;
          return self;
        },
        getSheetId: () => sheet.id,
        getIndex: () => model.sheets.indexOf(sheet) + 1,
        getParent: () => spreadsheet,
        getRange: (...args: unknown[]) => {
          if (typeof args[0] !== 'string') return checkedRange(sheet, args[0], args[1], args[2], args[3]);
          const [prefix, cells] = splitSheetPrefix(args[0]);
          if (prefix !== null && prefix !== sheet.name) throw ctx.exception(`Range not found: ${args[0]}`);
          return rangeFromA1(sheet, cells);
        },
        getRangeList: (a1s: unknown) => {
          if (!Array.isArray(a1s))
            throw ctx.exception("The parameters don't match the method signature for Sheet.getRangeList.");
          return cells.makeRangeList(
            a1s.map((a1) => rangeFromA1(sheet, assertString(ctx, a1, 'Sheet.getRangeList'))),
          );
        },
        getDataRange: () =>
          makeRange(sheet, {
            row: 1,
            col: 1,
            numRows: Math.max(1, sheet.lastRow()),
            numCols: Math.max(1, sheet.lastColumn()),
          }),
        getSheetValues: (row: unknown, col: unknown, numRows: unknown, numCols: unknown) => {
          const r = assertInt(ctx, row, 'Sheet.getSheetValues');
          const c = assertInt(ctx, col, 'Sheet.getSheetValues');
          const nr = numRows === -1 ? sheet.lastRow() - r + 1 : numRows;
          const nc = numCols === -1 ? sheet.lastColumn() - c + 1 : numCols;
          return cells.readValues(sheet, checkedRef(sheet, r, c, nr, nc));
        },
        getLastRow: () => sheet.lastRow(),
        getLastColumn: () => sheet.lastColumn(),
        getMaxRows: () => sheet.maxRows,
        getMaxColumns: () => sheet.maxCols,
        appendRow: chain((row: unknown) => {
          if (!Array.isArray(row))
            throw ctx.exception("The parameters don't match the method signature for Sheet.appendRow.");
          const target = sheet.lastRow() + 1;
          if (target > sheet.maxRows) lines.insert('rows', sheet.maxRows + 1, 1, null);
          if (row.length > sheet.maxCols)
            lines.insert('cols', sheet.maxCols + 1, row.length - sheet.maxCols, null);
          if (row.length > 0)
            cells.writeValues(sheet, checkedRef(sheet, target, 1, 1, row.length), [row], 'Sheet.appendRow');
        }),
        ...lines.members,
        getFrozenRows: () => sheet.frozenRows,
        setFrozenRows: (n: unknown) => {
          sheet.frozenRows = frozenCount(n, sheet.maxRows, 'rows');
        },
        getFrozenColumns: () => sheet.frozenCols,
        setFrozenColumns: (n: unknown) => {
          sheet.frozenCols = frozenCount(n, sheet.maxCols, 'columns');
        },
        getTabColor: () => sheet.tabColor,
        setTabColor: (c: unknown) => {
          sheet.tabColor = c === null ? null : normalizeColor(assertString(ctx, c, 'Sheet.setTabColor'));
          return self;
        },
        hideSheet: () => {
          if (model.sheets.filter((s) => !s.hidden && s !== sheet).length === 0) {
            throw ctx.exception("You can't hide all the sheets in a document.");
          }
          sheet.hidden = true;
          return self;
        },
        showSheet: () => {
          sheet.hidden = false;
          return self;
        },
        isSheetHidden: () => sheet.hidden,
        activate: () => {
          model.active = sheet;
          return self;
        },
        protect: () => {
          const existing = sheet.protections.find((p) => p.type === 'SHEET');
          return rules.protection(existing ?? addProtection(sheet));
        },
        getProtections: (type: unknown) => {
          const t = assertString(ctx, type, 'Sheet.getProtections');
          if (t !== 'RANGE' && t !== 'SHEET') throw ctx.exception(`Invalid argument: type (${t})`);
          return sheet.protections.filter((p) => p.type === t).map(rules.protection);
        },
        getConditionalFormatRules: () =>
          sheet.conditionalRules.map((rule) =>
            rules.conditionalRule({ ...rule, ranges: rule.ranges.map((ref) => ({ sheet, ref })) }),
          ),
        setConditionalFormatRules: (list: unknown) => {
          if (!Array.isArray(list))
            throw ctx.exception(
              "The parameters don't match the method signature for setConditionalFormatRules.",
            );
          sheet.conditionalRules = list.map((r) => ruleForSheet(sheet, r));
        },
        clearConditionalFormatRules: () => {
          sheet.conditionalRules = [];
        },
        clear: chain((options?: unknown) => clearRange(sheet, sheet.whole(), options)),
        clearContents: chain(() => sheet.clearContents(sheet.whole())),
        clearFormats: chain(() => sheet.clearFormats(sheet.whole())),
        clearNotes: chain(() => sheet.notes.fill(sheet.whole(), undefined)),
      },
      { internal: sheet, guard: () => guardDeleted(ctx, sheet) },
    );
    return self;
  }

  function frozenCount(n: unknown, max: number, what: string): number {
    const count = assertInt(ctx, n, `setFrozen${what}`);
    if (count < 0 || count >= max) throw ctx.exception(`Sorry, it is not possible to freeze all ${what}.`);
    return count;
  }

  function addProtection(sheet: SheetModel): ProtectionModel {
    const protection: ProtectionModel = {
      type: 'SHEET',
      sheet,
      ref: null,
      description: '',
      warningOnly: false,
      editors: [ctx.userEmail],
      domainEdit: false,
      unprotected: [],
      removed: false,
    };
    sheet.protections.push(protection);
    return protection;
  }

  function ruleForSheet(sheet: SheetModel, rule: unknown) {
    const internal = internalOf<RuleInternal>(
      ctx,
      rule,
      'ConditionalFormatRule',
      'Sheet.setConditionalFormatRules',
    );
    if (internal.ranges.length === 0)
      throw ctx.exception('Conditional format rule must have at least one range.');
    if (internal.ranges.some((r: RangeInternal) => r.sheet !== sheet)) {
      throw ctx.exception('Conditional format rule ranges must be on the sheet the rule is set on.');
    }
    return {
      criteria: internal.criteria,
      values: [...internal.values],
      format: { ...internal.format },
      ranges: internal.ranges.map((r) => r.ref),
    };
  }

  function duplicateName(name: string): Error {
    return ctx.exception(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  function insertSheet(...args: unknown[]): object {
    const [nameArg, indexArg] = typeof args[0] === 'number' ? [undefined, args[0]] : [args[0], args[1]];
    let n = model.sheets.length + 1;
    while (model.sheetByName(defaultName(n))) n++;
    const name =
      nameArg === undefined ? defaultName(n) : assertString(ctx, nameArg, 'Spreadsheet.insertSheet');
    if (model.sheetByName(name)) throw duplicateName(name);
    const index =
      indexArg === undefined ? model.sheets.length : assertInt(ctx, indexArg, 'Spreadsheet.insertSheet');
    if (index < 0 || index > model.sheets.length)
      throw ctx.exception(`Invalid argument: sheetIndex (${index})`);
    requireCells(1000 * 26);
    const sheet = model.addSheet(name, index);
    model.active = sheet;
    return sheetSurface(sheet);
  }

  function deleteSheet(value: unknown): void {
    const sheet = sheetOf(value, 'Spreadsheet.deleteSheet');
    if (model.sheets.length === 1) throw ctx.exception("You can't remove all the sheets in a document.");
    model.sheets.splice(model.sheets.indexOf(sheet), 1);
    sheet.deleted = true;
    if (model.active === sheet) model.active = model.sheets[0] as SheetModel;
  }

  const activeRange = () => makeRange(model.active, model.active.selection.active);
  const currentCell = () => makeRange(model.active, model.active.selection.current);
  const setActiveRange = (range: unknown) => {
    const { sheet, ref } = internalOf<RangeInternal>(ctx, range, 'Range', 'setActiveRange');
    activate(sheet, ref, { ...ref, numRows: 1, numCols: 1 });
    return range;
  };
  const setActiveSheet = (value: unknown) => {
    model.active = sheetOf(value, 'setActiveSheet');
    return value;
  };

  const spreadsheet: object = ctx.surface('Spreadsheet', {
    getId: () => model.id,
    getName: () => model.name,
    rename: (n: unknown) => {
      model.name = assertString(ctx, n, 'Spreadsheet.rename');
    },
    getUrl: () => `https://docs.google.com/spreadsheets/d/${model.id}/edit`,
    getSheets: () => model.sheets.map(sheetSurface),
    getNumSheets: () => model.sheets.length,
    getSheetByName: (n: unknown) => {
      const sheet = model.sheetByName(assertString(ctx, n, 'Spreadsheet.getSheetByName'));
      return sheet ? sheetSurface(sheet) : null;
    },
    getSheetById: (id: unknown) => {
      const sheet = model.sheets.find((s) => s.id === assertInt(ctx, id, 'Spreadsheet.getSheetById'));
      return sheet ? sheetSurface(sheet) : null;
    },
    insertSheet,
    deleteSheet,
    getActiveSheet: () => sheetSurface(model.active),
    setActiveSheet,
    getActiveRange: activeRange,
    getActiveCell: currentCell,
    getCurrentCell: currentCell,
    setActiveRange,
    getSpreadsheetLocale: () => model.locale,
    getSpreadsheetTimeZone: () => model.timeZone,
    toast: (message: unknown, title: unknown = '', timeout: unknown = 5) => {
      ui.toasts.push({
        message: String(message),
        title: assertString(ctx, title, 'Spreadsheet.toast'),
        timeout: Number(timeout),
      });
    },
    moveActiveSheet: (position: unknown) => {
      const pos = assertInt(ctx, position, 'Spreadsheet.moveActiveSheet');
      if (pos < 1 || pos > model.sheets.length) throw ctx.exception(`Invalid argument: pos (${pos})`);
      model.sheets.splice(model.sheets.indexOf(model.active), 1);
      model.sheets.splice(pos - 1, 0, model.active);
    },
    getRange: (a1: unknown) => {
      const [prefix, cells] = splitSheetPrefix(assertString(ctx, a1, 'Spreadsheet.getRange'));
      const sheet = prefix === null ? model.active : model.sheetByName(prefix);
      if (!sheet) throw ctx.exception(`Range not found: ${String(a1)}`);
      return rangeFromA1(sheet, cells);
    },
    getProtections: (type: unknown) =>
      model.sheets.flatMap((s) => s.protections.filter((p) => p.type === type).map(rules.protection)),
  });

  // The bound spreadsheet is out of reach in AuthMode.NONE.
  const withAuth =
    <A extends unknown[], R>(what: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      ctx.requireAuth('LIMITED', `SpreadsheetApp.${what}`);
      return fn(...args);
    };
  const app = ctx.surface('SpreadsheetApp', {
    ProtectionType,
    DataValidationCriteria,
    BooleanCriteria,
    BorderStyle,
    WrapStrategy,
    Dimension,
    getActive: withAuth('getActive', () => spreadsheet),
    getActiveSpreadsheet: withAuth('getActiveSpreadsheet', () => spreadsheet),
    getActiveSheet: withAuth('getActiveSheet', () => sheetSurface(model.active)),
    getActiveRange: withAuth('getActiveRange', activeRange),
    getCurrentCell: withAuth('getCurrentCell', currentCell),
    setActiveSheet: withAuth('setActiveSheet', setActiveSheet),
    setActiveRange: withAuth('setActiveRange', setActiveRange),
    openById: withAuth('openById', (id: unknown) => {
      ctx.requireAuth('FULL', 'SpreadsheetApp.openById');
      if (id !== model.id)
        throw ctx.exception(
          `Unexpected error while getting the method or property openById on object SpreadsheetApp.`,
        );
      return spreadsheet;
    }),
    getUi: () => uiSurface,
    newDataValidation: rules.newDataValidation,
    newConditionalFormatRule: rules.newConditionalFormatRule,
    newRichTextValue: rules.newRichTextValue,
    flush: () => undefined,
  });

  return { model, app, spreadsheet, sheetSurface, makeRange, cells, rules };
}
