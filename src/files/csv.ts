/**
 * An observation .csv as its producers write it: UTF-8 (with or without its BOM) or Windows-1252,
 * told apart by the bytes; « ; » (French spreadsheets), « , » or a tab between cells; RFC 4180 quotes.
 * Read into one sheet of text cells for core (core/observation/parse.ts reads the values, with the
 * decimal mark the separator implies). Pure, for both editions: no Node, no Apps Script (no TextDecoder).
 */
import {
  type ObservationFile,
  ObservationFileError,
  type ReadOptions,
  readObservations,
  type SheetGrid,
} from '../core/observation/parse';

// ---------------------------------------------------------------------------------------------
// Bytes → text

/** UTF-8 (with or without its BOM) when the bytes are valid UTF-8, Windows-1252 otherwise. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'UTF-8' | 'Windows-1252' } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const utf8 = decodeUtf8(bytes, start);
  return utf8 === null
    ? { text: decodeWindows1252(bytes), encoding: 'Windows-1252' }
    : { text: utf8, encoding: 'UTF-8' };
}

/** Strict UTF-8 (no TextDecoder in Apps Script): null at the first invalid sequence. */
function decodeUtf8(bytes: Uint8Array, start: number): string | null {
  const codes: number[] = [];
  let text = '';
  for (let i = start; i < bytes.length; ) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return null;
    let code = length === 1 ? b : b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return null;
      code = (code << 6) | (next & 0x3f);
    }
    if ((length === 3 && code < 0x800) || (length === 4 && (code < 0x10000 || code > 0x10ffff))) return null;
    codes.push(code);
    if (codes.length >= 4096) {
      text += String.fromCodePoint(...codes);
      codes.length = 0;
    }
    i += length;
  }
  return text + String.fromCodePoint(...codes);
}

/** Windows-1252's 0x80–0x9F (€, ’, œ, «…); the other bytes are Latin-1. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  return text;
}

// ---------------------------------------------------------------------------------------------
// Text → grid

/** The separator of the first line: « ; » (French spreadsheets), « , » or a tab, outside quotes. */
export function detectSeparator(text: string): ';' | ',' | '\t' {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts['\t'] > counts[';'] && counts['\t'] > counts[',']) return '\t';
  return counts[';'] >= counts[','] && counts[';'] > 0 ? ';' : ',';
}

/** RFC 4180 with the separator found; cells stay text (numbers are read with the file's decimal mark). */
export function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === separator) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (quoted) throw new ObservationFileError('Le fichier se termine au milieu d’un texte entre guillemets.');
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A .csv's bytes as one sheet, with how it was read. */
export function csvSheet(bytes: Uint8Array): {
  sheet: SheetGrid;
  encoding: string;
  separator: string;
  decimalComma: boolean;
} {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new ObservationFileError('Le fichier est vide.');
  if (text.includes('\u0000')) {
    throw new ObservationFileError(
      'Ce fichier n’est pas un fichier texte .csv (classeur enregistré sous un autre format ?).',
    );
  }
  const separator = detectSeparator(text);
  return {
    sheet: { name: '', grid: parseCsv(text, separator) },
    encoding,
    separator,
    // With « , » between cells, a decimal can only be written with a dot.
    decimalComma: separator !== ',',
  };
}

/** A .csv file's observations, with the encoding and separator it was read with (for the preview). */
export function readCsvObservations(
  bytes: Uint8Array,
  options: Pick<ReadOptions, 'year'> = {},
): ObservationFile & { encoding: string; separator: string } {
  const csv = csvSheet(bytes);
  const file = readObservations([csv.sheet], { ...options, decimalComma: csv.decimalComma });
  return { ...file, encoding: csv.encoding, separator: csv.separator };
}
