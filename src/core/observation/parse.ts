/**
 * Observation files as the producers publish them (INSEE, CAF, France Travail…), read into one list of
 * values: the long layout (one value a line: territoire, indicateur, année, valeur) and INSEE's wide
 * layout (one line a territory, one column a variable, title lines above the header, a sheet of
 * variables). Pure: the grids of a .csv or an .xlsx, read by src/files (csv.ts, xlsx-grids.ts).
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
