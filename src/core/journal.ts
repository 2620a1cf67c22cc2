/** The Journal: an append-only log of what the add-on changed, one row per change. */
import type { CellValue } from './cells';
import type { HeaderMapping } from './table';
import { layoutRow } from './table';

export interface JournalEntry {
  operation: string;
  sheet: string;
  record: string;
  before: string;
  after: string;
  user: string;
}

/** Cells hold at most 50,000 characters; a journal entry never makes a write fail. */
const MAX_CELL = 45_000;
const clip = (text: string) => (text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text);

export function journalRows(entries: JournalEntry[], mapping: HeaderMapping, at: Date): CellValue[][] {
  return entries.map((e) =>
    layoutRow(mapping, {
      at,
      user: e.user,
      operation: e.operation,
      sheet: e.sheet,
      record: e.record,
      before: clip(e.before),
      after: clip(e.after),
    }),
  );
}

/** "Statut : en cours → réalisée" lines for the fields that changed. */
export function describeChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  labels: Record<string, string>,
): { before: string; after: string } {
  const show = (v: unknown) =>
    Array.isArray(v) ? v.join(' ; ') : v === null || v === undefined ? '' : String(v);
  const keys = Object.keys(after).filter((k) => k in labels && show(before?.[k]) !== show(after[k]));
  return {
    before: before ? keys.map((k) => `${labels[k]} : ${show(before[k])}`).join('\n') : '',
    after: keys.map((k) => `${labels[k]} : ${show(after[k])}`).join('\n'),
  };
}
