/**
 * A user's .xlsx changed by patching its package rather than by loading it into a spreadsheet
 * library and writing it all again: the parts that change (some sheets, the styles when a date or
 * highlight format is missing — xlsx-styles-edit.ts —, the workbook's list of sheets when one is
 * added) are rewritten, and
 * every other part is copied as the file stores it, compressed bytes included. Nothing a writer put
 * in the file is lost (charts, macros, extensions), and memory stays near the file's own size.
 */
import type { Grid } from '../core/cells';
import { attributes, PartError, relativePath } from '../files/xlsx-package';
import { CliError } from './errors';
import type { XlsxArchive } from './xlsx-archive';
import {
  type CellEncoding,
  type CellWrite,
  editSheetXml,
  escapeXml,
  hasOverlappingValidations,
  type SheetEdit,
  setCellWrite,
} from './xlsx-sheet-edit';
import { StylesEdit } from './xlsx-styles-edit';
import { type CopiedEntry, writeZip } from './zip';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_TYPE = `${REL_NS}/worksheet`;
const STYLES_TYPE = `${REL_NS}/styles`;
const WORKSHEET_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const STYLES_CONTENT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';

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
    readonly pkg: XlsxArchive,
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
          dxfId: this.styles.highlightDxf(severity),
          priority: severity === 'erreur' ? 1 : 2,
        }));
      this.sheet(name).highlights = rules;
    }
  }

  /** The new file: the changed parts rewritten, every other one copied as stored. */
  toBuffer(): Buffer {
    this.editSheets();
    const styles = this.styles.changedPart();
    if (styles?.path) this.setPart(styles.path, styles.xml);
    else if (styles) this.addWorkbookPart('xl/styles.xml', STYLES_TYPE, STYLES_CONTENT, styles.xml);
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

/** Text to match as is in a regular expression. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
