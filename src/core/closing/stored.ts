/**
 * What a closing stores (the report model, the year's values, a fingerprint) and the Clôtures rows of a
 * closing or a reopening.
 */

import { type CellValue, isoYear, normaliseKey } from '../cells';
import { fnv1a } from '../editing';
import type { JournalEntry } from '../journal';
import { progressForYear } from '../progress';
import type { WorkbookData } from '../records';
import type { ReportDocument } from '../report/model';
import type { Decision, Measure } from '../schemas';
import { layoutRow, type Table } from '../table';
import { plural } from '../typography';
import { SHEET_NAMES } from '../workbook';
import { closingWhen } from './sheet';

/** What a comité saw of year N, and the year-N values whose later change is flagged. */
export interface ClosingData {
  year: number;
  /** The contract's report model at the closing. */
  report: ReportDocument;
  /** A value marked « secret statistique » or « non disponible » is stored with its mark and no number. */
  measures: { indicator: string; territory: string; value: number | null; marker?: Measure['marker'] }[];
  /** Year-N avancées and freins of each action, by ID. */
  progress: { id: string; avancees: string; freins: string }[];
  /**
   * The decisions taken up to year N, with the suite they had: their suite moves on afterwards, and a
   * closed year's territory or domain report shows them as the comité saw them. Absent from closings
   * stored before decisions were kept.
   */
  decisions?: Decision[];
}

export interface Closing {
  year: number;
  /** ISO date-time, in the spreadsheet's zone. */
  at: string;
  user: string;
  reason: string;
  fingerprint: string;
  /** The stored figures; null when their cells no longer give back the fingerprint. */
  data: ClosingData | null;
  /** The Clôtures rows holding it. */
  rows: number[];
}

/** A cell holds 50,000 characters in Google Sheets, 32,767 in Excel: the figures are cut into parts under both. */
export const PART_CHARS = 30_000;

// ------------------------------------------------------------------ what is stored

export function frozenMeasures(data: Pick<WorkbookData, 'measures'>, year: number): ClosingData['measures'] {
  return data.measures
    .filter((m) => m.record.year === year)
    .map(({ record: m }) => ({
      indicator: m.indicator,
      territory: m.territory,
      value: m.value,
      marker: m.marker,
    }));
}

export function frozenProgress(data: Pick<WorkbookData, 'actions'>, year: number): ClosingData['progress'] {
  return data.actions
    .filter((a) => a.record.id !== '')
    .map(({ record: a }) => ({
      id: a.id,
      avancees: progressForYear(a.avancees, year),
      freins: progressForYear(a.freins, year),
    }))
    .filter((p) => p.avancees !== '' || p.freins !== '');
}

export function frozenDecisions(data: Pick<WorkbookData, 'decisions'>, year: number): Decision[] {
  return data.decisions.map((d) => d.record).filter((d) => isoYear(d.date) <= year);
}

export function closingData(data: WorkbookData, report: ReportDocument): ClosingData {
  return {
    year: report.year,
    report,
    measures: frozenMeasures(data, report.year),
    progress: frozenProgress(data, report.year),
    decisions: frozenDecisions(data, report.year),
  };
}

export function fingerprintOf(json: string): string {
  return `${fnv1a(json)}-${json.length.toString(36)}`;
}

export interface ClosingPlan {
  /** Rows to append to the Clôtures sheet, laid out by its header. */
  rows: CellValue[][];
  journal: JournalEntry;
  fingerprint: string;
  /** Characters stored, and cells used, for the bench. */
  chars: number;
}

export const measureKey = (m: { indicator: string; territory: string }) =>
  `${normaliseKey(m.indicator)}|${normaliseKey(m.territory)}`;

/**
 * Parts of at most PART_CHARS characters, cut between two visible ASCII characters: a cell's text
 * may lose a space or a no-break space at its ends on its way through a spreadsheet.
 */
export function cutIntoParts(json: string): string[] {
  const solid = /[!-~]/;
  const parts: string[] = [];
  let start = 0;
  while (start < json.length) {
    let end = Math.min(start + PART_CHARS, json.length);
    while (end < json.length && end > start + 1 && !(solid.test(json[end - 1]!) && solid.test(json[end]!)))
      end--;
    parts.push(json.slice(start, end));
    start = end;
  }
  return parts;
}

/** The figures cut into parts, one row each, the first carrying who, when and why. */
export function planClosing(
  table: Pick<Table, 'mapping'>,
  stored: ClosingData,
  stamp: { at: Date; by: string },
  reason: string,
): ClosingPlan {
  const json = JSON.stringify(stored);
  const fingerprint = fingerprintOf(json);
  const parts = cutIntoParts(json);
  const rows = parts.map((part, i) =>
    layoutRow(table.mapping, {
      year: stored.year,
      operation: 'clôture',
      at: stamp.at,
      user: stamp.by,
      reason,
      fingerprint,
      part: `${i + 1}/${parts.length}`,
      data: part,
    }),
  );
  return {
    rows,
    fingerprint,
    chars: json.length,
    journal: {
      operation: `clôture de l’année ${stored.year}`,
      sheet: SHEET_NAMES.closings,
      record: String(stored.year),
      user: stamp.by,
      before: '',
      after: [
        `Empreinte : ${fingerprint}`,
        `${plural(stored.measures.length, 'mesure')} de ${stored.year}, avancées et freins de ${plural(stored.progress.length, 'action')}`,
        ...(reason ? [`Motif : ${reason}`] : []),
      ].join('\n'),
    },
  };
}

export function planReopening(
  table: Pick<Table, 'mapping'>,
  closing: Closing,
  stamp: { at: Date; by: string },
  reason: string,
): { rows: CellValue[][]; journal: JournalEntry } {
  if (reason.trim() === '') {
    throw new Error(`Indiquez le motif de la réouverture de ${closing.year} : il est noté au Journal.`);
  }
  return {
    rows: [
      layoutRow(table.mapping, {
        year: closing.year,
        operation: 'réouverture',
        at: stamp.at,
        user: stamp.by,
        reason: reason.trim(),
      }),
    ],
    journal: {
      operation: `réouverture de l’année ${closing.year}`,
      sheet: SHEET_NAMES.closings,
      record: String(closing.year),
      user: stamp.by,
      before: `Clôture du ${closingWhen(closing)} (empreinte ${closing.fingerprint})`,
      after: `Motif : ${reason.trim()}`,
    },
  };
}
