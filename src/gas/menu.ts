/**
 * The add-on menu. onOpen may run in AuthMode.NONE: it builds the menu and touches nothing else.
 * Each item names a top-level function of the pushed bundle (see src/main.ts and scripts/build.mjs).
 */
export interface MenuItem {
  caption: string;
  functionName: string;
}

/** `null` draws a separator. Items are added here as their features land. */
export const MENU_ITEMS: (MenuItem | null)[] = [
  { caption: 'Installer ou mettre à jour le classeur', functionName: 'installWorkbook' },
  { caption: 'Saisir ou modifier…', functionName: 'openSidebar' },
  { caption: 'Valider les données', functionName: 'validateData' },
  { caption: 'Générer le rapport…', functionName: 'openReportDialog' },
  { caption: 'Importer des données d’observation…', functionName: 'openImportDialog' },
  { caption: 'Clôturer l’année…', functionName: 'closeYear' },
  { caption: 'Rouvrir une année clôturée…', functionName: 'reopenYear' },
  null,
  { caption: 'Aide', functionName: 'showHelp' },
  { caption: 'Vérifier l’environnement', functionName: 'checkEnvironment' },
];

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) {
    if (item) menu.addItem(item.caption, item.functionName);
    else menu.addSeparator();
  }
  menu.addToUi();
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}
