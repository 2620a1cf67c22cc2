/**
 * Menu « Vérifier l’environnement »: checks in the user's real spreadsheet what the add-on relies on
 * (time zones, locale, a date and texts written and read back through the same paths as a save, the
 * locks, the user's email, the add-on's sheets and headers) and shows a French summary to copy. The
 * round trips happen on a temporary sheet of the add-on, deleted afterwards.
 */
import { type CellValue, cellText, fromIsoDate, toIsoDate } from '../core/cells';
import { isKnownZone } from '../core/dates';
import {
  diagnosticHtml,
  diagnosticText,
  type EnvironmentFacts,
  environmentChecks,
  PROBE_DAY,
  PROBE_TEXTS,
} from '../core/diagnostic';
import { referentielOfGrids } from '../core/records';
import { mapHeaders } from '../core/table';
import { SHEET_NAMES, workbookSpec } from '../core/workbook';
import { docsService } from './google-doc';
import { activeSpreadsheet, currentUserEmail, fromSheet, nowIn, spreadsheetZone, writeBlock } from './sheets';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const TITLE = 'Pilotage CUCS — vérification de l’environnement';
const PROBE_SHEET = 'Pilotage CUCS — vérification (temporaire)';

export function checkEnvironment(): void {
  const ss = activeSpreadsheet();
  const zone = spreadsheetZone(ss);
  const checks = environmentChecks(environmentFacts(ss, zone));
  const when = cellText(nowIn(zone));
  const html = diagnosticHtml(checks, diagnosticText(checks, when));
  SpreadsheetApp.getUi().showModalDialog(
    HtmlService.createHtmlOutput(html).setWidth(640).setHeight(560),
    TITLE,
  );
}

export function environmentFacts(ss: Spreadsheet, zone: string): EnvironmentFacts {
  const email = currentUserEmail();
  return {
    spreadsheetZone: zone,
    scriptZone: Session.getScriptTimeZone(),
    zoneKnown: isKnownZone(zone),
    locale: ss.getSpreadsheetLocale(),
    ...roundTrips(ss, zone),
    documentLock: LockService.getDocumentLock() !== null,
    scriptLock: LockService.getScriptLock() !== null,
    docsApi: docsService() !== null,
    email: email === 'inconnu' ? '' : email,
    ...workbookShape(ss),
  };
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A date and the probe texts written on a temporary sheet as a save writes, then read back. */
function roundTrips(ss: Spreadsheet, zone: string): Pick<EnvironmentFacts, 'date' | 'texts'> {
  let sheet: Sheet | null = null;
  try {
    sheet = ss.insertSheet(freeName(ss), ss.getNumSheets());
    const texts: CellValue[] = [...PROBE_TEXTS];
    writeBlock(sheet, 1, 1, [[fromIsoDate(PROBE_DAY), ...texts]], zone);
    const range = sheet.getRange(1, 1, 1, texts.length + 1);
    const [read] = fromSheet(range.getValues(), zone);
    const [shown] = range.getDisplayValues();
    const [formulas] = range.getFormulas();
    const day = read![0];
    return {
      date: { read: day instanceof Date ? toIsoDate(day) : cellText(day ?? ''), shown: shown![0]! },
      texts: PROBE_TEXTS.map((written, i) => ({
        written,
        read: cellText(read![i + 1] ?? ''),
        formula: formulas![i + 1] ?? '',
      })),
    };
  } catch (error) {
    return { date: { error: message(error) }, texts: { error: message(error) } };
  } finally {
    if (sheet) ss.deleteSheet(sheet);
  }
}

function freeName(ss: Spreadsheet): string {
  let name = PROBE_SHEET;
  for (let i = 2; ss.getSheetByName(name); i++) name = `${PROBE_SHEET} ${i}`;
  return name;
}

/**
 * The add-on's sheets and their headers: the Référentiel read whole (its domains name the other
 * sheets), then row 1 of each other sheet, one read per sheet.
 */
function workbookShape(ss: Spreadsheet): Pick<EnvironmentFacts, 'missingSheets' | 'missingHeaders'> {
  const missingSheets: string[] = [];
  const missingHeaders: EnvironmentFacts['missingHeaders'] = [];
  const referentiel = ss.getSheetByName(SHEET_NAMES.referentiel);
  const refGrid = referentiel ? (referentiel.getDataRange().getValues() as CellValue[][]) : null;
  const ref = referentielOfGrids(new Map(refGrid ? [[SHEET_NAMES.referentiel, refGrid]] : []));
  const opinions = ss.getSheetByName(SHEET_NAMES.opinions) !== null;
  for (const spec of workbookSpec(ref, [], { opinions })) {
    const sheet = spec.role === 'referentiel' ? referentiel : ss.getSheetByName(spec.name);
    if (!sheet) {
      missingSheets.push(spec.name);
      continue;
    }
    const width = Math.max(sheet.getLastColumn(), 1);
    const header =
      spec.role === 'referentiel' && refGrid
        ? (refGrid[0] ?? [])
        : (sheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[]);
    const missing = mapHeaders(spec, header).missing.map((c) => c.header);
    if (missing.length > 0) missingHeaders.push({ sheet: spec.name, headers: missing });
  }
  return { missingSheets, missingHeaders };
}
