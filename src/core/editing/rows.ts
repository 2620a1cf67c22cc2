/**
 * Finding the row a save overwrites, its version (to refuse a row changed since it was loaded), and the
 * cells a save may write.
 */

import { type CellValue, cellText, formatNumberFr, toIsoDateTime } from '../cells';
import type { JournalEntry } from '../journal';
import { columnLetter } from '../problems';
import type { Action } from '../schemas';
import { changedCells, funderColumns, type OwnCell, type Table, type TableRow } from '../table';
import { FUNDER_KEY_PREFIX } from '../workbook';
import type { Origin } from './requests';

// ------------------------------------------------------------------ row versions and conflicts

/** FNV-1a, 32 bits: a short fingerprint, enough to tell that a row changed. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function canonicalCell(value: CellValue | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date) return `d${value.getTime()}`;
  return `${(typeof value)[0]}${String(value)}`;
}

/**
 * The version of an action row: a fingerprint of the module's columns taken by key (so moving a
 * column does not count as a change), funder columns included; the user's own columns are ignored.
 */
export function rowVersion(table: Pick<Table, 'mapping'>, raw: readonly CellValue[]): string {
  const cells = new Map<string, number>(table.mapping.index);
  for (const [code, index] of funderColumns(table.mapping)) cells.set(`${FUNDER_KEY_PREFIX}${code}`, index);
  const text = [...cells.keys()]
    .sort()
    .map((key) => `${key}=${canonicalCell(raw[cells.get(key)!])}`)
    .join('\u001f');
  return `${fnv1a(text)}-${text.length.toString(36)}`;
}

function formatStamp(updatedAt: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(updatedAt);
  if (!m) return updatedAt;
  return `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` à ${m[4]} h ${m[5]}` : ''}`;
}

/** How messages name a kind of record: « L’action RU-003 est introuvable », « Cette action a été modifiée ». */
export interface RecordNoun {
  the: string;
  this: string;
}
export const ACTION_NOUN: RecordNoun = { the: 'L’action', this: 'Cette action' };

export function conflictMessage(
  row: number,
  current: Pick<Action, 'updatedAt' | 'updatedBy'>,
  noun: RecordNoun = ACTION_NOUN,
): string {
  const by = current.updatedBy ? `, par ${current.updatedBy}` : '';
  const when = current.updatedAt ? ` le ${formatStamp(current.updatedAt)}` : '';
  return `${noun.this} a été modifiée par quelqu’un d’autre depuis son ouverture (ligne ${row}${by}${when}). Rechargez-la avant d’enregistrer.`;
}

/** Who last saved a row and when, as the module stamped it. */
function rowStamp(row: TableRow): Pick<Action, 'updatedAt' | 'updatedBy'> {
  const { updatedAt, updatedBy } = row.values;
  return {
    updatedAt:
      updatedAt instanceof Date ? toIsoDateTime(updatedAt) : typeof updatedAt === 'string' ? updatedAt : '',
    updatedBy: typeof updatedBy === 'string' ? updatedBy : '',
  };
}

// ------------------------------------------------------------------ finding the record

const sameId = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();
export const idOf = (row: TableRow) => (typeof row.values.id === 'string' ? row.values.id : '');

/** The row holding the ID (exactly one), whatever row it was loaded from. */
export function findActionRow(table: Table, id: string, noun: RecordNoun = ACTION_NOUN): TableRow {
  const rows = table.rows.filter((r) => sameId(idOf(r), id));
  if (rows.length === 0) {
    throw new Error(
      `${noun.the} ${id} est introuvable dans la feuille « ${table.spec.name} » : elle a peut-être été supprimée ou son ID modifié. Rechargez-la.`,
    );
  }
  if (rows.length > 1) {
    throw new Error(
      `L’ID ${id} figure sur plusieurs lignes de « ${table.spec.name} » (${rows.map((r) => r.row).join(', ')}) : corrigez le doublon avant d’enregistrer.`,
    );
  }
  return rows[0]!;
}

/** A row typed without ID, found at its row only if it still holds exactly what was loaded. */
function findRowWithoutId(table: Table, origin: Origin): TableRow {
  const row = table.rows.find((r) => r.row === origin.row);
  if (!row || idOf(row) !== '' || rowVersion(table, row.raw) !== origin.version) {
    throw new Error(
      `La ligne ${origin.row} de « ${table.spec.name} » a changé depuis son ouverture (lignes insérées, supprimées ou modifiées). Rechargez-la avant d’enregistrer.`,
    );
  }
  return row;
}

/** The row to overwrite, after checking that nobody changed it since `origin` was read. */
export function locateForUpdate(
  table: Table,
  id: string,
  origin: Origin,
  noun: RecordNoun = ACTION_NOUN,
): TableRow {
  if (id.trim() === '') return findRowWithoutId(table, origin);
  const row = findActionRow(table, id, noun);
  if (rowVersion(table, row.raw) !== origin.version) {
    throw new Error(conflictMessage(row.row, rowStamp(row), noun));
  }
  return row;
}

// ------------------------------------------------------------------ laying rows out

export interface Stamp {
  at: Date;
  by: string;
}

export interface RowWrite {
  row: number;
  created: boolean;
  /** The record's own cells to write; no other cell of the row is written. */
  cells: OwnCell[];
  journal: JournalEntry;
}

/** Google Sheets holds at most 50,000 characters in a cell, and says so in English. */
export const MAX_CELL_CHARS = 50_000;

/** The row's cells, once checked to fit: a text too long is refused in French, before anything is written. */
export function fittingCells(table: Table, cells: OwnCell[]): OwnCell[] {
  const long = cells.find((c) => typeof c.value === 'string' && c.value.length > MAX_CELL_CHARS);
  if (!long) return cells;
  const i = long.column;
  const column = cellText(table.headerRow[i] ?? '').trim() || `colonne ${columnLetter(i)}`;
  throw new Error(
    `« ${column} » dépasse ${formatNumberFr(MAX_CELL_CHARS)} caractères, le maximum d’une cellule : raccourcissez le texte avant d’enregistrer.`,
  );
}

/**
 * What a save writes: a new row gets all its own cells, an existing one only those that change, so
 * that a formula, a link or a date the save does not change stays exactly as it was.
 */
export function recordCells(cells: OwnCell[], previous: TableRow | null): OwnCell[] {
  return previous ? changedCells(cells, previous.raw) : cells;
}

/** Where the next new row goes: right after the last row holding anything. */
export function nextFreeRow(table: Table): number {
  return (table.rows[table.rows.length - 1]?.row ?? 1) + 1;
}
