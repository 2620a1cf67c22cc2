/** Typed cell values read as a record's fields: text, number, flag, list, ISO date. */

import { type CellValue, cellText, toIsoDate, toIsoDateTime } from '../cells';
import type { TypedValue } from '../table';

export const str = (v: TypedValue | undefined): string =>
  typeof v === 'string' ? v : v == null ? '' : cellText(v as CellValue);
export const num = (v: TypedValue | undefined): number | null => (typeof v === 'number' ? v : null);
export const bool = (v: TypedValue | undefined): boolean => v === true;
export const list = (v: TypedValue | undefined): string[] => (Array.isArray(v) ? v : []);
export const iso = (v: TypedValue | undefined): string | null => (v instanceof Date ? toIsoDate(v) : null);
export const isoDateTime = (v: TypedValue | undefined): string =>
  v instanceof Date ? toIsoDateTime(v) : str(v);
