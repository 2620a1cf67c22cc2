/**
 * Closing a year once the comité has discussed it: its report model (the figures the comité saw) and
 * its year-N values are stored in the Clôtures sheet with a fingerprint, who and when. Afterwards the
 * year's report is rebuilt from what was stored, the validation flags every year-N value changed since,
 * and the sidebar refuses to change them, until the year is reopened with a reason. Pure: records in,
 * rows, problems and report models out.
 */
import type { CellValue } from './cells';
import { activeClosings, closedYearMessage, closingWhen } from './closing/sheet';
import { type Closing, type ClosingPlan, closingData, planClosing, planReopening } from './closing/stored';
import type { JournalEntry } from './journal';
import type { WorkbookData } from './records';
import { refusedYear, reportYears } from './report/aggregate';
import { buildReport, type ReportOptions } from './report/builder';
import type { Table } from './table';
import { plural } from './typography';
import type { ValidationResult } from './validate';
import { SHEET_NAMES } from './workbook';

export * from './closing/after';
export * from './closing/sheet';
export * from './closing/stored';

// ------------------------------------------------------------------ the two operations

export interface YearRequest {
  year: number;
  /** Mandatory to reopen, and to close despite validation errors. */
  reason: string;
}

export function closingsTable(data: Pick<WorkbookData, 'tables'>): Table {
  const table = data.tables.get('closings');
  if (!table) {
    throw new Error(
      `La feuille « ${SHEET_NAMES.closings} » est absente : lancez « Installer ou mettre à jour le classeur ».`,
    );
  }
  return table;
}

/**
 * « Clôturer l’année… » from a fresh validation: refuses a year already closed or outside the
 * contract, and a workbook with errors unless a reason is given; else the rows to append.
 */
export function prepareClosing(
  validation: Pick<ValidationResult, 'data' | 'problems' | 'counts'>,
  request: YearRequest,
  stamp: { at: Date; by: string },
  edition: ReportOptions['edition'],
): ClosingPlan {
  const { data } = validation;
  const table = closingsTable(data);
  const { year } = request;
  const refused = refusedYear(
    year,
    reportYears(
      data.settings,
      data.indicators.map((i) => i.record),
    ),
  );
  if (refused) throw new Error(refused);
  const already = activeClosings(table).get(year);
  if (already) throw new Error(`L’année ${year} est déjà clôturée (clôture du ${closingWhen(already)}).`);
  const errors = validation.counts.erreur;
  const reason = request.reason.trim();
  if (errors > 0 && reason === '') {
    throw new Error(
      `La validation trouve ${plural(errors, 'erreur')} : corrigez-les (« Valider les données ») avant de clôturer ${year}, ou clôturez malgré tout en indiquant un motif.`,
    );
  }
  const report = buildReport(data, validation, {
    year,
    scope: { kind: 'contract' },
    generatedAt: stamp.at,
    edition,
  });
  return planClosing(table, closingData(data, report), stamp, reason);
}

export function prepareReopening(
  data: Pick<WorkbookData, 'tables'>,
  request: YearRequest,
  stamp: { at: Date; by: string },
): { rows: CellValue[][]; journal: JournalEntry } {
  const table = closingsTable(data);
  const closing = activeClosings(table).get(request.year);
  if (!closing) throw new Error(`L’année ${request.year} n’est pas clôturée : il n’y a rien à rouvrir.`);
  return planReopening(table, closing, stamp, request.reason);
}

/** Refuses a measure or a progress update of a closed year. */
export function refuseClosedYear(closings: Map<number, Closing>, year: number): void {
  const closing = closings.get(year);
  if (closing) throw new Error(closedYearMessage(closing));
}
