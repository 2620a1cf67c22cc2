import { isDate, type PlainTextApostrophe } from './core';
import { type DateParts, partsIn } from './services';

// How Sheets reads a string "typed" into a cell, and how it displays values, per spreadsheet locale.

export type CellValue = string | number | boolean | Date;

export interface LocaleRules {
  decimal: '.' | ',';
  numberPattern: RegExp;
  displayGroup: string;
  percentSuffix: string;
  dateOrder: 'DMY' | 'MDY';
  trueWords: string[];
  falseWords: string[];
  displayTrue: string;
  displayFalse: string;
}

const FR: LocaleRules = {
  decimal: ',',
  numberPattern: /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)?(?:,(\d+))?(?:[eE]([+-]?\d+))?$/,
  displayGroup: '\u202f',
  percentSuffix: '\u00a0%',
  dateOrder: 'DMY',
  trueWords: ['true', 'vrai'],
  falseWords: ['false', 'faux'],
  displayTrue: 'VRAI',
  displayFalse: 'FAUX',
};

const EN_US: LocaleRules = {
  decimal: '.',
  numberPattern: /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/,
  displayGroup: ',',
  percentSuffix: '%',
  dateOrder: 'MDY',
  trueWords: ['true'],
  falseWords: ['false'],
  displayTrue: 'TRUE',
  displayFalse: 'FALSE',
};

/** Rules for a spreadsheet locale ('fr_FR', 'fr_CA', 'en_US', 'en_GB'...); null when not modelled. */
export function localeRules(locale: string): LocaleRules | null {
  if (locale.startsWith('fr')) return FR;
  if (locale === 'en_US' || locale === 'en') return EN_US;
  if (locale.startsWith('en')) return { ...EN_US, dateOrder: 'DMY' };
  return null;
}

export type Typed = { value: CellValue; formula?: string };
export type DateFactory = (y: number, m: number, d: number, h?: number, min?: number, s?: number) => Date;

/** What a cell holds after a person types `input` (Range.setValue with a string). */
export function interpretTyped(
  input: string,
  rules: LocaleRules,
  plainText: boolean,
  makeDate: DateFactory,
  apostrophe: PlainTextApostrophe = 'stripped',
): Typed {
  if (input.startsWith("'")) return { value: plainText && apostrophe === 'kept' ? input : input.slice(1) };
  if (plainText) return { value: input };
  if (input.startsWith('=')) return { value: formulaResult(input), formula: input };
  const number = parseNumber(input, rules);
  if (number !== null) return { value: number };
  // Sheets reads a leading sign as the start of a formula: '-abc' or '+33 6' end up as #ERROR!.
  if (/^[+-]./s.test(input)) return { value: '#ERROR!', formula: `=${input}` };
  const date = parseDate(input.trim(), rules, makeDate);
  if (date) return { value: date };
  const bool = parseBoolean(input, rules);
  return { value: bool ?? input };
}

function parseBoolean(input: string, rules: LocaleRules): boolean | null {
  if (input.length > 12) return null;
  const word = input.trim().toLowerCase();
  if (rules.trueWords.includes(word)) return true;
  if (rules.falseWords.includes(word)) return false;
  return null;
}

const HYPERLINK = /^=\s*HYPERLINK\(\s*"([^"]*)"\s*(?:[;,]\s*"([^"]*)"\s*)?\)\s*$/i;

/** Formulas are not evaluated: only HYPERLINK yields its label, anything else reads as #ERROR!. */
export function formulaResult(formula: string): CellValue {
  const m = HYPERLINK.exec(formula);
  if (!m) return '#ERROR!';
  return m[2] ?? m[1] ?? '';
}

const CURRENCIES = '€$£';
const CURRENCY = `[${CURRENCIES}]`;
const TRAILING_CURRENCY = new RegExp(`\\s*${CURRENCY}$`);
const LEADING_CURRENCY = new RegExp(`^${CURRENCY}\\s*`);

function parseNumber(text: string, rules: LocaleRules): number | null {
  let s = text.trim();
  if (!/^[-+\d.,€$£]/.test(s)) return null;
  let exponentShift = 0;
  if (s.endsWith('%')) {
    exponentShift = -2;
    s = s.slice(0, -1).trim();
  } else if (CURRENCIES.includes(s[s.length - 1] ?? '')) {
    s = s.replace(TRAILING_CURRENCY, '');
  }
  const sign = s.startsWith('-') ? -1 : 1;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  if (CURRENCIES.includes(s[0] ?? '')) s = s.replace(LEADING_CURRENCY, '');
  const m = rules.numberPattern.exec(s);
  if (!m || (m[1] === undefined && m[2] === undefined)) return null;
  const digits = (m[1] ?? '0').replace(/\D/g, '');
  const exponent = Number(m[3] ?? 0) + exponentShift;
  const value = Number(`${digits}.${m[2] ?? '0'}e${exponent}`);
  return Number.isFinite(value) ? sign * value : null;
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const DAY_MONTH = /^(\d{1,2})\/(\d{1,2})$/;
const MONTH_YEAR = /^(\d{1,2})\/(\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function parseDate(s: string, rules: LocaleRules, makeDate: DateFactory): Date | null {
  if (!/^\d/.test(s)) return null;
  const n = (v: string | undefined) => Number(v ?? 0);
  let m = ISO_DATE.exec(s);
  if (m) return validDate(makeDate, n(m[1]), n(m[2]), n(m[3]), n(m[4]), n(m[5]), n(m[6]));
  m = SLASH_DATE.exec(s);
  if (m) {
    const [day, month] = rules.dateOrder === 'DMY' ? [m[1], m[2]] : [m[2], m[1]];
    return validDate(makeDate, fullYear(n(m[3]), m[3]), n(month), n(day), n(m[4]), n(m[5]), n(m[6]));
  }
  m = DAY_MONTH.exec(s);
  if (m) {
    const [day, month] = rules.dateOrder === 'DMY' ? [m[1], m[2]] : [m[2], m[1]];
    return validDate(makeDate, new Date().getFullYear(), n(month), n(day));
  }
  m = MONTH_YEAR.exec(s);
  if (m) return validDate(makeDate, n(m[2]), n(m[1]), 1);
  m = TIME.exec(s);
  if (m && n(m[2]) < 60 && n(m[3]) < 60) return makeDate(1899, 12, 30, n(m[1]), n(m[2]), n(m[3]));
  return null;
}

function fullYear(year: number, raw: string | undefined): number {
  if (raw?.length !== 2) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

function validDate(make: DateFactory, y: number, m: number, d: number, h = 0, min = 0, s = 0): Date | null {
  const daysInMonth = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth || h > 23 || min > 59 || s > 59) return null;
  return make(y, m, d, h, min, s);
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// ---------------------------------------------------------------- display

export function displayValue(
  value: CellValue | undefined,
  format: string | undefined,
  rules: LocaleRules,
  timeZone: string,
): string {
  if (value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? rules.displayTrue : rules.displayFalse;
  const fmt = format && format !== 'General' && format !== '@' ? format : undefined;
  if (isDate(value)) {
    const parts = partsIn(value, timeZone);
    return fmt && /[dmyhs]/i.test(fmt) ? formatSheetDate(parts, fmt) : defaultDate(parts, rules);
  }
  return fmt ? formatNumber(value, fmt, rules) : generalNumber(value, rules);
}

function generalNumber(n: number, rules: LocaleRules): string {
  const text = Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(10)));
  return text.replace('.', rules.decimal);
}

function formatNumber(n: number, format: string, rules: LocaleRules): string {
  const section = format.split(';')[0] ?? format;
  const m = /[#0][#0,]*(?:\.[#0]+)?|\.[#0]+/.exec(section);
  if (!m) return generalNumber(n, rules);
  const [intPattern = '', decPattern = ''] = m[0].split('.');
  const percent = section.includes('%');
  const scaled = percent ? n * 100 : n;
  let [int = '0', dec = ''] = Math.abs(scaled).toFixed(decPattern.length).split('.');
  const minDecimals = decPattern.replace(/#/g, '').length;
  while (dec.length > minDecimals && dec.endsWith('0')) dec = dec.slice(0, -1);
  if (intPattern.includes(',')) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, rules.displayGroup);
  const body = `${scaled < 0 ? '-' : ''}${literal(section.slice(0, m.index))}${int}${dec ? rules.decimal + dec : ''}`;
  const suffix = literal(section.slice(m.index + m[0].length).replace('%', ''));
  return `${body}${percent ? rules.percentSuffix : ''}${suffix}`;
}

function literal(text: string): string {
  return text.replace(/\[\$([^\]-]*)[^\]]*\]/g, '$1').replace(/["\\]/g, '');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function defaultDate(d: DateParts, rules: LocaleRules): string {
  const time = `${rules.dateOrder === 'DMY' ? pad(d.hour) : d.hour}:${pad(d.minute)}:${pad(d.second)}`;
  if (d.year === 1899 && d.month === 12 && d.day === 30) return time;
  const date =
    rules.dateOrder === 'DMY' ? `${pad(d.day)}/${pad(d.month)}/${d.year}` : `${d.month}/${d.day}/${d.year}`;
  const midnight = d.hour === 0 && d.minute === 0 && d.second === 0;
  return midnight ? date : `${date} ${time}`;
}

/** Sheets date formats: d, dd, m/mm (minutes after h or before s, months otherwise), yy, yyyy, h, hh, ss. */
function formatSheetDate(d: DateParts, format: string): string {
  const tokens = format.match(/"[^"]*"|d+|m+|y+|h+|s+|[^dmyhs"]+/gi) ?? [];
  return tokens
    .map((token, i) => {
      const kind = token[0]?.toLowerCase();
      const len = token.length;
      if (token.startsWith('"')) return token.slice(1, -1);
      if (kind === 'd') return len >= 2 ? pad(d.day) : String(d.day);
      if (kind === 'y') return len <= 2 ? pad(d.year % 100) : String(d.year);
      if (kind === 'h') return len >= 2 ? pad(d.hour) : String(d.hour);
      if (kind === 's') return pad(d.second);
      if (kind === 'm') {
        const minutes = /h/i.test(tokens[i - 2] ?? '') || /s/i.test(tokens[i + 2] ?? '');
        const n = minutes ? d.minute : d.month;
        return len >= 2 ? pad(n) : String(n);
      }
      return token;
    })
    .join('');
}
