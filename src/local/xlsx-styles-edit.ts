/**
 * The styles part of an .xlsx changed only where an edit needs it: a cell style showing dates,
 * derived from a cell's own style (its font, fill, borders kept), and the differential formats of the
 * highlights, an identical one reused; written before the first element that follows it in the schema.
 */
import type { Severity } from '../core/problems';
import { MARK_COLOURS } from '../core/validate';
import { NUMBER_FORMATS } from '../core/workbook';
import { dateStyleIndexes } from '../files/xlsx-grids';
import { attributes, type XlsxPackage } from '../files/xlsx-package';
import { argb } from './install-xlsx';
import { escapeXml } from './xlsx-sheet-edit';

/** The styles part, read when first needed (a minimal one when the workbook has none). */
export class StylesEdit {
  private xml: string | null = null;
  private path: string;
  private changed = false;
  private readonly dates = new Map<string, number>();
  private dateStyles: Set<number> | null = null;

  constructor(private readonly pkg: XlsxPackage) {
    const rel = pkg.relationships(pkg.workbookPath).find((r) => /\/styles$/.test(r.type));
    this.path = rel && pkg.has(rel.target) ? rel.target : '';
  }

  private text(): string {
    this.xml ??= this.path
      ? this.pkg.text(this.path)
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font/></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>`;
    return this.xml;
  }

  private get prefix(): string {
    return /<(\w+:)?styleSheet\b/.exec(this.text())?.[1] ?? '';
  }

  /** The differential format of the highlight of a severity, added when the styles lack it. */
  highlightDxf(severity: Severity): number {
    return this.dxf(
      `<dxf><fill><patternFill patternType="solid"><bgColor rgb="${argb(MARK_COLOURS[severity])}"/></patternFill></fill></dxf>`,
    );
  }

  /** The dxf ids whose fill is one of the highlight colours. */
  highlightDxfs(): Set<number> {
    const ids = new Set<number>();
    // Computed here, not when the module loads: install-xlsx, which gives argb, imports its importers.
    const colours = new Set(Object.values(MARK_COLOURS).map((c) => argb(c).slice(2)));
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
  private dxf(xml: string): number {
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

  /** The styles part as changed (its path empty when the workbook had none), or null when unchanged. */
  changedPart(): { path: string; xml: string } | null {
    return this.changed ? { path: this.path, xml: this.xml! } : null;
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
