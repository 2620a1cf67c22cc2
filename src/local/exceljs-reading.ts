/**
 * Loading a user's .xlsx into exceljs, whichever tool wrote it: the part names exceljs 4 expects
 * (it finds notes only where Excel and LibreOffice put them) and the reading steps it goes through,
 * so that a part it cannot read is named to the user.
 */
import type { Workbook } from 'exceljs';
import { PartError, type Relationship, relativePath } from '../files/xlsx-package';
import type { XlsxArchive } from './xlsx-archive';
import { writeZip } from './zip';

/**
 * exceljs 4 finds a sheet's notes only under the names Excel and LibreOffice give them
 * (xl/commentsN.xml, xl/drawings/vmlDrawingN.vml, linked as « ../commentsN.xml »; exceljs issue #2797)
 * and reads the 1904 date system only when written « 1 »; it fails on the names openpyxl and others
 * use. This gives exceljs the same package with those parts renamed and relinked as it expects, or
 * the file's own bytes when nothing needs it. A note shape drawing (VML) that does not match the notes
 * one for one is left out: exceljs pairs them by position and draws its own on writing.
 */
export function packageForExceljs(pkg: XlsxArchive): Buffer {
  const renamed = new Map<string, string>();
  const dropped = new Set<string>();
  const rewritten = new Map<string, string>();
  for (const sheet of pkg.sheets) {
    const n = /(?:^|\/)sheet(\d+)\.xml$/.exec(sheet.path)?.[1];
    const rels = pkg.relationships(sheet.path);
    if (n === undefined || !rels.some((r) => /\/(comments|vmlDrawing)$/.test(r.type))) continue;
    const notes = rels.find((r) => /\/comments$/.test(r.type) && pkg.has(r.target));
    const noteCount = notes ? count(pkg.text(notes.target), /<(?:\w+:)?comment\b/g) : 0;
    const written = rels.map((r) => r.written);
    if (notes) {
      const text = pkg.text(notes.target);
      const runs = plainNotesAsRuns(text);
      if (runs !== text) rewritten.set(notes.target, runs);
    }
    const kept = rels.filter((rel) => {
      if (/\/comments$/.test(rel.type)) return move(rel, `xl/comments${n}.xml`);
      if (!/\/vmlDrawing$/.test(rel.type)) return true;
      const shapes = pkg.has(rel.target)
        ? count(pkg.text(rel.target), /<(?:\w+:)?ClientData\b[^>]*ObjectType=["']Note["']/g)
        : -1;
      if (shapes === noteCount) return move(rel, `xl/drawings/vmlDrawing${n}.vml`);
      dropped.add(rel.target);
      return false;
    });
    if (kept.length !== rels.length || kept.some((r, i) => r.written !== written[i])) {
      rewritten.set(relsPathOf(sheet.path), relationshipsXml(sheet.path, kept));
    }
  }
  const workbook = pkg.text(pkg.workbookPath);
  const date1904 = workbook.replace(/(<(?:\w+:)?workbookPr\b[^>]*\bdate1904=)"true"/, '$1"1"');
  if (date1904 !== workbook) rewritten.set(pkg.workbookPath, date1904);
  if (renamed.size === 0 && dropped.size === 0 && rewritten.size === 0) return pkg.data;
  const parts: [string, Buffer | string][] = [];
  for (const name of pkg.entries.keys()) {
    if (dropped.has(name) || (pkg.entries.get(name)!.compressedSize === 0 && name.endsWith('/'))) continue;
    const target = renamed.get(name) ?? name;
    // A part already bearing a name given to another is replaced by it.
    if (!renamed.has(name) && [...renamed.values()].includes(name)) continue;
    parts.push([target, rewritten.get(name) ?? pkg.bytes(name)]);
  }
  return writeZip(parts, true);

  function move(rel: Relationship, canonical: string): true {
    if (pkg.has(rel.target) && rel.target !== canonical) renamed.set(rel.target, canonical);
    rel.target = canonical;
    rel.written = relativePath('xl/worksheets', canonical);
    return true;
  }
}

/** A note's text written as one bare <t> (openpyxl, Google Sheets) as the one run exceljs reads. */
function plainNotesAsRuns(xml: string): string {
  return xml.replace(/<text>\s*<t(\b[^>]*)>([\s\S]*?)<\/t>\s*<\/text>/g, '<text><r><t$1>$2</t></r></text>');
}

function count(text: string, pattern: RegExp): number {
  return [...text.matchAll(pattern)].length;
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function relationshipsXml(source: string, rels: Relationship[]): string {
  const folder = source.slice(0, source.lastIndexOf('/'));
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const items = rels.map((r) => {
    const target = r.external ? r.target : relativePath(folder, r.target);
    const mode = r.external ? ' TargetMode="External"' : '';
    return `<Relationship Id="${attr(r.id)}" Type="${attr(r.type)}" Target="${attr(target)}"${mode}/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join('')}</Relationships>`;
}

/** The exceljs reading steps that name the part they read, and how to name it from their arguments. */
const READING_STEPS: Record<string, (args: unknown[]) => string> = {
  _processWorksheetEntry: (a) => String(a[4]),
  _processWorksheetRelsEntry: (a) => `xl/worksheets/_rels/sheet${a[2]}.xml.rels`,
  _processCommentEntry: (a) => `xl/${a[2]}.xml`,
  _processVmlDrawingEntry: (a) => `xl/drawings/${a[2]}.vml`,
  _processDrawingEntry: (a) => `xl/drawings/${a[2]}.xml`,
  _processDrawingRelsEntry: (a) => `xl/drawings/_rels/${a[2]}.xml.rels`,
  _processTableEntry: (a) => `xl/tables/${a[2]}.xml`,
  parseWorkbook: () => 'xl/workbook.xml',
  reconcile: () => 'xl/_rels/workbook.xml.rels',
};

/**
 * Loads a package into an exceljs workbook; a failure names the part exceljs was reading (a
 * PartError), or throws a PartError for the whole package when it was reading none of those.
 */
export async function loadNamingParts(workbook: Workbook, pkg: XlsxArchive): Promise<void> {
  const xlsx = workbook.xlsx as unknown as Record<string, (...args: unknown[]) => unknown>;
  let reading = '';
  for (const [step, partOf] of Object.entries(READING_STEPS)) {
    const original = xlsx[step]!;
    // Some steps are synchronous (reconcile): a step stays what it was.
    xlsx[step] = function (this: unknown, ...args: unknown[]) {
      reading = partOf(args);
      const result = original.apply(this, args);
      if (!(result instanceof Promise)) return result;
      return result.then((value) => {
        reading = '';
        return value;
      });
    };
  }
  try {
    await workbook.xlsx.load(packageForExceljs(pkg) as unknown as ArrayBuffer);
  } catch (error) {
    if (error instanceof PartError) throw error;
    throw new PartError(reading ? pkg.describe(reading) : 'l’une de ses parties');
  }
  // exceljs skips a worksheet whose part it does not recognise by its name: written back, the
  // workbook would lose it.
  const loaded = new Set(workbook.worksheets.map((s) => s.name));
  const skipped = pkg.sheets.find((s) => !loaded.has(s.name));
  if (skipped) throw new PartError(pkg.describe(skipped.path));
}
