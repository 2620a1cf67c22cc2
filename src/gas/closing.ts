/**
 * Menu « Clôturer l’année… » and « Rouvrir une année clôturée… »: two questions (the year, the reason),
 * then, under the document lock, one read of the workbook, the pure plan of core/closing and one write
 * of the Clôtures rows plus the Journal entry. Nothing is written when the plan refuses.
 */
import type { CellValue } from '../core/cells';
import { closingsTable, prepareClosing, prepareReopening } from '../core/closing';
import { nextFreeRow } from '../core/editing';
import type { JournalEntry } from '../core/journal';
import { rowAreas } from '../core/protection';
import { readWorkbook, type WorkbookData } from '../core/records';
import { frenchSpacing, plural } from '../core/typography';
import { validateWorkbook } from '../core/validate';
import { SHEET_NAMES } from '../core/workbook';
import { journalTarget, openJournal, writeJournal } from './journal';
import {
  activeSpreadsheet,
  assertWritable,
  currentUserEmail,
  nowIn,
  readAllGrids,
  readGrid,
  spreadsheetZone,
  withDocumentLock,
  writeBlock,
} from './sheets';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Ui = GoogleAppsScript.Base.Ui;

/** The user's answer, or null when they cancel. */
function ask(ui: Ui, title: string, question: string): string | null {
  const answer = ui.prompt(frenchSpacing(title), frenchSpacing(question), ui.ButtonSet.OK_CANCEL);
  return answer.getSelectedButton() === ui.Button.OK ? answer.getResponseText().trim() : null;
}

function askYear(ui: Ui, title: string, what: string): number | null {
  const text = ask(ui, title, `Année à ${what} (ex. 2008) :`);
  if (text === null) return null;
  if (!/^\d{4}$/.test(text)) {
    ui.alert(
      frenchSpacing(title),
      frenchSpacing(`Année invalide : « ${text} ». Indiquez une année sur quatre chiffres.`),
      ui.ButtonSet.OK,
    );
    return null;
  }
  return Number(text);
}

/** Appends the plan's rows to Clôtures and its entry to the Journal, once both are known writable. */
function commit(
  ss: Spreadsheet,
  zone: string,
  data: WorkbookData,
  plan: { rows: CellValue[][]; journal: JournalEntry },
): void {
  const sheet = ss.getSheetByName(SHEET_NAMES.closings)!;
  const table = closingsTable(data);
  const row = nextFreeRow(table);
  const journal = openJournal(ss);
  const width = plan.rows[0]!.length;
  assertWritable([
    { sheet, areas: rowAreas(row, [{ column: 0, width }], plan.rows.length) },
    journalTarget(journal, 1),
  ]);
  writeBlock(sheet, row, 1, plan.rows, zone);
  writeJournal(journal, zone, [plan.journal]);
}

function failed(ui: Ui, title: string, error: unknown): void {
  ui.alert(frenchSpacing(title), frenchSpacing((error as Error).message), ui.ButtonSet.OK);
}

const CLOSE_TITLE = 'Clôturer l’année';
const REOPEN_TITLE = 'Rouvrir une année clôturée';

export function closeYear(): void {
  const ui = SpreadsheetApp.getUi();
  const year = askYear(ui, CLOSE_TITLE, 'clôturer une fois son rapport discuté en comité de pilotage');
  if (year === null) return;
  const reason = ask(
    ui,
    CLOSE_TITLE,
    `Motif (facultatif ; obligatoire si la validation trouve des erreurs, pour clôturer ${year} malgré elles) :`,
  );
  if (reason === null) return;
  try {
    const ss = activeSpreadsheet();
    const message = withDocumentLock(() => {
      const zone = spreadsheetZone(ss);
      const at = nowIn(zone);
      // One read of every sheet the report reads, as « Générer le rapport… » does.
      const read = readAllGrids(ss, zone, new Set([SHEET_NAMES.journal, SHEET_NAMES.checks]));
      const validation = validateWorkbook(read.grids, { today: at, sheetNames: read.sheetNames });
      const plan = prepareClosing(
        validation,
        { year, reason },
        { at, by: currentUserEmail() },
        'google-sheets',
      );
      commit(ss, zone, validation.data, plan);
      const despite =
        validation.counts.erreur > 0 ? ` malgré ${plural(validation.counts.erreur, 'erreur')}` : '';
      return `Année ${year} clôturée${despite} (empreinte ${plan.fingerprint}, notée au Journal). Le rapport ${year} reprend désormais ces chiffres arrêtés ; « Valider les données » signale toute valeur de ${year} modifiée depuis, et le panneau de saisie refuse de les changer.`;
    });
    ui.alert(frenchSpacing(CLOSE_TITLE), frenchSpacing(message), ui.ButtonSet.OK);
  } catch (error) {
    failed(ui, CLOSE_TITLE, error);
  }
}

export function reopenYear(): void {
  const ui = SpreadsheetApp.getUi();
  const year = askYear(ui, REOPEN_TITLE, 'rouvrir');
  if (year === null) return;
  const reason = ask(ui, REOPEN_TITLE, `Motif de la réouverture de ${year} (obligatoire, noté au Journal) :`);
  if (reason === null) return;
  try {
    const ss = activeSpreadsheet();
    withDocumentLock(() => {
      const zone = spreadsheetZone(ss);
      const sheet = ss.getSheetByName(SHEET_NAMES.closings);
      const grids = new Map(sheet ? [[SHEET_NAMES.closings, readGrid(sheet, zone)]] : []);
      const data = readWorkbook(grids);
      commit(
        ss,
        zone,
        data,
        prepareReopening(data, { year, reason }, { at: nowIn(zone), by: currentUserEmail() }),
      );
    });
    ui.alert(
      frenchSpacing(REOPEN_TITLE),
      frenchSpacing(
        `Année ${year} rouverte (motif noté au Journal) : ses valeurs peuvent à nouveau être modifiées. Clôturez-la à nouveau une fois corrigée.`,
      ),
      ui.ButtonSet.OK,
    );
  } catch (error) {
    failed(ui, REOPEN_TITLE, error);
  }
}
