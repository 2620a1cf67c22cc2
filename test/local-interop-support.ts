/**
 * For the interop tests: .xlsx files edited at the XML level to reproduce what other writers store
 * (Google Sheets' export, Excel), the second reader (openpyxl, Debian's python3-openpyxl under
 * /usr/bin/python3) and the check that a sheet's ranges never overlap.
 */
import { execFileSync } from 'node:child_process';
import { entryBytes, writeZip, zipEntries } from '../src/local/zip';

/** The parts of an .xlsx, by name, as text (every part these tests touch is XML). */
export function parts(data: Buffer): Map<string, string> {
  return new Map(zipEntries(data).map((e) => [e.name, entryBytes(data, e).toString('utf8')]));
}

export function zipOf(files: Map<string, string>): Buffer {
  return writeZip(files);
}

const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;

export function sheetParts(files: Map<string, string>): string[] {
  return [...files.keys()].filter((name) => SHEET.test(name));
}

/** Shared strings written inline in their cells (t="inlineStr"), the shared strings part removed. */
export function inlineStrings(files: Map<string, string>): void {
  const items = [...(files.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
    (m) => m[1],
  );
  for (const name of sheetParts(files)) {
    files.set(
      name,
      files
        .get(name)!
        .replace(
          /<c ([^>]*?)t="s"([^>]*)><v>(\d+)<\/v><\/c>/g,
          (_, before, after, n) => `<c ${before}t="inlineStr"${after}><is>${items[Number(n)]}</is></c>`,
        ),
    );
  }
  files.delete('xl/sharedStrings.xml');
  files.set(
    'xl/_rels/workbook.xml.rels',
    files.get('xl/_rels/workbook.xml.rels')!.replace(/<Relationship [^>]*sharedStrings[^>]*\/>/, ''),
  );
  files.set(
    '[Content_Types].xml',
    files.get('[Content_Types].xml')!.replace(/<Override [^>]*sharedStrings[^>]*\/>/, ''),
  );
}

/** No <dimension> tag: it is optional, and some writers leave it out. */
export function withoutDimension(files: Map<string, string>): void {
  for (const name of sheetParts(files)) files.set(name, files.get(name)!.replace(/<dimension [^>]*\/>/, ''));
}

/** Notes as Google Sheets writes them: bare text, targets from the root, no VML shapes. */
export function notesAsGoogle(files: Map<string, string>): void {
  for (const name of [...files.keys()]) {
    if (/^xl\/comments\d+\.xml$/.test(name)) {
      files.set(
        name,
        files.get(name)!.replace(/<text>[\s\S]*?<\/text>/g, (text) => {
          const plain = [...text.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => m[1]).join('');
          return `<text><t xml:space="preserve">${plain}</t></text>`;
        }),
      );
    }
    if (/^xl\/drawings\/vmlDrawing\d+\.vml$/.test(name)) files.delete(name);
    if (/^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/.test(name)) {
      files.set(
        name,
        files
          .get(name)!
          .replace(/<Relationship [^>]*vmlDrawing[^>]*\/>/g, '')
          .replace(/Target="\.\.\/comments(\d+)\.xml"/g, 'Target="/xl/comments$1.xml"'),
      );
    }
  }
  for (const name of sheetParts(files))
    files.set(name, files.get(name)!.replace(/<legacyDrawing [^>]*\/>/, ''));
}

/** The 1904 date system (old Excel for Mac): the flag set, every date serial moved by 1,462 days. */
export function dates1904(files: Map<string, string>, flag = '1'): void {
  files.set(
    'xl/workbook.xml',
    files.get('xl/workbook.xml')!.replace('<workbookPr ', `<workbookPr date1904="${flag}" `),
  );
  const styles = files.get('xl/styles.xml')!;
  const dateFormats = new Set(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)]
      .filter((m) => /yy/.test(m[2]!))
      .map((m) => m[1]),
  );
  const cellXfs = /<cellXfs[\s\S]*?<\/cellXfs>/.exec(styles)![0];
  const dateStyles = new Set<string>();
  [...cellXfs.matchAll(/<xf numFmtId="(\d+)"/g)].forEach((m, i) => {
    if (dateFormats.has(m[1])) dateStyles.add(String(i));
  });
  for (const name of sheetParts(files)) {
    files.set(
      name,
      files
        .get(name)!
        .replace(/<c ([^>]*?)s="(\d+)"([^>]*)><v>([\d.]+)<\/v><\/c>/g, (cell, before, s, after, v) =>
          dateStyles.has(s) && !/t="/.test(before + after)
            ? `<c ${before}s="${s}"${after}><v>${Number(v) - 1462}</v></c>`
            : cell,
        ),
    );
  }
}

/**
 * Numbers of a column turned into formulas with their cached result, as Excel saves them: the first
 * one a shared formula, the next ones referring to it.
 */
export function numbersAsFormulas(files: Map<string, string>, sheet: string, column: string): void {
  let first: string | null = null;
  files.set(
    sheet,
    files
      .get(sheet)!
      .replace(
        new RegExp(`<c r="(${column}(\\d+))"([^>]*)><v>([\\d.]+)</v></c>`, 'g'),
        (cell, ref, row, attrs, v) => {
          if (/t="/.test(attrs) || row === '1') return cell;
          if (first === null) {
            first = ref;
            return `<c r="${ref}"${attrs}><f t="shared" ref="${ref}:${column}100000" si="0">${v}+0*ROW()</f><v>${v}</v></c>`;
          }
          return `<c r="${ref}"${attrs}><f t="shared" si="0"/><v>${v}</v></c>`;
        },
      ),
  );
}

export const PYTHON = '/usr/bin/python3';

/** Loads each file with openpyxl, every warning an error; returns what it printed per file. */
export function openpyxlLoads(paths: string[]): string {
  const script = `
import sys, warnings
warnings.simplefilter('error')
import openpyxl
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    rules = sum(len(ws.data_validations.dataValidation) for ws in wb.worksheets)
    print(path.rsplit('/', 1)[-1], len(wb.sheetnames), rules)
`;
  return execFileSync(PYTHON, ['-c', script, ...paths], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs a Python snippet with openpyxl; the snippet gets sys.argv[1:]. */
export function openpyxl(script: string, args: string[]): string {
  return execFileSync(PYTHON, ['-c', `import sys, openpyxl\n${script}`, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function area(ref: string): Area {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref);
  if (!m) throw new Error(`not a range: ${ref}`);
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const top = Number(m[2]);
  const left = col(m[1]!);
  return { top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? col(m[3]) : left };
}

const meet = (a: Area, b: Area) =>
  a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

function overlapping(refs: string[]): string[] {
  const found: string[] = [];
  refs.forEach((a, i) => {
    for (const b of refs.slice(i + 1)) if (meet(area(a), area(b))) found.push(`${a} ∩ ${b}`);
  });
  return found;
}

/**
 * The overlapping ranges of every sheet of a file: between all its data validations, within each
 * conditional format, between its merged ranges. Empty for a file Excel opens without « repairing ».
 */
export function overlaps(data: Buffer): string[] {
  const files = parts(data);
  const found: string[] = [];
  for (const name of sheetParts(files)) {
    const xml = files.get(name)!;
    const validations = [...xml.matchAll(/<dataValidation\b[^>]*\bsqref="([^"]+)"/g)].flatMap((m) =>
      m[1]!.split(' '),
    );
    const merges = [...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]!);
    const formats = [...xml.matchAll(/<conditionalFormatting\b[^>]*\bsqref="([^"]+)"/g)].map((m) =>
      m[1]!.split(' '),
    );
    for (const o of overlapping(validations)) found.push(`${name} validations ${o}`);
    for (const o of overlapping(merges)) found.push(`${name} fusions ${o}`);
    for (const refs of formats) for (const o of overlapping(refs)) found.push(`${name} mise en forme ${o}`);
  }
  return found;
}

/** A sheet's rules as written: validations, conditional formats, merges (to compare two writes). */
export function rulesOf(data: Buffer): string {
  const files = parts(data);
  return sheetParts(files)
    .sort()
    .map((name) => {
      const xml = files.get(name)!;
      const pick = (re: RegExp) => [...xml.matchAll(re)].map((m) => m[0]).join('\n');
      return [
        name,
        pick(/<dataValidation\b[\s\S]*?<\/dataValidation>/g),
        pick(/<conditionalFormatting\b[\s\S]*?<\/conditionalFormatting>/g),
        pick(/<mergeCell [^>]*\/>/g),
      ].join('\n');
    })
    .join('\n');
}
