/**
 * Menu « Générer le rapport… »: the dialog's server functions and the Google Doc renderer of the
 * report model. The spreadsheet is read once per sheet; the Doc is written in a number of calls that
 * depends on the report's outline, never on its number of rows (tables go in whole with appendTable).
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
import { describeProblem } from '../core/problems';
import { readWorkbook } from '../core/records';
import { refusedYear, reportYears } from '../core/report/aggregate';
import { buildReport } from '../core/report/builder';
import { reportToHtml } from '../core/report/html';
import {
  type Block,
  CHART_COLORS,
  type Chart,
  printBlock,
  type ReportDocument,
  tableStrings,
} from '../core/report/model';
import { validateWorkbook } from '../core/validate';
import { SHEET_NAMES } from '../core/workbook';
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
type Body = GoogleAppsScript.Document.Body;

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

/** The report model of the workbook as it stands; pure once the grids are read. */
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
  return buildReport(data, validation, {
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

// ---------------------------------------------------------------------------------------------
// Google Doc renderer

/** Charts fit the page: 6.5 inches of text width, i.e. 624 pixels. */
export const DOC_CHART_SIZE = { width: 620, height: 360 };
const HEADER_STYLE = { BOLD: true, BACKGROUND_COLOR: '#e8f0fe' };
const FOOTER_STYLE = { BOLD: true };
const NOTE_STYLE = { ITALIC: true, FOREGROUND_COLOR: '#5f6368' };
const WARNING_STYLE = { BOLD: true, FOREGROUND_COLOR: '#b06000' };

export function renderGoogleDoc(report: ReportDocument): GeneratedReport {
  const doc = DocumentApp.create(report.name);
  const body = doc.getBody();
  // A new Doc holds one empty paragraph: the title goes there rather than below a blank line.
  const first = body.getParagraphs()[0]!;
  const blocks = report.blocks.map(printBlock);
  const [head, ...rest] = blocks;
  if (head?.kind === 'title') {
    first.setText(head.text);
    first.setHeading(DocumentApp.ParagraphHeading.TITLE);
  }
  for (const block of head?.kind === 'title' ? rest : blocks) appendBlock(body, block);
  const url = doc.getUrl();
  doc.saveAndClose();
  return { name: report.name, url };
}

const HEADINGS = () =>
  ({
    1: DocumentApp.ParagraphHeading.HEADING1,
    2: DocumentApp.ParagraphHeading.HEADING2,
    3: DocumentApp.ParagraphHeading.HEADING3,
  }) as const;

function appendBlock(body: Body, block: Block): void {
  switch (block.kind) {
    case 'title':
      body.appendParagraph(block.text).setHeading(DocumentApp.ParagraphHeading.TITLE);
      return;
    case 'subtitle':
      body.appendParagraph(block.text).setHeading(DocumentApp.ParagraphHeading.SUBTITLE);
      return;
    case 'heading':
      body.appendParagraph(block.text).setHeading(HEADINGS()[block.level]);
      return;
    case 'paragraph': {
      const paragraph = body.appendParagraph(block.text);
      if (block.tone === 'note') paragraph.setAttributes(NOTE_STYLE);
      if (block.tone === 'warning') paragraph.setAttributes(WARNING_STYLE);
      return;
    }
    case 'bullets':
      for (const item of block.items) body.appendListItem(item);
      return;
    case 'table': {
      const table = body.appendTable(tableStrings(block));
      table.getRow(0).setAttributes(HEADER_STYLE);
      if (block.footer) table.getRow(block.rows.length + 1).setAttributes(FOOTER_STYLE);
      return;
    }
    case 'chart':
      body.appendImage(chartImage(block.chart)).setAltDescription(block.chart.description);
      return;
    case 'pageBreak':
      body.appendPageBreak();
      return;
  }
}

/** The chart drawn by the Charts service, as a PNG blob: no Drive file, no extra scope. */
export function chartImage(chart: Chart): GoogleAppsScript.Base.Blob {
  const data = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'Catégorie');
  for (const serie of chart.series) data.addColumn(Charts.ColumnType.NUMBER, serie.name);
  chart.categories.forEach((category, i) => {
    data.addRow([category, ...chart.series.map((s) => s.values[i] ?? null)]);
  });
  const colors = CHART_COLORS.slice(0, Math.max(1, chart.series.length));
  if (chart.kind === 'line') {
    return (
      Charts.newLineChart()
        .setDataTable(data)
        .setTitle(chart.title)
        .setDimensions(DOC_CHART_SIZE.width, DOC_CHART_SIZE.height)
        // Up to ten indicators: a legend at the bottom would be cut to one line, the right side holds them.
        .setLegendPosition(Charts.Position.RIGHT)
        .setColors(colors)
        .setYAxisTitle(chart.unit)
        .build()
        .getBlob()
    );
  }
  const builder = Charts.newColumnChart()
    .setDataTable(data)
    .setTitle(chart.title)
    .setDimensions(DOC_CHART_SIZE.width, DOC_CHART_SIZE.height)
    .setLegendPosition(chart.series.length > 1 ? Charts.Position.BOTTOM : Charts.Position.NONE)
    .setColors(colors)
    .setYAxisTitle(chart.unit);
  if (chart.kind === 'stackedBar') builder.setStacked();
  return builder.build().getBlob();
}
