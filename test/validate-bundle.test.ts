/** « Valider les données » through the built dist/Code.js, as Apps Script runs it from the menu. */
import { frenchSpacing as fr } from '../src/core/typography';
import type { GasFake, PlainTextApostrophe } from './fake';
import { messyWorkbook } from './fixtures/messy';
import { ensureBuilt, type LoadedBundle, loadBundle } from './support/bundle';

const RU = 'Renouvellement urbain, habitat';

/** The installed workbook holding the messy data, loaded verbatim through the fake. */
function messyBundle(plainTextApostrophe: PlainTextApostrophe): LoadedBundle {
  const bundle = loadBundle({ plainTextApostrophe });
  bundle.call('installWithPreset', { preset: 'cucs-brest-2006' });
  const ss = bundle.fake.globals.SpreadsheetApp.getActiveSpreadsheet();
  for (const [name, grid] of messyWorkbook().grids) {
    const sheet = ss.getSheetByName(name)!;
    sheet.clearContents();
    const width = Math.max(...grid.map((row) => row.length));
    const columns = sheet.getMaxColumns();
    if (width > columns) sheet.insertColumnsAfter(columns, width - columns);
    bundle.fake.addSheetWithValues(name, grid as unknown[][]);
  }
  ss.getSheetByName('Indicateurs')!.getRange('L2:M2').merge();
  return bundle;
}

const values = (fake: GasFake, sheet: string) => fake.spreadsheet.inspect.sheet(sheet).values;

const READINGS: PlainTextApostrophe[] = ['stripped', 'kept'];

describe.each(READINGS)('validation through dist/Code.js (apostrophe in a @ cell %s)', (reading) => {
  beforeAll(() => {
    ensureBuilt();
  });

  it('offers « Valider les données » in the menu, with its top-level function', () => {
    const bundle = loadBundle();
    bundle.call('onOpen');
    const items = bundle.fake.ui.menus[0]!.items.flatMap((i) => (i.kind === 'item' ? [i] : []));
    expect(items.find((i) => i.caption === 'Valider les données')?.functionName).toBe('validateData');
    expect(bundle.topLevelFunctions()).toContain('validateData');
  });

  it('validates the messy workbook: dialog, Contrôles with links, IDs, highlights', () => {
    const bundle = messyBundle(reading);
    bundle.fake.calls.reset();
    bundle.call('validateData');
    const { fake } = bundle;
    const alert = fake.ui.alerts.at(-1);
    expect(alert!.title).toBe('Pilotage CUCS — validation');
    expect(alert!.message.split('\n').slice(0, 3)).toEqual([
      fr('24 erreurs et 17 avertissements :'),
      fr('• Renouvellement urbain, habitat : 1 erreur, 4 avertissements'),
      fr('• Réussite éducative : 2 erreurs, 2 avertissements'),
    ]);
    expect(alert!.message).toContain(fr('• RU-006 : Renouvellement urbain, habitat, ligne 7'));

    const checks = values(fake, 'Contrôles');
    expect(checks).toHaveLength(42);
    expect(checks[2]).toEqual([
      'avertissement',
      RU,
      4,
      'Objectif',
      'ru3',
      fr('« ru3 » n’est pas écrit comme dans le Référentiel : écrivez « RU3 ».'),
      'Aller en B4',
    ]);
    const gid = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(RU)!.getSheetId();
    expect(fake.snapshotSheet('Contrôles').cells.G3!.link).toBe(`#gid=${gid}&range=B4`);

    expect(values(fake, RU).map((row) => row[0])).toEqual([
      'ID',
      'RU-001',
      'RU-002',
      'RU-003',
      'RU-005',
      'RU-004',
      'RU-006',
    ]);
    expect(fake.spreadsheet.inspect.sheet(RU).conditionalRules.map((r) => r.ranges)).toEqual([
      ['C5'],
      ['B4', 'D7', 'G6', 'O3'],
    ]);
    expect(fake.calls.count('Range.getValues')).toBe(13);
  });

  it('says there is nothing to fix on the freshly installed workbook', () => {
    const bundle = loadBundle({ plainTextApostrophe: reading });
    bundle.call('installWithPreset', { preset: 'cucs-brest-2006' });
    bundle.call('validateData');
    expect(bundle.fake.ui.alerts.at(-1)!.message).toBe(
      fr('Aucun problème : les données sont prêtes pour le comité.'),
    );
  });
});
