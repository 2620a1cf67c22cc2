/**
 * Cell values as spreadsheets hand them over, and the tolerant readers that turn what people type
 * ("1 234,50 €", "12/03/2008", "oui") into typed values without ever changing the cell itself.
 */
import { frenchNumberFormat, groupDigits } from './typography';

export type CellValue = string | number | boolean | Date | null;
export type Grid = CellValue[][];

export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

export function isBlankRow(row: readonly CellValue[]): boolean {
  return row.every(isBlank);
}

/** Number of columns up to the last non-blank cell of any row. */
export function usedWidth(grid: Grid): number {
  let width = 0;
  for (const row of grid) {
    for (let i = row.length - 1; i >= width; i--) {
      if (!isBlank(row[i])) {
        width = i + 1;
        break;
      }
    }
  }
  return width;
}

/** Text as shown to a person: numbers in French, dates as dd/mm/yyyy. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return formatDateFr(value);
  if (typeof value === 'number') return formatNumberFr(value);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return value;
}

/** A number as a cell or a form field shows it: « 1 234,5 », a plain minus that reads back. */
export function formatNumberFr(n: number, maxDecimals = 2): string {
  return frenchNumberFormat(maxDecimals)
    .format(n)
    .replace(/\u202f/g, '\u00a0');
}

/** « 1 245 000 € »: what a person reads (messages, report), grouped as French print groups figures. */
export function formatEuros(n: number): string {
  return `${groupDigits(Math.round(n))}\u00a0€`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function formatDateFr(d: Date): string {
  return `${pad2(d.getDate())}/${pad2(d.getMonth() + 1)}/${d.getFullYear()}`;
}

/** ISO calendar date (yyyy-mm-dd) of a local date: what crosses google.script.run. */
export function toIsoDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** A local date and time as records carry it (as the sheet shows it): 2008-03-12T14:05:00. */
export function toIsoDateTime(d: Date): string {
  return `${toIsoDate(d)}T${d.toTimeString().slice(0, 8)}`;
}

/** The year of an ISO date (« 2008-03-14 » → 2008). */
export function isoYear(iso: string): number {
  return Number(iso.slice(0, 4));
}

export function fromIsoDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) return null;
  return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function validDate(y: number, m: number, d: number): Date | null {
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
}

export type Parsed<T> = { ok: true; value: T; typedAsText: boolean } | { ok: false };
const ok = <T>(value: T, typedAsText = false): Parsed<T> => ({ ok: true, value, typedAsText });
const fail = { ok: false } as const;

/** Reads a number, accepting French text such as "1 234,50 €", "12 %" or "-3,5". */
export function readNumber(value: CellValue): Parsed<number> {
  if (typeof value === 'number') return Number.isFinite(value) ? ok(value) : fail;
  if (typeof value !== 'string') return fail;
  const n = parseFrenchNumber(value);
  return n === null ? fail : ok(n, true);
}

export function parseFrenchNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '').replace(/€|EUR$/i, '');
  // "12 %" is read as 12: percentages are stored in points, as the indicators' unit says.
  const body = compact.endsWith('%') ? compact.slice(0, -1) : compact;
  if (!/^[-+]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$|^[-+]?\d*[.,]\d+$/.test(body)) return null;
  // A dot is a thousands separator in French ("1.234"), unless it is the only separator of a decimal ("1.5").
  const dotThousands = /,/.test(body) || /^[-+]?\d{1,3}(\.\d{3})+$/.test(body);
  const normalised = dotThousands ? body.replace(/\./g, '').replace(',', '.') : body;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

/** Reads a date from a Date cell or from text typed as dd/mm/yyyy or yyyy-mm-dd. */
export function readDate(value: CellValue): Parsed<Date> {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? fail : ok(value);
  if (typeof value !== 'string') return fail;
  const text = value.trim();
  const iso = fromIsoDate(text);
  if (iso) return ok(iso, true);
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!fr) return fail;
  const d = validDate(Number(fr[3]), Number(fr[2]), Number(fr[1]));
  return d ? ok(d, true) : fail;
}

const TRUE_WORDS = new Set(['oui', 'vrai', 'true', 'x', 'o', '1']);
const FALSE_WORDS = new Set(['non', 'faux', 'false', 'n', '0', '']);

/** Reads a checkbox, accepting oui/non, vrai/faux and x typed by hand. */
export function readBoolean(value: CellValue): Parsed<boolean> {
  if (typeof value === 'boolean') return ok(value);
  if (value === null) return ok(false);
  if (typeof value === 'number' && (value === 0 || value === 1)) return ok(value === 1, true);
  if (typeof value !== 'string') return fail;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true, word !== '');
  if (FALSE_WORDS.has(word)) return ok(false, word !== '');
  return fail;
}

/** Lower case, no accents, single spaces: to compare what people type with the canonical text. */
export function normaliseKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/Œ/g, 'OE')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** normaliseKey without any space: how codes are compared (« ru 1 » is RU1). */
export function codeKey(text: string): string {
  return normaliseKey(text).replace(/\s/g, '');
}

export const TEXT_FORMAT = '@';
const DATE_FORMAT = 'dd/mm/yyyy';
const DATETIME_FORMAT = 'dd/mm/yyyy hh:mm';
const isDateFormat = (format: string) => /d/i.test(format) && /y/i.test(format);

/**
 * The number formats to give cells in the same batch as their values: the one rule of the add-on for
 * writing text. A spreadsheet reads a string as typed (« 0123 » → 123, « =x » → a formula, « 12/03 » → a
 * date) unless its cell is formatted as plain text (@), and whether a leading apostrophe then stays as
 * a visible character is not settled: so text goes in as is, never with an apostrophe, into a cell
 * formatted @. Other values keep the cell's format, unless it is @ or, for a date, not a date format:
 * then the column's own format (`columnFormats`, by column of the block) or a plain default.
 */
export function formatsForWrite(
  values: readonly (readonly CellValue[])[],
  current: readonly (readonly string[])[],
  columnFormats: readonly (string | null)[] = [],
): string[][] {
  return values.map((row, r) =>
    row.map((value, c) => {
      const format = current[r]?.[c] ?? '';
      const own = columnFormats[c] ?? null;
      if (typeof value === 'string') return value === '' ? format : TEXT_FORMAT;
      if (value instanceof Date) {
        if (isDateFormat(format)) return format;
        if (own && isDateFormat(own)) return own;
        return value.getHours() || value.getMinutes() ? DATETIME_FORMAT : DATE_FORMAT;
      }
      if (value === null || format !== TEXT_FORMAT) return format;
      return own && own !== TEXT_FORMAT ? own : 'General';
    }),
  );
}
