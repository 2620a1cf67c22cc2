/** The Journal: an append-only log of what the add-on changed, one row per change. */
import type { CellValue } from './cells';
import { type HeaderMapping, layoutRow, mapHeaders } from './table';
import { type ColumnSpec, fixedSheetSpec } from './workbook';

export const JOURNAL_SPEC = fixedSheetSpec('journal');

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

/**
 * The Journal's header row completed with the headers it lacks (cleared or renamed by hand), placed
 * after its last header as the installer would: appending an entry must never fail once the change
 * it records is written.
 */
export function completeJournalHeader(header: readonly CellValue[]): {
  mapping: HeaderMapping;
  /** Headers to write on row 1 from the 0-based column `firstAdded`. */
  added: ColumnSpec[];
  firstAdded: number;
} {
  const current = mapHeaders(JOURNAL_SPEC, header);
  if (current.missing.length === 0) return { mapping: current, added: [], firstAdded: current.width };
  const completed = [...header.slice(0, current.width), ...current.missing.map((c) => c.header)];
  return { mapping: mapHeaders(JOURNAL_SPEC, completed), added: current.missing, firstAdded: current.width };
}

/** What « Valider les données » writes in the Journal for the IDs it gave, in the add-on and offline. */
export function idAssignmentEntries(
  assignments: readonly { sheet: string; row: number; id: string }[],
  user: string,
): JournalEntry[] {
  return assignments.map((a) => ({
    operation: 'attribution d’ID (validation)',
    sheet: a.sheet,
    record: a.id,
    before: '',
    after: `ID : ${a.id} (ligne ${a.row})`,
    user,
  }));
}
