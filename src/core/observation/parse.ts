/**
 * Observation files as the producers publish them (INSEE, CAF, France Travail…), read into one list of
 * values: the long layout (one value a line: territoire, indicateur, année, valeur) and INSEE's wide
 * layout (one line a territory, one column a variable, title lines above the header, a sheet of
 * variables). Pure: the bytes of a .csv, or the grids of an .xlsx read by the edition.
 */
import { type CellValue, cellText, type Grid, normaliseKey, parseFrenchNumber } from '../cells';
import type { MeasureMarker } from './vocabulary';

/** A file the import cannot read: its French message, nothing is written. */
export class ObservationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ObservationFileError';
  }
}

export interface Observation {
  /** The territory's code in the file (code INSEE, code du quartier…). */
  territory: string;
  variable: string;
  year: number;
  value: number | null;
  /** A value the file marks as secret or unavailable. */
  marker: MeasureMarker | '';
  /** Where it was read: « ligne 12 » or « feuille Données, ligne 12, colonne TX_CHOM ». */
  place: string;
}

export interface ObservationFile {
  layout: 'long' | 'wide';
  observations: Observation[];
  /** Variable → its label, from the file's variables sheet or label line, when there is one. */
  labels: Map<string, string>;
  /** Cells the import cannot read as a value nor as a marker (text, dates…), with their place. */
  unreadable: { place: string; text: string }[];
  /** Cells left empty: no value, no measure. */
  empty: number;
}

export interface SheetGrid {
  name: string;
  grid: Grid;
}

// ---------------------------------------------------------------------------------------------
// Bytes → text

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes the dialog sends as base64 (google.script.run carries only JSON). */
export function base64Bytes(text: string): Uint8Array {
  const clean = text.replace(/[\s=]/g, '');
  if (/[^A-Za-z0-9+/]/.test(clean))
    throw new ObservationFileError('Le fichier reçu est illisible : recommencez l’envoi.');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let n = 0;
  for (const ch of clean) {
    buffer = (buffer << 6) | BASE64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[n++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, n);
}

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

// ---------------------------------------------------------------------------------------------
// Grids → observations

const ALIASES = {
  territory: [
    'codgeo',
    'code geographique',
    'code territoire',
    'territoire',
    'code',
    'code quartier',
    'depcom',
    'code commune',
  ],
  variable: ['indicateur', 'variable', 'code indicateur', 'var_id', 'code variable'],
  year: ['annee', 'millesime', 'an', 'year'],
  value: ['valeur', 'value', 'val'],
  label: ['libelle', 'var_lib', 'libelle de la variable', 'intitule'],
} as const;

type Role = keyof typeof ALIASES;

function roleOf(header: CellValue): Role | null {
  const key = normaliseKey(cellText(header));
  for (const role of Object.keys(ALIASES) as Role[]) {
    if ((ALIASES[role] as readonly string[]).includes(key)) return role;
  }
  return null;
}

function headerRoles(row: readonly CellValue[]): Map<Role, number> {
  const roles = new Map<Role, number>();
  row.forEach((cell, i) => {
    const role = roleOf(cell);
    if (role && !roles.has(role)) roles.set(role, i);
  });
  return roles;
}

/** Title lines come first in INSEE files: the header is the first line naming a territory column. */
function findHeader(grid: Grid): number {
  const limit = Math.min(grid.length, 30);
  for (let r = 0; r < limit; r++) {
    const roles = headerRoles(grid[r]!);
    const filled = grid[r]!.filter((c) => cellText(c).trim() !== '').length;
    if (roles.has('territory') && filled >= 2) return r;
  }
  return -1;
}

/** A sheet that lists the variables (VAR_ID, VAR_LIB): their labels, for the preview. */
function variableLabels(sheets: readonly SheetGrid[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const { grid } of sheets) {
    for (let r = 0; r < Math.min(grid.length, 10); r++) {
      const roles = headerRoles(grid[r]!);
      const variable = roles.get('variable');
      const label = roles.get('label');
      if (variable === undefined || label === undefined || roles.has('territory')) continue;
      for (const line of grid.slice(r + 1)) {
        const code = cellText(line[variable]).trim();
        if (code) labels.set(code, cellText(line[label]).trim());
      }
      break;
    }
  }
  return labels;
}

export interface ReadOptions {
  /** The year of a wide file whose variables do not say it. */
  year?: number;
  /** Whether text numbers use a decimal comma (« 12,5 »); a .csv separated by « , » uses a dot. */
  decimalComma?: boolean;
}

const MARKERS: Record<string, MeasureMarker> = {
  s: 'secret statistique',
  secret: 'secret statistique',
  'secret statistique': 'secret statistique',
  nd: 'non disponible',
  'n.d.': 'non disponible',
  'n.d': 'non disponible',
  'non disponible': 'non disponible',
  na: 'non disponible',
};

type CellReading =
  | { value: number; marker: '' }
  | { value: null; marker: MeasureMarker }
  | 'empty'
  | 'unreadable';

export function readObservationValue(cell: CellValue | undefined, decimalComma = true): CellReading {
  if (typeof cell === 'number') return Number.isFinite(cell) ? { value: cell, marker: '' } : 'unreadable';
  const text = cellText(cell).trim();
  if (text === '') return 'empty';
  const marker = MARKERS[normaliseKey(text)];
  if (marker) return { value: null, marker };
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  const n = decimalComma
    ? parseFrenchNumber(text)
    : /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?%?$/i.test(compact)
      ? Number(compact.replace('%', ''))
      : null;
  return n === null || !Number.isFinite(n) ? 'unreadable' : { value: n, marker: '' };
}

/** « P06_POP » and « C19_ACT1564 » carry their year (2006, 2019): INSEE's naming. */
export function yearOfVariable(variable: string): number | null {
  const m = /^[A-Z]{1,4}(\d{2})_/i.exec(variable.trim());
  if (!m) return null;
  const yy = Number(m[1]);
  return yy >= 70 ? 1900 + yy : 2000 + yy;
}

function readYear(cell: CellValue | undefined): number | null {
  const n = typeof cell === 'number' ? cell : Number(cellText(cell).trim());
  return Number.isInteger(n) && n >= 1900 && n <= 2100 ? n : null;
}

const placeOf = (sheet: string, row: number, column?: string) =>
  [sheet ? `feuille ${sheet}` : '', `ligne ${row}`, column ? `colonne ${column}` : '']
    .filter(Boolean)
    .join(', ');

/** The observations of a file's sheets: the first sheet with a header line holds the data. */
export function readObservations(sheets: readonly SheetGrid[], options: ReadOptions = {}): ObservationFile {
  const data = sheets.map((s) => ({ sheet: s, header: findHeader(s.grid) })).find((s) => s.header >= 0);
  if (!data) {
    throw new ObservationFileError(
      'Aucune ligne d’en-tête reconnue : le fichier doit avoir une colonne de codes de territoire (CODGEO, « Code », « Territoire ») et soit une colonne par variable (format large de l’INSEE), soit les colonnes Indicateur, Année et Valeur (format long).',
    );
  }
  const { sheet, header } = data;
  const roles = headerRoles(sheet.grid[header]!);
  const labels = variableLabels(sheets.filter((s) => s !== sheet));
  const file: ObservationFile = { layout: 'long', observations: [], labels, unreadable: [], empty: 0 };
  if (roles.has('variable') && roles.has('value')) readLong(sheet, header, roles, options, file);
  else readWide(sheet, header, roles, options, file);
  if (file.observations.length === 0 && file.unreadable.length === 0) {
    throw new ObservationFileError('Le fichier ne contient aucune valeur sous sa ligne d’en-tête.');
  }
  return file;
}

function readLong(
  sheet: SheetGrid,
  header: number,
  roles: Map<Role, number>,
  options: ReadOptions,
  file: ObservationFile,
): void {
  const at = (role: Role) => roles.get(role)!;
  if (!roles.has('year') && options.year === undefined) {
    throw new ObservationFileError('Le fichier n’a pas de colonne Année : précisez l’année des valeurs.');
  }
  sheet.grid.slice(header + 1).forEach((line, i) => {
    const row = header + i + 2;
    const territory = cellText(line[at('territory')]).trim();
    const variable = cellText(line[at('variable')]).trim();
    if (!territory && !variable) return;
    const place = placeOf(sheet.name, row);
    const year = roles.has('year') ? readYear(line[at('year')]) : (options.year ?? null);
    if (!territory || !variable || year === null) {
      const missing = !territory ? 'territoire' : !variable ? 'indicateur' : 'année';
      file.unreadable.push({ place, text: `${missing} manquant ou illisible` });
      return;
    }
    addValue(file, { territory, variable, year, place }, line[at('value')], options);
  });
  file.layout = 'long';
}

function readWide(
  sheet: SheetGrid,
  header: number,
  roles: Map<Role, number>,
  options: ReadOptions,
  file: ObservationFile,
): void {
  const headerRow = sheet.grid[header]!;
  const skipped = new Set([...roles.entries()].filter(([role]) => role !== 'value').map(([, i]) => i));
  // INSEE's label column (LIBGEO) and any other text column that names the territory are not variables.
  const variables = headerRow.flatMap((cell, i) => {
    const name = cellText(cell).trim();
    return name && !skipped.has(i) && !/^lib/i.test(name) ? [{ name, index: i }] : [];
  });
  if (variables.length === 0) {
    throw new ObservationFileError(
      'La ligne d’en-tête ne nomme aucune variable après la colonne des territoires.',
    );
  }
  const yearColumn = roles.get('year');
  const missingYear = variables.find((v) => yearOfVariable(v.name) === null);
  if (yearColumn === undefined && options.year === undefined && missingYear) {
    throw new ObservationFileError(
      `L’année de la variable « ${missingYear.name} » n’est pas dans son nom (comme P19_POP pour 2019) : précisez l’année des valeurs.`,
    );
  }
  sheet.grid.slice(header + 1).forEach((line, i) => {
    const row = header + i + 2;
    const territory = cellText(line[roles.get('territory')!]).trim();
    if (!territory) return;
    const rowYear = yearColumn === undefined ? null : readYear(line[yearColumn]);
    for (const v of variables) {
      const year = options.year ?? rowYear ?? yearOfVariable(v.name);
      const place = placeOf(sheet.name, row, v.name);
      if (year === null) {
        file.unreadable.push({ place, text: 'année illisible' });
        continue;
      }
      addValue(file, { territory, variable: v.name, year, place }, line[v.index], options);
    }
  });
  file.layout = 'wide';
}

function addValue(
  file: ObservationFile,
  key: Pick<Observation, 'territory' | 'variable' | 'year' | 'place'>,
  cell: CellValue | undefined,
  options: ReadOptions,
): void {
  const reading = readObservationValue(cell, options.decimalComma ?? true);
  if (reading === 'empty') file.empty++;
  else if (reading === 'unreadable') file.unreadable.push({ place: key.place, text: cellText(cell) });
  else file.observations.push({ ...key, ...reading });
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
