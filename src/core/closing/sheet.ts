/**
 * Reading the Clôtures sheet back into the years closed now, and the refusals that name who closed a year
 * and when.
 */

import { toIsoDateTime } from '../cells';
import { progressForYear } from '../progress';
import type { Action } from '../schemas';
import type { Table } from '../table';
import { type Closing, type ClosingData, fingerprintOf } from './stored';

const text = (v: unknown) =>
  typeof v === 'string' ? v : v instanceof Date ? toIsoDateTime(v) : v == null ? '' : String(v);

/** The closings in force, by year: a year's last closing, unless a reopening came after it. */
export function activeClosings(table: Table | undefined): Map<number, Closing> {
  const active = new Map<number, Closing>();
  if (!table) return active;
  let current: (Closing & { parts: string[] }) | null = null;
  const finish = () => {
    if (!current) return;
    const json = current.parts.join('');
    const intact = fingerprintOf(json) === current.fingerprint;
    const { parts: _parts, ...closing } = current;
    active.set(current.year, { ...closing, data: intact ? (JSON.parse(json) as ClosingData) : null });
    current = null;
  };
  for (const row of table.rows) {
    const v = row.values;
    const year = typeof v.year === 'number' ? v.year : null;
    if (year === null) continue;
    const operation = text(v.operation);
    const part = /^(\d+)\/(\d+)$/.exec(text(v.part));
    const continues =
      current !== null &&
      current.year === year &&
      current.fingerprint === text(v.fingerprint) &&
      part &&
      part[1] !== '1';
    if (operation === 'clôture' && continues) {
      current!.parts.push(text(v.data));
      current!.rows.push(row.row);
      continue;
    }
    finish();
    if (operation === 'clôture') {
      current = {
        year,
        at: text(v.at),
        user: text(v.user),
        reason: text(v.reason),
        fingerprint: text(v.fingerprint),
        data: null,
        rows: [row.row],
        parts: [text(v.data)],
      };
    } else if (operation === 'réouverture') {
      active.delete(year);
    }
  }
  finish();
  return active;
}

/** « 15/01/2009 à 10:30 par chef.projet@brest.fr ». */
export function closingWhen(closing: Pick<Closing, 'at' | 'user'>): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(closing.at);
  const when = m ? `${m[3]}/${m[2]}/${m[1]} à ${m[4]}:${m[5]}` : closing.at;
  return closing.user ? `${when} par ${closing.user}` : when;
}

/** What the sidebar says when a change would touch a closed year. */
export function closedYearMessage(closing: Closing): string {
  return `L’année ${closing.year} est clôturée (clôture du ${closingWhen(closing)}) : ses mesures, ses avancées et ses freins ne peuvent plus être modifiés. Pour les corriger, rouvrez l’année (« Rouvrir une année clôturée… ») en indiquant le motif.`;
}

/** Refuses an action save that changes the avancées or freins of a closed year. */
export function refuseClosedProgress(
  before: Pick<Action, 'avancees' | 'freins'> | null,
  after: Pick<Action, 'avancees' | 'freins'>,
  closings: Map<number, Closing>,
): void {
  for (const closing of closings.values()) {
    const y = closing.year;
    const same = (key: 'avancees' | 'freins') =>
      progressForYear(before?.[key] ?? '', y) === progressForYear(after[key], y);
    if (!same('avancees') || !same('freins')) throw new Error(closedYearMessage(closing));
  }
}
