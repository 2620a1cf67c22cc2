/** Menu « Aide »: a short French help dialog. */
import { HELP_HTML } from '../core/help';

export function showHelp(): void {
  const html = HtmlService.createHtmlOutput(HELP_HTML).setWidth(520).setHeight(480);
  SpreadsheetApp.getUi().showModalDialog(html, 'Pilotage CUCS — aide');
}
