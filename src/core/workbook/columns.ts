/**
 * How a column is described: its type, format, width, dropdown and note, and the names every sheet goes
 * by.
 */

export type ColumnType =
  | 'id'
  | 'text'
  | 'longtext'
  | 'code'
  | 'codes'
  | 'choice'
  | 'number'
  | 'integer'
  | 'money'
  | 'year'
  | 'date'
  | 'datetime'
  | 'boolean'
  /** Paramètres values: text, dates or numbers, so no forced format. */
  | 'mixed';

export type Dropdown =
  | { kind: 'list'; values: string[] }
  | { kind: 'checkbox' }
  /** The values of another sheet's column, so that new territories or indicators appear at once. */
  | { kind: 'column'; sheet: SheetRole; column: string };

export interface ColumnSpec {
  key: string;
  header: string;
  type: ColumnType;
  required: boolean;
  width: number;
  note: string;
  dropdown?: Dropdown;
}

export type SheetRole =
  | 'settings'
  | 'referentiel'
  | 'territories'
  | 'funders'
  | 'actions'
  | 'indicators'
  | 'measures'
  | 'opinions'
  | 'decisions'
  | 'closings'
  | 'journal'
  | 'checks';

export interface SheetSpec {
  /** Stable key: the role, or `actions:CODE` for a domain sheet. */
  key: string;
  name: string;
  role: SheetRole;
  domain?: string;
  columns: ColumnSpec[];
  tabColor: string;
  /** The Journal is append-only: the whole sheet warns before a hand edit. */
  protectWholeSheet: boolean;
}

export interface FunderColumnSource {
  code: string;
  name: string;
}

export const SHEET_NAMES = {
  settings: 'Paramètres',
  referentiel: 'Référentiel',
  territories: 'Territoires',
  funders: 'Financeurs',
  indicators: 'Indicateurs',
  measures: 'Mesures',
  opinions: 'Avis',
  decisions: 'Décisions',
  closings: 'Clôtures',
  journal: 'Journal',
  checks: 'Contrôles',
} as const;

export const NUMBER_FORMATS: Record<ColumnType, string | null> = {
  id: '@',
  text: '@',
  longtext: '@',
  code: '@',
  codes: '@',
  choice: '@',
  number: null,
  integer: '#,##0',
  money: '#,##0.00 "€"',
  year: '0',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
  boolean: null,
  mixed: null,
};

const WIDTHS: Record<ColumnType, number> = {
  id: 90,
  text: 180,
  longtext: 280,
  code: 220,
  codes: 160,
  choice: 120,
  number: 100,
  integer: 100,
  money: 120,
  year: 70,
  date: 100,
  datetime: 130,
  boolean: 90,
  mixed: 320,
};

export function col(
  key: string,
  header: string,
  type: ColumnType,
  note: string,
  extra: { required?: boolean; dropdown?: Dropdown; width?: number } = {},
): ColumnSpec {
  return {
    key,
    header,
    type,
    note,
    required: extra.required ?? false,
    width: extra.width ?? WIDTHS[type],
    ...(extra.dropdown ? { dropdown: extra.dropdown } : {}),
  };
}

export const list = (values: readonly string[]): Dropdown => ({ kind: 'list', values: [...values] });
export const CHECKBOX: Dropdown = { kind: 'checkbox' };

/** "RU1 — Améliorer …": what dropdowns show and cells hold; the code before the dash is what counts. */
export const CODE_SEPARATOR = ' — ';
export function codeLabel(code: string, label: string): string {
  return `${code}${CODE_SEPARATOR}${label}`;
}

export function funderHeader(code: string): string {
  return `Financement ${code} (€)`;
}
export function funderCodeOfHeader(header: string): string | null {
  const m = /^Financement (.+) \(€\)$/.exec(header.trim());
  return m ? m[1]!.trim() : null;
}
export const FUNDER_KEY_PREFIX = 'funder:';
