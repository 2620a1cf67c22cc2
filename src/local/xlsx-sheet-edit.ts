/**
 * One worksheet's XML changed in place: the cells the commands write, the previous run's values
 * cleared, the highlight rules replaced. Everything else of the part — the user's other cells and
 * rows, their styles, merges, dropdowns, their own conditional formats, the elements of extensions
 * this code knows nothing of — is kept as written, byte for byte.
 */
import type { CellValue } from '../core/cells';
import { a1Range, columnLetter, columnNumber } from '../core/problems';
import { type Area, cellCount, disjointAreas, overlapping, rectAddress } from './cell-ranges';

/** A formula with the result a reader shows until the spreadsheet computes it again. */
export interface FormulaWrite {
  formula: string;
  result: string;
}

export type CellWrite = CellValue | FormulaWrite;

/** How a value is stored: dates as serials of the workbook's date system, in a date format. */
export interface CellEncoding {
  date1904: boolean;
  /** The style to give a date in a cell of style `style` (itself when it already shows dates). */
  dateStyle(style: number, withTime: boolean): number;
}

/** A conditional format to add: its ranges and one rule, an always-true expression. */
export interface HighlightRule {
  sqref: string;
  dxfId: number;
  priority: number;
}

export interface SheetEdit {
  /** Row → column (1-based) → value; an empty value clears the cell and keeps its style. */
  cells: Map<number, Map<number, CellWrite>>;
  /** The values of every row from this one down are cleared (their styles kept). */
  clearFrom?: number;
  /** Replaces the highlight rules of a previous run (those `isHighlight` recognises). */
  highlights?: HighlightRule[];
}

export function setCellWrite(edit: SheetEdit, row: number, col: number, value: CellWrite): void {
  const cells = edit.cells.get(row) ?? new Map<number, CellWrite>();
  edit.cells.set(row, cells);
  cells.set(col, value);
}

const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const ROW_NUMBER = /\br="(\d+)"/;
const CELL_REF = /\br="([A-Z]+)\d*"/;
const STYLE = /\bs="(\d+)"/;

/** The elements a worksheet may hold after its conditional formats (ECMA-376 CT_Worksheet). */
const AFTER_FORMATS =
  /<(?:\w+:)?(dataValidations|hyperlinks|printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|customProperties|cellWatches|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b|<\/(?:\w+:)?worksheet>/;

/**
 * The sheet's XML with the edit made. `isHighlight` tells the conditional formats of a previous run
 * (their rules' dxfIds and formulas), which `edit.highlights` replace.
 */
export function editSheetXml(
  xml: string,
  edit: SheetEdit,
  encoding: CellEncoding,
  isHighlight: (rules: { type: string; dxfId: number; formula: string }[]) => boolean,
): string {
  const prefix = /<(\w+:)?worksheet\b/.exec(xml)?.[1] ?? '';
  const start = xml.search(/<(?:\w+:)?sheetData\b/);
  if (start < 0) throw new Error('no sheetData');
  const open = /^<(?:\w+:)?sheetData\b[^>]*?(\/?)>/.exec(xml.slice(start))!;
  const selfClosed = open[1] === '/';
  const dataStart = start + open[0].length;
  const dataEnd = selfClosed ? dataStart : xml.indexOf(`</${prefix}sheetData>`, dataStart);
  if (dataEnd < 0) throw new Error('sheetData not closed');
  let head = xml.slice(0, start);
  let tail = xml.slice(selfClosed ? dataStart : dataEnd + `</${prefix}sheetData>`.length);
  let data = xml.slice(dataStart, dataEnd);
  if (edit.cells.size > 0 || edit.clearFrom !== undefined) {
    const sheet = new SheetCells(head, prefix, encoding);
    data = sheet.editRows(data, edit);
    head = widenDimension(head, sheet.bottom, sheet.right);
  }
  if (edit.highlights) tail = replaceHighlights(tail, prefix, edit.highlights, isHighlight);
  tail = disjointValidations(tail);
  return `${head}<${prefix}sheetData>${data}</${prefix}sheetData>${tail}`;
}

class SheetCells {
  /** The furthest row and column written, for the sheet's dimension. */
  bottom = 0;
  right = 0;
  private readonly columnStyles: { min: number; max: number; style: number }[] = [];

  constructor(
    head: string,
    private readonly prefix: string,
    private readonly encoding: CellEncoding,
  ) {
    for (const m of head.matchAll(/<(?:\w+:)?col\b([^>]*?)\/?>/g)) {
      const style = STYLE.exec(m[1]!)?.[1] ?? /\bstyle="(\d+)"/.exec(m[1]!)?.[1];
      const min = Number(/\bmin="(\d+)"/.exec(m[1]!)?.[1]);
      const max = Number(/\bmax="(\d+)"/.exec(m[1]!)?.[1]);
      if (style !== undefined && min > 0)
        this.columnStyles.push({ min, max: max || min, style: Number(style) });
    }
  }

  /** The rows of sheetData with the edit made; rows and cells untouched are copied as they are. */
  editRows(data: string, edit: SheetEdit): string {
    const pending = [...edit.cells.keys()].sort((a, b) => a - b);
    let next = 0;
    const out: string[] = [];
    let copied = 0;
    let row = 0;
    for (const r of data.matchAll(ROW)) {
      const rowNumber = Number(ROW_NUMBER.exec(r[1]!)?.[1]);
      row = rowNumber > 0 ? rowNumber : row + 1;
      while (next < pending.length && pending[next]! < row) {
        out.push(data.slice(copied, r.index), this.newRow(pending[next]!, edit.cells.get(pending[next]!)!));
        copied = r.index;
        next++;
      }
      const writes = pending[next] === row ? edit.cells.get(pending[next++]!)! : undefined;
      const clear = edit.clearFrom !== undefined && row >= edit.clearFrom;
      if (!writes && !clear && rowNumber > 0) continue;
      out.push(data.slice(copied, r.index), this.editRow(row, r[1]!, r[2] ?? '', writes, clear));
      copied = r.index + r[0].length;
    }
    out.push(data.slice(copied));
    for (; next < pending.length; next++)
      out.push(this.newRow(pending[next]!, edit.cells.get(pending[next]!)!));
    return out.join('');
  }

  private newRow(row: number, writes: Map<number, CellWrite>): string {
    return this.editRow(row, '', '', writes, false);
  }

  /** A row with its cells written or cleared; its attributes kept but the optional spans hint. */
  private editRow(
    row: number,
    attrs: string,
    cells: string,
    writes: Map<number, CellWrite> | undefined,
    clear: boolean,
  ): string {
    const rowStyle = /\bcustomFormat="(1|true)"/.test(attrs) ? STYLE.exec(attrs)?.[1] : undefined;
    const pending = writes ? [...writes.keys()].sort((a, b) => a - b) : [];
    let next = 0;
    const out: string[] = [];
    let col = 0;
    for (const c of cells.matchAll(CELL)) {
      const ref = CELL_REF.exec(c[1]!)?.[1];
      col = ref ? columnNumber(ref) : col + 1;
      for (; next < pending.length && pending[next]! < col; next++) {
        out.push(
          this.cell(row, pending[next]!, this.styleOf(pending[next]!, rowStyle), writes!.get(pending[next]!)),
        );
      }
      const style = STYLE.exec(c[1]!)?.[1];
      if (pending[next] === col) out.push(this.cell(row, col, style, writes!.get(pending[next++]!)));
      else if (clear) out.push(this.cell(row, col, style, null));
      else out.push(ref ? c[0] : c[0].replace(/^<((?:\w+:)?c)\b/, `<$1 r="${columnLetter(col - 1)}${row}"`));
    }
    for (; next < pending.length; next++) {
      out.push(
        this.cell(row, pending[next]!, this.styleOf(pending[next]!, rowStyle), writes!.get(pending[next]!)),
      );
    }
    let kept = attrs.replace(/\s+spans="[^"]*"/, '');
    if (!ROW_NUMBER.test(kept)) kept = ` r="${row}"${kept}`;
    return `<${this.prefix}row${kept}>${out.join('')}</${this.prefix}row>`;
  }

  /** The style a new cell takes, as a spreadsheet gives it: its row's, else its column's. */
  private styleOf(col: number, rowStyle: string | undefined): string | undefined {
    if (rowStyle !== undefined) return rowStyle;
    const style = this.columnStyles.find((c) => c.min <= col && col <= c.max)?.style;
    return style === undefined ? undefined : String(style);
  }

  private cell(row: number, col: number, style: string | undefined, value: CellWrite | undefined): string {
    const p = this.prefix;
    const ref = `${columnLetter(col - 1)}${row}`;
    const empty = value === null || value === undefined || value === '';
    if (!empty) {
      this.bottom = Math.max(this.bottom, row);
      this.right = Math.max(this.right, col);
    }
    const s = (n: string | number | undefined) =>
      n === undefined || n === '0' || n === 0 ? '' : ` s="${n}"`;
    if (empty) return style === undefined ? '' : `<${p}c r="${ref}"${s(style)}/>`;
    if (typeof value === 'string') {
      return `<${p}c r="${ref}"${s(style)} t="inlineStr"><${p}is><${p}t xml:space="preserve">${escapeXml(value)}</${p}t></${p}is></${p}c>`;
    }
    if (typeof value === 'number') return `<${p}c r="${ref}"${s(style)}><${p}v>${value}</${p}v></${p}c>`;
    if (typeof value === 'boolean') {
      return `<${p}c r="${ref}"${s(style)} t="b"><${p}v>${value ? 1 : 0}</${p}v></${p}c>`;
    }
    if (value instanceof Date) {
      const withTime = value.getHours() !== 0 || value.getMinutes() !== 0 || value.getSeconds() !== 0;
      const dateStyle = this.encoding.dateStyle(Number(style ?? 0), withTime);
      return `<${p}c r="${ref}"${s(dateStyle)}><${p}v>${serialOf(value, this.encoding.date1904)}</${p}v></${p}c>`;
    }
    return `<${p}c r="${ref}"${s(style)} t="str"><${p}f>${escapeXml(value!.formula)}</${p}f><${p}v>${escapeXml(value!.result)}</${p}v></${p}c>`;
  }
}

/** The instant whose UTC fields are a local date's calendar fields (what a cell shows). */
export function utcDateOf(local: Date): Date {
  return new Date(
    Date.UTC(
      local.getFullYear(),
      local.getMonth(),
      local.getDate(),
      local.getHours(),
      local.getMinutes(),
      local.getSeconds(),
    ),
  );
}

/** The serial number of a local date's calendar fields. */
export function serialOf(local: Date, date1904: boolean): number {
  return utcDateOf(local).getTime() / 86_400_000 + 25569 - (date1904 ? 1462 : 0);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The dimension tag widened to the cells written (a reader may trust it to size the sheet). */
function widenDimension(head: string, bottom: number, right: number): string {
  if (bottom === 0) return head;
  return head.replace(/(<(?:\w+:)?dimension\b[^>]*\bref=")([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/, (...m) => {
    const [, start, left, top, lastCol, lastRow] = m as string[];
    const maxRow = Math.max(Number(lastRow ?? top), bottom);
    const maxCol = Math.max(columnNumber(lastCol ?? left!), right);
    return `${start}${left}${top}:${columnLetter(maxCol - 1)}${maxRow}"`;
  });
}

const FORMAT_BLOCK = /<((?:\w+:)?)conditionalFormatting\b[^>]*>([\s\S]*?)<\/\1conditionalFormatting>/g;
const RULE = /<(?:\w+:)?cfRule\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?cfRule>)/g;

/** The part after sheetData with the previous highlights removed and the new ones in their place. */
function replaceHighlights(
  tail: string,
  prefix: string,
  highlights: HighlightRule[],
  isHighlight: (rules: { type: string; dxfId: number; formula: string }[]) => boolean,
): string {
  let at = -1;
  const kept = tail.replace(FORMAT_BLOCK, (block, _p, inner: string, offset: number) => {
    const rules = [...inner.matchAll(RULE)].map((r) => ({
      type: /\btype="([^"]*)"/.exec(r[1]!)?.[1] ?? '',
      dxfId: Number(/\bdxfId="(\d+)"/.exec(r[1]!)?.[1] ?? -1),
      formula: /<(?:\w+:)?formula>([\s\S]*?)<\/(?:\w+:)?formula>/.exec(r[2] ?? '')?.[1] ?? '',
    }));
    if (!isHighlight(rules)) return block;
    if (at < 0) at = offset;
    return '';
  });
  const added = highlights
    .map(
      (h) =>
        `<${prefix}conditionalFormatting sqref="${h.sqref}"><${prefix}cfRule type="expression" dxfId="${h.dxfId}" priority="${h.priority}"><${prefix}formula>TRUE</${prefix}formula></${prefix}cfRule></${prefix}conditionalFormatting>`,
    )
    .join('');
  if (added === '') return kept;
  // Where the first removed one was, else after the user's own, else before what follows them.
  if (at < 0) {
    const last = kept.lastIndexOf(`</${prefix}conditionalFormatting>`);
    at = last >= 0 ? last + `</${prefix}conditionalFormatting>`.length : kept.search(AFTER_FORMATS);
  }
  if (at < 0) at = kept.length;
  return kept.slice(0, at) + added + kept.slice(at);
}

const VALIDATIONS = /<((?:\w+:)?)dataValidations\b([^>]*)>([\s\S]*?)<\/\1dataValidations>/;
const VALIDATION = /<(?:\w+:)?dataValidation\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?dataValidation>)/g;
/** Beyond this many cells, ranges are left as they are rather than regrouped cell by cell. */
const MAX_REGROUPED_CELLS = 1_000_000;

/** The data validations of a sheet's part, each with its ranges; null when one cannot be read. */
function validationsIn(xml: string): { rule: string; areas: Area[] }[] | null {
  const block = VALIDATIONS.exec(xml);
  if (!block) return [];
  const found: { rule: string; areas: Area[] }[] = [];
  for (const m of block[3]!.matchAll(VALIDATION)) {
    const sqref = /\bsqref="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const areas = sqref.trim().split(/\s+/).map(a1Range);
    if (areas.some((a) => a === null)) return null;
    found.push({ rule: m[0].replace(/\s+sqref="[^"]*"/, ''), areas: areas as Area[] });
  }
  return found;
}

/**
 * Whether a sheet's data validations overlap, as the offline edition's earlier versions wrote them
 * (exceljs sorted « B10 » before « B2 » and wrote both B2:B1000 and B10:B1000): Excel refuses such a
 * file and offers to « repair » it.
 */
export function hasOverlappingValidations(xml: string): boolean {
  const end = xml.lastIndexOf('sheetData>');
  const validations = validationsIn(xml.slice(Math.max(0, end)));
  return validations !== null && overlapping(validations.flatMap((v) => v.areas));
}

/**
 * The validations as disjoint ranges: a cell keeps the last rule given to it (as a spreadsheet
 * applies them), equal rules become one. Left as written when they do not overlap.
 */
function disjointValidations(tail: string): string {
  const validations = validationsIn(tail);
  const areas = validations?.flatMap((v) => v.areas) ?? [];
  if (!validations || !overlapping(areas) || cellCount(areas) > MAX_REGROUPED_CELLS) return tail;
  const given = validations.flatMap((v) => v.areas.map((a): [Area, string] => [a, v.rule]));
  const rules = [...disjointAreas(given)].map(([rule, ranges]) =>
    rule.replace(/^(<(?:\w+:)?dataValidation\b)/, `$1 sqref="${ranges.map(rectAddress).join(' ')}"`),
  );
  return tail.replace(VALIDATIONS, (_, p: string, attrs: string) => {
    const counted = /\bcount="/.test(attrs)
      ? attrs.replace(/\bcount="\d*"/, `count="${rules.length}"`)
      : `${attrs} count="${rules.length}"`;
    return `<${p}dataValidations${counted}>${rules.join('')}</${p}dataValidations>`;
  });
}
