/**
 * Menu « Générer le rapport… »: the dialog's server functions. The spreadsheet is read once per sheet;
 * the Doc is written by google-doc.ts.
 */

import {
  type GeneratedReport,
  type ReportCheck,
  type ReportChoices,
  type ReportPreview,
  type ReportRequest,
  ReportRequestSchema,
} from '../core/api';
import type { Grid } from '../core/cells';
import { reportOfYear } from '../core/closing';
import { describeProblem } from '../core/problems';
import { readWorkbook } from '../core/records';
import { refusedYear, reportYears } from '../core/report/aggregate';
import { reportToHtml } from '../core/report/html';
import type { ReportDocument } from '../core/report/model';
import { validateWorkbook } from '../core/validate';
import { SHEET_NAMES } from '../core/workbook';
import { renderGoogleDoc } from './google-doc';
import { appendJournal, journalTarget, openJournal } from './journal';
import {
  activeSpreadsheet,
  assertWritable,
  currentUserEmail,
  type GridsRead,
  nowIn,
  readAllGrids,
  readGrid,
  spreadsheetZone,
  withDocumentLock,
} from './sheets';
import { runValidation } from './validate';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const DIALOG_TITLE = 'Générer le rapport annuel';

function parseReportRequest(input: unknown): ReportRequest {
  const parsed = ReportRequestSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new Error(`Demande refusée : ${[...new Set(parsed.error.issues.map((i) => i.message))].join(' ')}`);
}

export function openReportDialog(): void {
  const html = HtmlService.createHtmlOutputFromFile('ReportDialog').setWidth(520).setHeight(520);
  SpreadsheetApp.getUi().showModalDialog(html, DIALOG_TITLE);
}

// ---------------------------------------------------------------------------------------------
// Dialog data

/** What the dialog offers: reads only Paramètres, Référentiel, Territoires and Indicateurs. */
export function reportChoices(): ReportChoices {
  const ss = activeSpreadsheet();
  const zone = spreadsheetZone(ss);
  const grids = new Map<string, Grid>();
  const sheets = [
    SHEET_NAMES.settings,
    SHEET_NAMES.referentiel,
    SHEET_NAMES.territories,
    SHEET_NAMES.indicators,
  ];
  for (const name of sheets) {
    const sheet = ss.getSheetByName(name);
    if (sheet) grids.set(name, readGrid(sheet, zone));
  }
  const data = readWorkbook(grids);
  const { settings } = data;
  const { first, last, years } = reportYears(
    settings,
    data.indicators.map((i) => i.record),
  );
  return {
    contractName: settings.contractName,
    defaultYear: Math.min(Math.max(settings.reportingYear, first), last),
    years,
    territories: data.territories.map((t) => ({ code: t.code, label: `${t.name} (${t.level})` })),
    domains: data.referentiel.domains.map((d) => ({ code: d.code, label: `${d.code} — ${d.name}` })),
  };
}

// ---------------------------------------------------------------------------------------------
// Check, preview, generate

const SHOWN_ERRORS = 10;

/** « Valider les données » as the menu runs it (Contrôles sheet, IDs), summed up for the dialog. */
export function reportCheck(): ReportCheck {
  const { result } = runValidation(activeSpreadsheet());
  return {
    errors: result.counts.erreur,
    warnings: result.counts.avertissement,
    firstErrors: result.problems
      .filter((p) => p.severity === 'erreur')
      .slice(0, SHOWN_ERRORS)
      .map(describeProblem),
  };
}

type WorkbookRead = Pick<GridsRead, 'grids' | 'sheetNames'>;

/** Every sheet the report reads, one getValues each (the Journal and Contrôles are not read). */
const readReportGrids = (ss: Spreadsheet, zone: string): WorkbookRead =>
  readAllGrids(ss, zone, new Set([SHEET_NAMES.journal, SHEET_NAMES.checks]));

/** The report model of the workbook as it stands (a closed year's from its stored figures); pure once the grids are read. */
export function reportModel(read: WorkbookRead, request: ReportRequest, at: Date): ReportDocument {
  const validation = validateWorkbook(read.grids, { today: at, sheetNames: read.sheetNames });
  const data = validation.data;
  const { scope } = request;
  const refused = refusedYear(
    request.year,
    reportYears(
      data.settings,
      data.indicators.map((i) => i.record),
    ),
  );
  if (refused) throw new Error(refused);
  if (scope.kind === 'territory' && !data.territories.some((t) => t.code === scope.code)) {
    throw new Error(`Territoire « ${scope.code} » absent de la feuille Territoires.`);
  }
  if (scope.kind === 'domain' && !data.referentiel.domains.some((d) => d.code === scope.code)) {
    throw new Error(`Domaine « ${scope.code} » absent de la feuille Référentiel.`);
  }
  return reportOfYear(validation, {
    year: request.year,
    scope: request.scope,
    generatedAt: at,
    edition: 'google-sheets',
  });
}

export function reportPreview(input: unknown): ReportPreview {
  const request = parseReportRequest(input);
  const ss = activeSpreadsheet();
  const zone = spreadsheetZone(ss);
  const doc = reportModel(readReportGrids(ss, zone), request, nowIn(zone));
  return { name: doc.name, html: reportToHtml(doc) };
}

export function generateReport(input: unknown): GeneratedReport {
  const request = parseReportRequest(input);
  const ss = activeSpreadsheet();
  const zone = spreadsheetZone(ss);
  const doc = reportModel(readReportGrids(ss, zone), request, nowIn(zone));
  // A Journal the user may not write is said before the document is made, not once it exists unrecorded.
  assertWritable([journalTarget(openJournal(ss), 1)]);
  const created = renderGoogleDoc(doc);
  // Only the Journal is written, under the lock so that a concurrent save does not take the same row.
  withDocumentLock(() =>
    appendJournal(ss, zone, [
      {
        operation: 'génération du rapport',
        sheet: '',
        record: created.name,
        before: '',
        after: `Rapport annuel ${request.year} — périmètre : ${doc.scopeLabel}\n${created.url}`,
        user: currentUserEmail(),
      },
    ]),
  );
  return created;
}
