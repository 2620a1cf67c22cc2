import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemRecord } from './fake';
import { ensureBuilt, loadBundle } from './support/bundle';

/** Server names the pages pass to their google.script.run wrappers (callServer / call). */
function serverCallsOfPages(): string[] {
  const dir = join(__dirname, '..', 'sidebar');
  const sources = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const names = sources.flatMap((f) =>
    [...readFileSync(join(dir, f), 'utf8').matchAll(/\b(?:callServer|call)\(\s*'(\w+)'/g)].map((m) => m[1]!),
  );
  return [...new Set(names)];
}

const menuFunctions = (items: MenuItemRecord[]): string[] =>
  items.flatMap((i) =>
    i.kind === 'item' ? [i.functionName] : i.kind === 'submenu' ? menuFunctions(i.menu.items) : [],
  );

describe('dist/Code.js as Apps Script loads it', () => {
  const code = ensureBuilt();

  it('holds no module syntax that Apps Script would reject', () => {
    expect(code).not.toMatch(/^\s*export\s/m);
    expect(code).not.toMatch(/^\s*import\s/m);
  });

  it('declares one top-level function per entry point', () => {
    const bundle = loadBundle();
    const entryPoints = Object.keys(bundle.context.PilotageCUCS.entryPoints);
    expect(entryPoints).toEqual(
      expect.arrayContaining(['onOpen', 'onInstall', 'installWorkbook', 'showHelp']),
    );
    for (const name of entryPoints) expect(code).toContain(`\nfunction ${name}() {`);
  });

  it('builds the menu in AuthMode.NONE without touching any other service', () => {
    const bundle = loadBundle({ authMode: 'NONE' });
    expect(bundle.fake.calls.total()).toBe(0); // loading the script touches no service
    bundle.call('onOpen', { authMode: 'NONE' });
    const [menu] = bundle.fake.ui.menus;
    expect(menu?.addon).toBe(true);
    expect(menuFunctions(menu!.items)).toContain('installWorkbook');
    const services = new Set(bundle.fake.calls.log.map((c) => c.split('.')[0]));
    expect(services).toEqual(new Set(['SpreadsheetApp', 'Ui', 'Menu']));
  });

  it('gives every menu item a top-level function', () => {
    const bundle = loadBundle();
    bundle.call('onOpen');
    const declared = bundle.topLevelFunctions();
    for (const fn of menuFunctions(bundle.fake.ui.menus[0]!.items)) expect(declared).toContain(fn);
  });

  it('gives every google.script.run target of the pages a top-level function', () => {
    const declared = loadBundle().topLevelFunctions();
    const targets = serverCallsOfPages();
    expect(targets.length).toBeGreaterThanOrEqual(10);
    for (const target of targets) expect([target, declared.includes(target)]).toEqual([target, true]);
  });

  it('installs the workbook through the bundle: the model chosen in the dialog, then upgrades at once', () => {
    const bundle = loadBundle();
    bundle.fake.htmlFiles.InstallDialog = '<!doctype html><title>Installer le classeur</title>';
    bundle.call('installWorkbook');
    expect(bundle.fake.ui.dialogs.map((d) => d.dialogTitle)).toEqual(['Installer le classeur']);
    expect(bundle.fake.spreadsheet.sheetNames()).not.toContain('Référentiel');
    const choices = bundle.call('presetChoices') as { id: string }[];
    expect(choices.map((c) => c.id)).toEqual(['cucs-brest-2006', 'contrat-de-ville-2015', 'quartiers-2030']);
    const summary = bundle.call('installWithPreset', { preset: 'contrat-de-ville-2015' }) as string;
    expect(summary).toContain('Feuille « Cohésion sociale » créée.');
    expect(bundle.fake.spreadsheet.sheetNames()).toEqual(
      expect.arrayContaining(['Référentiel', 'Cohésion sociale', 'Économie et emploi', 'Journal']),
    );
    bundle.call('installWorkbook');
    expect(bundle.fake.ui.dialogs).toHaveLength(1);
    expect(bundle.fake.ui.alerts.at(-1)?.message).toContain('déjà à jour');
    expect(() => bundle.call('installWithPreset', { preset: 'inconnu' })).toThrow('Modèle inconnu');
  });
  it.each(['stripped', 'kept'] as const)(
    'installs the workbook through the bundle (apostrophe in a @ cell %s)',
    (reading) => {
      const bundle = loadBundle({ plainTextApostrophe: reading });
      bundle.call('installWithPreset', { preset: 'cucs-brest-2006' });
      const headers = bundle.fake.spreadsheet.inspect.sheet('Paramètres').values[0];
      expect(headers).toEqual(['Paramètre', 'Valeur', 'Description']);
      expect(bundle.fake.spreadsheet.sheetNames()).toEqual(
        expect.arrayContaining(['Référentiel', 'Santé', 'Journal']),
      );
    },
  );
});
