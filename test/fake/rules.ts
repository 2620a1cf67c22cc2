// Data validations, conditional format rules, rich text values and protections.

import { assertInt, assertString, type FakeContext, internalOf, isDate } from './core';
import { forEachCell, type GridRef, intersects } from './grid';
import { createUser } from './services';
import type {
  CellFormatModel,
  LinkRun,
  ProtectionModel,
  RangeInternal,
  RichTextModel,
  SheetModel,
} from './sheet-model';

/** What Sheets answers a script writing into a cell it may not edit. */
export const PROTECTED_MESSAGE =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

export type RangeFactory = (sheet: SheetModel, ref: GridRef) => object;

export interface ValidationModel {
  criteria: string;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface RuleInternal {
  criteria: string;
  values: unknown[];
  format: CellFormatModel;
  ranges: RangeInternal[];
}

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
};

/** Sheets answers colours as lowercase 6-digit hex. */
export function normalizeColor(color: string): string {
  const c = color.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(c);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return NAMED_COLORS[c] ?? c;
}

// Sheets refuses list validations longer than this ("use List from a range instead").
const MAX_LIST_ITEMS = 500;

function copyValues(values: unknown[]): unknown[] {
  return values.map((v) => (Array.isArray(v) ? [...v] : v));
}

export function createRuleFactories(ctx: FakeContext, makeRange: RangeFactory) {
  const rangeOf = (value: unknown, method: string) => internalOf<RangeInternal>(ctx, value, 'Range', method);

  function dataValidation(model: ValidationModel): object {
    return ctx.surface(
      'DataValidation',
      {
        getCriteriaType: () => model.criteria,
        getCriteriaValues: () => copyValues(model.values),
        getAllowInvalid: () => model.allowInvalid,
        getHelpText: () => model.helpText,
        copy: () => dataValidationBuilder(model),
      },
      { internal: model },
    );
  }

  function dataValidationBuilder(initial?: ValidationModel): object {
    const state: ValidationModel = initial
      ? { ...initial, values: copyValues(initial.values) }
      : { criteria: '', values: [], allowInvalid: true, helpText: null };
    const require = (criteria: string, values: unknown[]) => {
      state.criteria = criteria;
      state.values = values;
      return builder;
    };
    const number = (v: unknown, m: string) => {
      if (typeof v !== 'number')
        throw ctx.exception(`The parameters (${typeof v}) don't match the method signature for ${m}.`);
      return v;
    };
    const date = (v: unknown, m: string) => {
      if (!isDate(v))
        throw ctx.exception(`The parameters (${typeof v}) don't match the method signature for ${m}.`);
      return ctx.newDate(v);
    };
    const builder: object = ctx.surface('DataValidationBuilder', {
      requireValueInList: (values: unknown, showDropdown: unknown = true) => {
        if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) {
          throw ctx.exception(
            "The parameters don't match the method signature for DataValidationBuilder.requireValueInList.",
          );
        }
        if (values.length > MAX_LIST_ITEMS) {
          throw ctx.exception(
            `The data validation rule has more than ${MAX_LIST_ITEMS} items. Use the "List from a range" criteria instead.`,
          );
        }
        return require('VALUE_IN_LIST', [[...values], Boolean(showDropdown)]);
      },
      requireValueInRange: (range: unknown, showDropdown: unknown = true) => {
        rangeOf(range, 'DataValidationBuilder.requireValueInRange');
        return require('VALUE_IN_RANGE', [range, Boolean(showDropdown)]);
      },
      requireCheckbox: (...values: unknown[]) => require('CHECKBOX', values),
      requireDate: () => require('DATE_IS_VALID_DATE', []),
      requireDateAfter: (d: unknown) => require('DATE_AFTER', [date(d, 'requireDateAfter')]),
      requireDateBefore: (d: unknown) => require('DATE_BEFORE', [date(d, 'requireDateBefore')]),
      requireDateOnOrAfter: (d: unknown) => require('DATE_ON_OR_AFTER', [date(d, 'requireDateOnOrAfter')]),
      requireDateOnOrBefore: (d: unknown) => require('DATE_ON_OR_BEFORE', [date(d, 'requireDateOnOrBefore')]),
      requireDateBetween: (a: unknown, b: unknown) =>
        require('DATE_BETWEEN', [date(a, 'requireDateBetween'), date(b, 'requireDateBetween')]),
      requireNumberBetween: (a: unknown, b: unknown) =>
        require('NUMBER_BETWEEN', [number(a, 'requireNumberBetween'), number(b, 'requireNumberBetween')]),
      requireNumberEqualTo: (n: unknown) => require('NUMBER_EQUAL_TO', [number(n, 'requireNumberEqualTo')]),
      requireNumberGreaterThan: (n: unknown) =>
        require('NUMBER_GREATER_THAN', [number(n, 'requireNumberGreaterThan')]),
      requireNumberGreaterThanOrEqualTo: (n: unknown) =>
        require('NUMBER_GREATER_THAN_OR_EQUAL_TO', [number(n, 'requireNumberGreaterThanOrEqualTo')]),
      requireNumberLessThan: (n: unknown) =>
        require('NUMBER_LESS_THAN', [number(n, 'requireNumberLessThan')]),
      requireNumberLessThanOrEqualTo: (n: unknown) =>
        require('NUMBER_LESS_THAN_OR_EQUAL_TO', [number(n, 'requireNumberLessThanOrEqualTo')]),
      requireTextContains: (t: unknown) =>
        require('TEXT_CONTAINS', [assertString(ctx, t, 'requireTextContains')]),
      requireTextEqualTo: (t: unknown) =>
        require('TEXT_EQUAL_TO', [assertString(ctx, t, 'requireTextEqualTo')]),
      requireTextIsEmail: () => require('TEXT_IS_VALID_EMAIL', []),
      requireTextIsUrl: () => require('TEXT_IS_VALID_URL', []),
      requireFormulaSatisfied: (f: unknown) =>
        require('CUSTOM_FORMULA', [assertString(ctx, f, 'requireFormulaSatisfied')]),
      withCriteria: (criteria: unknown, args: unknown) =>
        require(assertString(ctx, criteria, 'withCriteria'), Array.isArray(args) ? [...args] : []),
      setAllowInvalid: (allow: unknown) => {
        state.allowInvalid = Boolean(allow);
        return builder;
      },
      setHelpText: (text: unknown) => {
        state.helpText = assertString(ctx, text, 'DataValidationBuilder.setHelpText');
        return builder;
      },
      getCriteriaType: () => state.criteria,
      getCriteriaValues: () => copyValues(state.values),
      getAllowInvalid: () => state.allowInvalid,
      getHelpText: () => state.helpText,
      copy: () => dataValidationBuilder(state),
      build: () => {
        if (!state.criteria) throw ctx.exception('The data validation rule has no criteria.');
        return dataValidation({ ...state, values: copyValues(state.values) });
      },
    });
    return builder;
  }

  function booleanCondition(model: RuleInternal): object {
    return ctx.surface('BooleanCondition', {
      getCriteriaType: () => model.criteria,
      getCriteriaValues: () => copyValues(model.values),
      getBackground: () => model.format.background,
      getFontColor: () => model.format.fontColor,
      getBold: () => model.format.bold,
      getItalic: () => model.format.italic,
      getUnderline: () => model.format.underline,
      getStrikethrough: () => model.format.strikethrough,
    });
  }

  function conditionalRule(model: RuleInternal): object {
    return ctx.surface(
      'ConditionalFormatRule',
      {
        getRanges: () => model.ranges.map((r) => makeRange(r.sheet, r.ref)),
        getBooleanCondition: () => booleanCondition(model),
        getGradientCondition: () => null,
        copy: () => conditionalRuleBuilder(model),
      },
      { internal: model },
    );
  }

  function conditionalRuleBuilder(initial?: RuleInternal): object {
    const state: RuleInternal = initial
      ? {
          ...initial,
          values: copyValues(initial.values),
          format: { ...initial.format },
          ranges: [...initial.ranges],
        }
      : {
          criteria: '',
          values: [],
          format: {
            background: null,
            fontColor: null,
            bold: null,
            italic: null,
            underline: null,
            strikethrough: null,
          },
          ranges: [],
        };
    const when = (criteria: string, ...values: unknown[]) => {
      state.criteria = criteria;
      state.values = values;
      return builder;
    };
    const format = <K extends keyof CellFormatModel>(key: K, value: CellFormatModel[K]) => {
      state.format[key] = value;
      return builder;
    };
    const color = (c: unknown) => (c === null ? null : normalizeColor(assertString(ctx, c, 'setBackground')));
    const num = (n: unknown) => {
      if (typeof n !== 'number')
        throw ctx.exception("The parameters don't match the method signature for whenNumber*.");
      return n;
    };
    const builder: object = ctx.surface('ConditionalFormatRuleBuilder', {
      whenFormulaSatisfied: (f: unknown) =>
        when('CUSTOM_FORMULA', assertString(ctx, f, 'whenFormulaSatisfied')),
      whenCellEmpty: () => when('CELL_EMPTY'),
      whenCellNotEmpty: () => when('CELL_NOT_EMPTY'),
      whenTextContains: (t: unknown) => when('TEXT_CONTAINS', assertString(ctx, t, 'whenTextContains')),
      whenTextDoesNotContain: (t: unknown) =>
        when('TEXT_DOES_NOT_CONTAIN', assertString(ctx, t, 'whenTextDoesNotContain')),
      whenTextEqualTo: (t: unknown) => when('TEXT_EQUAL_TO', assertString(ctx, t, 'whenTextEqualTo')),
      whenTextStartsWith: (t: unknown) =>
        when('TEXT_STARTS_WITH', assertString(ctx, t, 'whenTextStartsWith')),
      whenTextEndsWith: (t: unknown) => when('TEXT_ENDS_WITH', assertString(ctx, t, 'whenTextEndsWith')),
      whenNumberBetween: (a: unknown, b: unknown) => when('NUMBER_BETWEEN', num(a), num(b)),
      whenNumberEqualTo: (n: unknown) => when('NUMBER_EQUAL_TO', num(n)),
      whenNumberGreaterThan: (n: unknown) => when('NUMBER_GREATER_THAN', num(n)),
      whenNumberGreaterThanOrEqualTo: (n: unknown) => when('NUMBER_GREATER_THAN_OR_EQUAL_TO', num(n)),
      whenNumberLessThan: (n: unknown) => when('NUMBER_LESS_THAN', num(n)),
      whenNumberLessThanOrEqualTo: (n: unknown) => when('NUMBER_LESS_THAN_OR_EQUAL_TO', num(n)),
      setBackground: (c: unknown) => format('background', color(c)),
      setFontColor: (c: unknown) => format('fontColor', color(c)),
      setBold: (b: unknown) => format('bold', b === null ? null : Boolean(b)),
      setItalic: (b: unknown) => format('italic', b === null ? null : Boolean(b)),
      setUnderline: (b: unknown) => format('underline', b === null ? null : Boolean(b)),
      setStrikethrough: (b: unknown) => format('strikethrough', b === null ? null : Boolean(b)),
      setRanges: (ranges: unknown) => {
        if (!Array.isArray(ranges))
          throw ctx.exception("The parameters don't match the method signature for setRanges.");
        state.ranges = ranges.map((r) => rangeOf(r, 'ConditionalFormatRuleBuilder.setRanges'));
        return builder;
      },
      getRanges: () => state.ranges.map((r) => makeRange(r.sheet, r.ref)),
      getBooleanCondition: () => (state.criteria ? booleanCondition(state) : null),
      copy: () => conditionalRuleBuilder(state),
      build: () => {
        if (!state.criteria) throw ctx.exception('A conditional format rule needs a condition.');
        return conditionalRule({ ...state, format: { ...state.format }, ranges: [...state.ranges] });
      },
    });
    return builder;
  }

  function richTextValue(model: RichTextModel): object {
    return ctx.surface(
      'RichTextValue',
      {
        getText: () => model.text,
        getLinkUrl: (start?: unknown, end?: unknown) => linkOf(model, start, end),
        copy: () => richTextBuilder(model),
      },
      { internal: model },
    );
  }

  function linkOf(model: RichTextModel, start?: unknown, end?: unknown): string | null {
    const from = start === undefined ? 0 : assertInt(ctx, start, 'RichTextValue.getLinkUrl');
    const to = end === undefined ? model.text.length : assertInt(ctx, end, 'RichTextValue.getLinkUrl');
    if (from >= to) return null;
    const run = model.links.find((l) => l.start <= from && l.end >= to);
    return run?.url ?? null;
  }

  function richTextBuilder(initial?: RichTextModel): object {
    const state: RichTextModel = { text: initial?.text ?? '', links: [...(initial?.links ?? [])] };
    const builder: object = ctx.surface('RichTextValueBuilder', {
      setText: (text: unknown) => {
        state.text = assertString(ctx, text, 'RichTextValueBuilder.setText');
        state.links = [];
        return builder;
      },
      setLinkUrl: (...args: unknown[]) => {
        const [start, end, url] = args.length >= 3 ? args : [0, state.text.length, args[0]];
        const run: LinkRun = {
          start: assertInt(ctx, start, 'setLinkUrl'),
          end: assertInt(ctx, end, 'setLinkUrl'),
          url: url === null ? '' : assertString(ctx, url, 'RichTextValueBuilder.setLinkUrl'),
        };
        if (run.start < 0 || run.end > state.text.length || run.start > run.end) {
          throw ctx.exception(
            `Invalid argument: offsets ${run.start}-${run.end} for a text of ${state.text.length}.`,
          );
        }
        state.links = state.links.filter((l) => l.end <= run.start || l.start >= run.end);
        if (run.url) state.links.push(run);
        return builder;
      },
      build: () => richTextValue({ text: state.text, links: [...state.links] }),
    });
    return builder;
  }

  function protection(model: ProtectionModel): object {
    const users = () => model.editors.map((email) => createUser(ctx, email));
    const emailOf = (v: unknown, method: string) =>
      typeof v === 'string' ? v : internalOf<{ email: string }>(ctx, v, 'User', method).email;
    const addEditor = (v: unknown) => {
      const email = emailOf(v, 'Protection.addEditor');
      if (!model.editors.includes(email)) model.editors.push(email);
    };
    const removeEditor = (v: unknown) => {
      const email = emailOf(v, 'Protection.removeEditor');
      // Neither the owner nor the current user can be removed from a protection's editors.
      if (email !== ctx.userEmail) model.editors = model.editors.filter((e) => e !== email);
    };
    const self: object = ctx.surface(
      'Protection',
      {
        getDescription: () => model.description,
        setDescription: (d: unknown) => {
          model.description = assertString(ctx, d, 'Protection.setDescription');
          return self;
        },
        getProtectionType: () => model.type,
        getRange: () => makeRange(model.sheet, model.ref ?? model.sheet.whole()),
        setRange: (range: unknown) => {
          const target = rangeOf(range, 'Protection.setRange');
          if (model.type === 'SHEET' || target.sheet !== model.sheet) {
            throw ctx.exception('This protection cannot be moved to that range.');
          }
          model.ref = target.ref;
          return self;
        },
        getRangeName: () => null,
        isWarningOnly: () => model.warningOnly,
        setWarningOnly: (w: unknown) => {
          model.warningOnly = Boolean(w);
          return self;
        },
        getEditors: users,
        addEditor: (v: unknown) => {
          addEditor(v);
          return self;
        },
        addEditors: (list: unknown) => {
          for (const v of Array.isArray(list) ? list : []) addEditor(v);
          return self;
        },
        removeEditor: (v: unknown) => {
          removeEditor(v);
          return self;
        },
        removeEditors: (list: unknown) => {
          for (const v of Array.isArray(list) ? list : []) removeEditor(v);
          return self;
        },
        canEdit: () => model.editors.includes(ctx.userEmail),
        canDomainEdit: () => model.domainEdit,
        setDomainEdit: (b: unknown) => {
          model.domainEdit = Boolean(b);
          return self;
        },
        getUnprotectedRanges: () => model.unprotected.map((ref) => makeRange(model.sheet, ref)),
        setUnprotectedRanges: (ranges: unknown) => {
          if (model.type !== 'SHEET') throw ctx.exception('Only sheet protections have unprotected ranges.');
          const list = Array.isArray(ranges) ? ranges : [];
          model.unprotected = list.map((r) => rangeOf(r, 'Protection.setUnprotectedRanges').ref);
          return self;
        },
        remove: () => {
          model.removed = true;
          model.sheet.protections = model.sheet.protections.filter((p) => p !== model);
        },
      },
      { internal: model },
    );
    return self;
  }

  /** Whether `p` stops the current user from editing a cell of `ref` (warning-only ones never do). */
  function bites(p: ProtectionModel, ref: GridRef): boolean {
    if (p.warningOnly || p.editors.includes(ctx.userEmail)) return false;
    if (p.type === 'RANGE') return p.ref !== null && intersects(p.ref, ref);
    if (p.unprotected.length === 0) return true;
    let covered = false;
    forEachCell(ref, (r, c) => {
      const cell = { row: r, col: c, numRows: 1, numCols: 1 };
      if (!p.unprotected.some((u) => intersects(u, cell))) covered = true;
    });
    return covered;
  }

  /**
   * Throws Sheets' own exception when a protection someone else set covers a cell of `ref`; with no
   * `ref` (inserting rows or columns), when the whole sheet is protected.
   */
  function assertEditable(sheet: SheetModel, ref?: GridRef): void {
    const blocked = ref
      ? sheet.protections.some((p) => bites(p, ref))
      : sheet.protections.some((p) => p.type === 'SHEET' && bites(p, sheet.whole()));
    if (blocked) throw ctx.exception(PROTECTED_MESSAGE);
  }

  return {
    newDataValidation: () => dataValidationBuilder(),
    checkboxValidation: (values: unknown[]) =>
      dataValidation({ criteria: 'CHECKBOX', values, allowInvalid: true, helpText: null }),
    newConditionalFormatRule: () => conditionalRuleBuilder(),
    conditionalRule,
    newRichTextValue: () => richTextBuilder(),
    richTextValue,
    protection,
    assertEditable,
  };
}

export type RuleFactories = ReturnType<typeof createRuleFactories>;
