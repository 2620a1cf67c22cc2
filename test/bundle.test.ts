import type { MenuItemRecord } from './fake';
import { ensureBuilt, loadBundle } from './support/bundle';

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

  it('installs the workbook through the bundle', () => {
    const bundle = loadBundle();
    bundle.call('installWorkbook');
    expect(bundle.fake.spreadsheet.sheetNames()).toEqual(
      expect.arrayContaining(['Référentiel', 'Santé', 'Journal']),
    );
    expect(bundle.fake.ui.alerts[0]?.message).toContain('Feuille « Santé » créée.');
  });
});
