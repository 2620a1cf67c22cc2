/**
 * A user's .xlsx changed by patching its package rather than by loading it into a spreadsheet
 * library and writing it all again: the parts that change (some sheets, the styles when a date or
 * highlight format is missing, the workbook's list of sheets when one is added) are rewritten, and
 * every other part is copied as the file stores it, compressed bytes included. Nothing a writer put
 * in the file is lost (charts, macros, extensions), and memory stays near the file's own size.
 */
import type { Grid } from '../core/cells';
import { MARK_COLOURS } from '../core/validate';
import { NUMBER_FORMATS } from '../core/workbook';
import { CliError } from './errors';
import { argb } from './install-xlsx';
import { dateStyleIndexes } from './xlsx-grids';
import { attributes, PartError, relativePath, type XlsxPackage } from './xlsx-package';
import {
  type CellEncoding,
  type CellWrite,
  editSheetXml,
  escapeXml,
  hasOverlappingValidations,
  type SheetEdit,
  setCellWrite,
} from './xlsx-sheet-edit';
import { type CopiedEntry, writeZip } from './zip';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_TYPE = `${REL_NS}/worksheet`;
const STYLES_TYPE = `${REL_NS}/styles`;
const WORKSHEET_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLES_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

/** The fill of the highlight of each severity, as a differential format (dxf) of the styles part. */
const HIGHLIGHT_DXF = (colour: string) =>
  `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${argb(colour)}"/></patternFill></fill></dxf>`;
/** Their colours as RGB, without alpha (a function: install-xlsx imports this module's importers). */
const highlightRgb = () => new Set(Object.values(MARK_COLOURS).map((c) => argb(c).slice(2)));

export class XlsxEdit {
  private readonly edits = new Map<string, SheetEdit>();
  /** Parts rewritten or added, by path. */
  private readonly parts = new Map<string, string>();
  private readonly added: { name: string; path: string }[] = [];
  private readonly removed = new Set<string>();
  private readonly styles: StylesEdit;
  private highlighting = false;

  /**
   * `values`: the grids, as read, of the sheets rows are appended to (their last row and header
   * are read there, not in the XML again).
   */
  constructor(
    readonly pkg: XlsxPackage,
    private readonly values: ReadonlyMap<string, Grid> = new Map(),
  ) {
    this.styles = new StylesEdit(pkg);
  }

  /** A sheet's values as read: empty for a sheet added or not given to the constructor. */
  grid(name: string): Grid {
    return this.values.get(name) ?? [];
  }

  /** The names of the sheets, in tab order, those added last. */
  sheetNames(): string[] {
    return [...this.pkg.sheets.map((s) => s.name), ...this.added.map((s) => s.name)];
  }

  hasSheet(name: string): boolean {
    return this.sheetNames().includes(name);
  }

  /** The edit of a sheet, created empty at the end of the tabs when the workbook lacks it. */
  sheet(name: string): SheetEdit {
    let edit = this.edits.get(name);
    if (!edit) {
      if (!this.hasSheet(name)) this.addSheet(name);
      edit = { cells: new Map() };
      this.edits.set(name, edit);
    }
    return edit;
  }

  write(sheet: string, row: number, col: number, value: CellWrite): void {
    setCellWrite(this.sheet(sheet), row, col, value);
  }

  /**
   * The highlights of this run, by sheet and severity: the previous ones are removed from every
   * sheet, these added (red for an error, yellow for a warning).
   */
  highlight(ranges: Map<string, Record<'erreur' | 'avertissement', string[]>>): void {
    this.highlighting = true;
    for (const [name, bySeverity] of ranges) {
      if (!this.hasSheet(name)) continue;
      const rules = (['erreur', 'avertissement'] as const)
        .filter((severity) => bySeverity[severity].length > 0)
        .map((severity) => ({
          sqref: bySeverity[severity].join(' '),
          dxfId: this.styles.dxf(HIGHLIGHT_DXF(MARK_COLOURS[severity])),
          priority: severity === 'erreur' ? 1 : 2,
        }));
      this.sheet(name).highlights = rules;
    }
  }

  /** The new file: the changed parts rewritten, every other one copied as stored. */
  toBuffer(): Buffer {
    this.editSheets();
    this.styles.writeInto(this);
    if (this.parts.size > 0) this.dropCalculationChain();
    const out: [string, string | CopiedEntry][] = [];
    for (const [path, entry] of this.pkg.entries) {
      if (this.removed.has(path)) continue;
      out.push([entry.name, this.parts.get(path) ?? { from: this.pkg.data, entry }]);
    }
    for (const [path, part] of this.parts) if (!this.pkg.has(path)) out.push([path, part]);
    return writeZip(out);
  }

  /**
   * Each sheet with its edit made; with highlights, every sheet that may hold a previous run's; and
   * every sheet whose validations overlap, regrouped (see disjointValidations).
   */
  private editSheets(): void {
    const encoding: CellEncoding = {
      date1904: this.pkg.date1904,
      dateStyle: (style, withTime) => this.styles.dateStyle(style, withTime),
    };
    const highlights = this.styles.highlightDxfs();
    const isHighlight = (rules: { type: string; dxfId: number; formula: string }[]) =>
      rules.length > 0 &&
      rules.every((r) => r.type === 'expression' && r.formula === 'TRUE' && highlights.has(r.dxfId));
    for (const { name, path } of [...this.pkg.sheets, ...this.added]) {
      const edit: SheetEdit = this.edits.get(name) ?? { cells: new Map() };
      if (this.highlighting) edit.highlights ??= [];
      const xml = this.text(path)!;
      const writes =
        edit.cells.size > 0 || edit.clearFrom !== undefined || (edit.highlights?.length ?? 0) > 0;
      const formats = edit.highlights !== undefined && xml.includes('conditionalFormatting');
      if (!writes && !formats && !hasOverlappingValidations(xml)) continue;
      try {
        this.parts.set(path, editSheetXml(xml, edit, encoding, isHighlight));
      } catch {
        throw new PartError(this.pkg.describe(path));
      }
    }
  }

  /**
   * Excel's list of the formula cells to compute: Excel offers to « repair » a file whose list names a
   * cell that no longer holds a formula (a cleared Contrôles row), and rebuilds a missing one.
   */
  private dropCalculationChain(): void {
    const rel = this.pkg.relationships(this.pkg.workbookPath).find((r) => /\/calcChain$/.test(r.type));
    if (!rel) return;
    this.removed.add(rel.target);
    const rels = this.text(this.workbookRelsPath())!;
    const id = new RegExp(`<(?:\\w+:)?Relationship\\b[^>]*\\bId="${literal(rel.id)}"[^>]*/>`);
    this.setPart(this.workbookRelsPath(), rels.replace(id, ''));
    const types = this.text('[Content_Types].xml');
    const override = new RegExp(`<(?:\\w+:)?Override\\b[^>]*\\bPartName="/${literal(rel.target)}"[^>]*/>`);
    if (types) this.setPart('[Content_Types].xml', types.replace(override, ''));
  }

  private workbookRelsPath(): string {
    const workbook = this.pkg.workbookPath;
    const slash = workbook.lastIndexOf('/');
    return `${workbook.slice(0, slash + 1)}_rels/${workbook.slice(slash + 1)}.rels`;
  }

  /** A part's current text: as rewritten here, else as the file holds it, else null. */
  text(path: string): string | null {
    return this.parts.get(path) ?? (this.pkg.has(path) ? this.pkg.text(path) : null);
  }

  setPart(path: string, xml: string): void {
    this.parts.set(path, xml);
  }

  /**
   * Adds a part linked from the workbook part (a sheet, a styles part): its relationship and its
   * content type; returns the relationship's id.
   */
  addWorkbookPart(path: string, type: string, contentType: string, xml: string): string {
    const workbook = this.pkg.workbookPath;
    const relsPath = this.workbookRelsPath();
    const rels =
      this.text(relsPath) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const used = new Set([...rels.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
    let n = used.size + 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const target = relativePath(workbook.slice(0, workbook.lastIndexOf('/')), path);
    const prefix = /<(\w+:)?Relationships\b/.exec(rels)?.[1] ?? '';
    this.setPart(
      relsPath,
      rels.replace(
        new RegExp(`</${prefix}Relationships>`),
        `<${prefix}Relationship Id="${id}" Type="${type}" Target="${escapeXml(target)}"/>$&`,
      ),
    );
    const types = this.text('[Content_Types].xml') ?? '';
    const tp = /<(\w+:)?Types\b/.exec(types)?.[1] ?? '';
    this.setPart(
      '[Content_Types].xml',
      types.replace(
        new RegExp(`</${tp}Types>`),
        `<${tp}Override PartName="/${escapeXml(path)}" ContentType="${contentType}"/>$&`,
      ),
    );
    this.setPart(path, xml);
    return id;
  }

  /**
   * A new empty worksheet, last of the tabs. Excel refuses two sheets whose names differ only by
   * case: a « journal » typed by hand is named to the user rather than doubled by a « Journal ».
   */
  private addSheet(name: string): void {
    const near = this.sheetNames().find((n) => n.toLowerCase() === name.toLowerCase());
    if (near) {
      throw new CliError(
        `Le classeur a une feuille « ${near} » et il lui faut une feuille « ${name} », qu’Excel ne distingue pas de la première : renommez « ${near} » en « ${name} », puis relancez la commande. Rien n’a été écrit.`,
      );
    }
    let n = 1;
    const taken = (p: string) => this.pkg.has(p) || this.parts.has(p);
    while (taken(`xl/worksheets/sheet${n}.xml`)) n++;
    const path = `xl/worksheets/sheet${n}.xml`;
    const id = this.addWorkbookPart(
      path,
      WORKSHEET_TYPE,
      WORKSHEET_CONTENT,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheetData/></worksheet>`,
    );
    const workbook = this.text(this.pkg.workbookPath)!;
    const p = /<(\w+:)?sheets\b/.exec(workbook)?.[1] ?? '';
    const sheetIds = [...workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)].map((m) =>
      Number(attributes(m[1]!).sheetId ?? 0),
    );
    // The prefix declared on the element itself: some writers declare it on each sheet, not the root.
    const sheet = `<${p}sheet xmlns:r="${REL_NS}" name="${escapeXml(name)}" sheetId="${Math.max(0, ...sheetIds) + 1}" r:id="${id}"/>`;
    this.setPart(this.pkg.workbookPath, workbook.replace(new RegExp(`</${p}sheets>`), `${sheet}$&`));
    this.added.push({ name, path });
  }
}

/**
 * The styles part, changed only when needed: a cell style showing dates derived from a cell's own
 * style, a differential format for a highlight colour (an identical one is reused).
 */
class StylesEdit {
  private xml: string | null = null;
  private path: string;
  private changed = false;
  private readonly dates = new Map<string, number>();
  private dateStyles: Set<number> | null = null;

  constructor(private readonly pkg: XlsxPackage) {
    const rel = pkg
      .relationships(pkg.workbookPath)
      .find((r) => r.type === STYLES_TYPE || /\/styles$/.test(r.type));
    this.path = rel && pkg.has(rel.target) ? rel.target : '';
  }

  private text(): string {
    this.xml ??= this.path
      ? this.pkg.text(this.path)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${MAIN_NS}"><fonts count="1"><font/></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;
    return this.xml;
  }

  private get prefix(): string {
    return /<(\w+:)?styleSheet\b/.exec(this.text())?.[1] ?? '';
  }

  /** The dxf ids whose fill is one of the highlight colours. */
  highlightDxfs(): Set<number> {
    const ids = new Set<number>();
    const colours = highlightRgb();
    this.dxfs().forEach((dxf, i) => {
      const rgb = /<(?:\w+:)?bgColor\b[^>]*\brgb="([0-9A-Fa-f]+)"/.exec(dxf)?.[1]?.toUpperCase();
      if (rgb && colours.has(rgb.slice(-6))) ids.add(i);
    });
    return ids;
  }

  private dxfs(): string[] {
    const block = /<(?:\w+:)?dxfs\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?dxfs>)/.exec(this.text())?.[1] ?? '';
    return [...block.matchAll(/<(?:\w+:)?dxf\b[^>]*?(?:\/>|>[\s\S]*?<\/(?:\w+:)?dxf>)/g)].map((m) => m[0]);
  }

  /** The index of this differential format, added when the styles lack it. */
  dxf(xml: string): number {
    const p = this.prefix;
    const own = p ? xml.replace(/<(\/?)/g, `<$1${p}`) : xml;
    const list = this.dxfs();
    const found = list.indexOf(own);
    if (found >= 0) return found;
    this.xml = appendToList(
      this.text(),
      p,
      'dxfs',
      'dxf',
      own,
      /<(?:\w+:)?(tableStyles|colors|extLst)\b|<\/(?:\w+:)?styleSheet>/,
    );
    this.changed = true;
    return list.length;
  }

  /** A style showing dates (with the time when asked): `style` itself when it does, else one derived from it. */
  dateStyle(style: number, withTime: boolean): number {
    this.dateStyles ??= this.path ? dateStyleIndexes(this.pkg) : new Set();
    if (this.dateStyles.has(style)) return style;
    const key = `${style}:${withTime}`;
    const known = this.dates.get(key);
    if (known !== undefined) return known;
    const p = this.prefix;
    const format = (withTime ? NUMBER_FORMATS.datetime : NUMBER_FORMATS.date)!;
    let xml = this.text();
    let formatId = -1;
    const ids: number[] = [];
    for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*?)\/?>/g)) {
      const a = attributes(m[1]!);
      ids.push(Number(a.numFmtId));
      if (a.formatCode === format) formatId = Number(a.numFmtId);
    }
    if (formatId < 0) {
      formatId = Math.max(163, ...ids) + 1;
      xml = appendToList(
        xml,
        p,
        'numFmts',
        'numFmt',
        `<${p}numFmt numFmtId="${formatId}" formatCode="${escapeXml(format)}"/>`,
        /<(?:\w+:)?(fonts|fills|borders|cellStyleXfs|cellXfs)\b/,
      );
    }
    const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?cellXfs>)/.exec(xml)?.[1] ?? '';
    const xfs = [...cellXfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?xf>)/g)];
    const base = xfs[style] ?? xfs[0];
    const attrs = (base?.[1] ?? ' numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"').replace(
      /\s+(numFmtId|applyNumberFormat)="[^"]*"/g,
      '',
    );
    const inner = base?.[2];
    const xf = `<${p}xf numFmtId="${formatId}"${attrs} applyNumberFormat="1"${inner === undefined ? '/>' : `>${inner}</${p}xf>`}`;
    this.xml = appendToList(
      xml,
      p,
      'cellXfs',
      'xf',
      xf,
      /<(?:\w+:)?(cellStyles|dxfs|tableStyles|colors|extLst)\b|<\/(?:\w+:)?styleSheet>/,
    );
    this.changed = true;
    this.dates.set(key, xfs.length);
    return xfs.length;
  }

  writeInto(edit: XlsxEdit): void {
    if (!this.changed) return;
    if (this.path) edit.setPart(this.path, this.xml!);
    else {
      this.path = 'xl/styles.xml';
      edit.addWorkbookPart(this.path, STYLES_TYPE, STYLES_CONTENT, this.xml!);
    }
  }
}

/**
 * Appends an item to a list element (`<dxfs count="n">…</dxfs>`), its count updated; a missing or
 * empty list is written before the first element that follows it in the schema (`before`).
 */
function appendToList(
  xml: string,
  p: string,
  list: string,
  tag: string,
  item: string,
  before: RegExp,
): string {
  const re = new RegExp(`<${p}${list}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}${list}>)`);
  const m = re.exec(xml);
  if (!m) {
    const at = xml.search(before);
    const block = `<${p}${list} count="1">${item}</${p}${list}>`;
    return at < 0 ? xml : xml.slice(0, at) + block + xml.slice(at);
  }
  const inner = m[2] ?? '';
  const count = [...inner.matchAll(new RegExp(`<${p}${tag}\\b`, 'g'))].length + 1;
  const attrs = /\bcount="/.test(m[1]!)
    ? m[1]!.replace(/\bcount="\d*"/, `count="${count}"`)
    : `${m[1]} count="${count}"`;
  return (
    xml.slice(0, m.index) +
    `<${p}${list}${attrs}>${inner}${item}</${p}${list}>` +
    xml.slice(m.index + m[0].length)
  );
}

/** Text to match as is in a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
