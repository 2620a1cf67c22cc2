/**
 * An .xlsx as the package of XML parts it is (ECMA-376 part 2), read without a spreadsheet library:
 * which sheets it holds and where, and each part's text with a French name for the part, so that a
 * part that cannot be read is named to the user. Every writer (Excel, LibreOffice, Google Sheets,
 * openpyxl, exceljs) names and links its parts its own way: only the relationships are trusted.
 * The zip stays with each edition, which hands the parts' text over as a PartReader: Node's zlib
 * offline (src/local/xlsx-archive.ts), Utilities.unzip in Apps Script (src/gas/xlsx.ts).
 */

/** The parts of an unzipped package, by their path in the zip (« xl/workbook.xml », no leading slash). */
export interface PartReader {
  has(path: string): boolean;
  /** The part's text, decoded as UTF-8; throws when it cannot be read (bad compression, bad CRC). */
  text(path: string): string;
}

export interface SheetPart {
  name: string;
  /** The part's path in the zip, e.g. « xl/worksheets/sheet3.xml ». */
  path: string;
  hidden: boolean;
}

export interface Relationship {
  id: string;
  type: string;
  /** The target as a path in the zip (resolved), or the external address. */
  target: string;
  /** The target as written in the relationships part. */
  written: string;
  external: boolean;
}

/** A part that could not be read: its French description, for the user. */
export class PartError extends Error {
  constructor(readonly part: string) {
    super(part);
    this.name = 'PartError';
  }
}

export class XlsxPackage {
  readonly sheets: SheetPart[];
  readonly date1904: boolean;
  /** The workbook part, « xl/workbook.xml » by custom. */
  readonly workbookPath: string;

  constructor(private readonly parts: PartReader) {
    this.workbookPath = this.officeDocument();
    const workbook = this.text(this.workbookPath);
    const rels = new Map(this.relationships(this.workbookPath).map((r) => [r.id, r]));
    this.date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook);
    this.sheets = [];
    for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
      const a = attributes(m[1]!);
      const rel = rels.get(a[Object.keys(a).find((k) => /(^|:)id$/.test(k) && k !== 'sheetId') ?? ''] ?? '');
      // Chart sheets and dialog sheets have no cells: skipped, as every reader does.
      if (!rel || !/\/worksheet$/.test(rel.type)) continue;
      this.sheets.push({
        name: a.name ?? '',
        path: rel.target,
        hidden: (a.state ?? 'visible') !== 'visible',
      });
    }
  }

  has(path: string): boolean {
    return this.parts.has(path);
  }

  /** A part's text; a part that is missing or cannot be read throws a PartError naming it. */
  text(path: string): string {
    if (!this.has(path)) throw new PartError(this.describe(path));
    try {
      return this.parts.text(path);
    } catch {
      throw new PartError(this.describe(path));
    }
  }

  /** The relationships of a part (xl/_rels/workbook.xml.rels for xl/workbook.xml), targets resolved. */
  relationships(source: string): Relationship[] {
    const slash = source.lastIndexOf('/');
    const folder = source.slice(0, slash + 1);
    const relsPath = `${folder}_rels/${source.slice(slash + 1)}.rels`;
    if (!this.has(relsPath)) return [];
    const xml = this.text(relsPath);
    return [...xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)].map((m) => {
      const a = attributes(m[1]!);
      const external = a.TargetMode === 'External';
      const target = a.Target ?? '';
      return {
        id: a.Id ?? '',
        type: a.Type ?? '',
        external,
        written: target,
        target: external ? target : resolvePath(folder, target),
      };
    });
  }

  /** The French name of a part, for the message that says it could not be read. */
  describe(path: string): string {
    const sheet = this.sheets?.find((s) => s.path === path);
    if (sheet) return `la feuille « ${sheet.name} » (${path})`;
    const owner = this.sheets?.find((s) => this.relationships(s.path).some((r) => r.target === path));
    const of = owner ? ` de la feuille « ${owner.name} »` : '';
    if (/comments/i.test(path)) return `les notes${of} (${path})`;
    if (/\.vml$/i.test(path)) return `la forme des notes${of} (${path})`;
    if (/sharedStrings/i.test(path)) return `les textes du classeur (${path})`;
    if (/styles/i.test(path)) return `les formats des cellules (${path})`;
    if (/workbook\.xml$/i.test(path)) return `la liste des feuilles (${path})`;
    if (/\.rels$/.test(path)) return `les liens entre les parties du classeur (${path})`;
    return `la partie ${path}`;
  }

  /** The workbook part, as the package's root relationships name it (xl/workbook.xml by custom). */
  private officeDocument(): string {
    if (!this.has('_rels/.rels')) return 'xl/workbook.xml';
    const main = this.relationships('').find((r) => /\/officeDocument$/.test(r.type));
    return main?.target ?? 'xl/workbook.xml';
  }
}

/** The attributes of a start tag, names as written (with their prefix), values decoded. */
export function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    found[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  }
  return found;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name] ?? whole;
    const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return String.fromCodePoint(code);
  });
}

/** A relationship's target from the folder of its source: « ../comments1.xml », « /xl/… ». */
export function resolvePath(folder: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : folder + target).split('/');
  const resolved: string[] = [];
  for (const part of parts) {
    if (part === '..') resolved.pop();
    else if (part !== '.' && part !== '') resolved.push(part);
  }
  return resolved.join('/');
}

/** The path of `to` relative to the folder `from` (both zip paths), as a relationship's target. */
export function relativePath(from: string, to: string): string {
  const a = from.split('/').filter(Boolean);
  const b = to.split('/');
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  return [...Array(a.length - common).fill('..'), ...b.slice(common)].join('/');
}
