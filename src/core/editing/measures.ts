/** Saving a measure: an upsert by (indicator, year, territory) that keeps a replaced row in place. */

import { type CellValue, cellText, formatNumberFr, normaliseKey, toIsoDateTime } from '../cells';
import { describeChanges } from '../journal';
import { codeOf } from '../records';
import { ownCells, type Table, type TableRow, type TypedValue } from '../table';
import { checkSheetColumns, journalLabels } from './actions';
import type { MeasureRequest, SavedMeasureRecord } from './requests';
import { fittingCells, nextFreeRow, type RowWrite, recordCells, type Stamp } from './rows';

export interface MeasureWrite extends RowWrite {
  measure: SavedMeasureRecord;
  previousValue: number | null;
  /** Other rows holding the same (indicator, year, territory): left alone, reported. */
  duplicates: number[];
}

const codeText = (v: TypedValue | undefined) => normaliseKey(codeOf(typeof v === 'string' ? v : ''));

function sameMeasureKey(row: TableRow, m: MeasureRequest): boolean {
  return (
    codeText(row.values.indicator) === normaliseKey(m.indicator) &&
    row.values.year === m.year &&
    codeText(row.values.territory) === normaliseKey(m.territory)
  );
}

/** The row already holding (indicator, year, territory), if any, and the other rows holding it too. */
export function locateMeasure(
  table: Table,
  request: MeasureRequest,
): { existing: TableRow | null; duplicates: number[] } {
  checkSheetColumns(table, {});
  const [existing, ...others] = table.rows.filter((r) => sameMeasureKey(r, request));
  return { existing: existing ?? null, duplicates: others.map((r) => r.row) };
}

/** The sidebar does not show a row's source and comment: left blank in the form, the row's are kept. */
function keepRowNotes(request: MeasureRequest, existing: TableRow | null): MeasureRequest {
  if (!existing) return request;
  const kept = (key: 'source' | 'comment') => {
    const value = existing.values[key];
    return typeof value === 'string' ? value : '';
  };
  return {
    ...request,
    source: request.source || kept('source'),
    comment: request.comment || kept('comment'),
  };
}

/** Upsert by (indicator, year, territory): a replaced value keeps its row, a new one goes at the end. */
export function measureWrite(
  table: Table,
  typed: MeasureRequest,
  located: { existing: TableRow | null; duplicates: number[] },
  stamp: Stamp,
): MeasureWrite {
  const { existing, duplicates } = located;
  const request = keepRowNotes(typed, existing);
  // A typed value replaces a « secret statistique » mark: the two never stand together.
  const values: Record<string, TypedValue> = {
    ...request,
    marker: '',
    updatedAt: stamp.at,
    updatedBy: stamp.by,
  };
  const previousValue = typeof existing?.values.value === 'number' ? existing.values.value : null;
  const view = (m: Record<string, unknown>) => ({ ...m, value: cellText(m.value as CellValue) });
  const before = existing ? view({ ...existing.values, value: previousValue }) : null;
  return {
    row: existing?.row ?? nextFreeRow(table),
    created: !existing,
    cells: fittingCells(table, recordCells(ownCells(table.mapping, values), existing)),
    journal: {
      operation: existing ? 'remplacement de mesure' : 'création de mesure',
      sheet: table.spec.name,
      record: `${request.indicator} ${request.year} ${request.territory}`,
      user: stamp.by,
      ...describeChanges(before, view({ ...request }), journalLabels(table, [])),
    },
    measure: { ...request, marker: '', updatedAt: toIsoDateTime(stamp.at), updatedBy: stamp.by },
    previousValue,
    duplicates,
  };
}

export function measureMessage(
  write: Pick<MeasureWrite, 'created' | 'row' | 'previousValue' | 'duplicates' | 'measure'>,
  sheet: string,
): string {
  const where = `ligne ${write.row} de « ${sheet} »`;
  const base = write.created
    ? `Mesure créée (${where}).`
    : `Mesure remplacée (${where}) : ${write.previousValue === null ? 'valeur vide' : formatNumberFr(write.previousValue)} → ${formatNumberFr(write.measure.value)}.`;
  const dup = write.duplicates.length
    ? ` Attention : la même mesure figure aussi ligne ${write.duplicates.join(', ')} ; supprimez le doublon.`
    : '';
  return base + dup;
}
