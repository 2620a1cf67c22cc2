/** @jest-environment-options {"globalsCleanup": "off"} */
// Protections someone else set, against the Apps Script fake holding the installed demo workbook: a save,
// a validation or a report the user may not write is refused in French before any cell changes.
import { isDeepStrictEqual } from 'node:util';
import { frenchSpacing as fr } from '../src/core/typography';
import { runInstall } from '../src/gas/install';
import { generateReport } from '../src/gas/report';
import { loadAction, saveAction, saveMeasure, updateProgress } from '../src/gas/sidebar';
import { runValidation } from '../src/gas/validate';
import type { SheetSnapshot } from './fake';
import { type DemoFake, installedDemo, RU_SHEET } from './sidebar-fixture';
import { newAction } from './support/actions';

let demo: DemoFake;
beforeEach(() => {
  demo = installedDemo();
});
afterEach(() => demo.restore());

const OWNER_ONLY = { description: 'Verrou de la direction', editors: ['proprietaire@brest.fr'] };

const spreadsheet = () => demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet();
const sheet = (name: string) => spreadsheet().getSheetByName(name)!;

/** Every cell and setting of every sheet, to compare before and after a refused operation. */
function everything(): Map<string, SheetSnapshot> {
  const names = demo.fake.spreadsheet.sheetNames();
  return new Map(names.map((name) => [name, demo.fake.snapshotSheet(name)]));
}

/** Node's comparison (jest's toEqual takes seconds on whole workbooks), with jest's diff when it fails. */
function expectUnchanged(before: Map<string, SheetSnapshot>): void {
  const after = everything();
  if (isDeepStrictEqual(after, before)) return;
  expect(after).toEqual(before);
  throw new Error('Un attribut d’une feuille a changé (même valeur pour toEqual, différente pour Node).');
}

/** The owner replaces the add-on's warning-only protection of the Journal by a strict one of their own. */
function lockJournal(): void {
  const own = sheet('Journal').getProtections(demo.fake.globals.SpreadsheetApp.ProtectionType.SHEET);
  for (const protection of own) protection.remove();
  demo.fake.addProtection('Journal', OWNER_ONLY);
}

const JOURNAL_REFUSAL = fr(
  'La feuille « Journal » est protégée (protection « Verrou de la direction ») et vous ne pouvez pas y écrire : rien n’a été enregistré. Demandez à proprietaire@brest.fr de vous ajouter à ses éditeurs, puis recommencez.',
);

/** What the sidebar sends back: the version it loaded (a read, no write). */
function versionOf(id: string): { version: string; row: number } {
  const loaded = loadAction({ domain: 'RU', id, row: null });
  return { version: loaded.version, row: loaded.row };
}

const operations: [string, () => unknown][] = [
  ['creating an action', () => saveAction({ action: newAction(), origin: null })],
  [
    'a progress update',
    () =>
      updateProgress({
        domain: 'RU',
        id: 'RU-001',
        origin: versionOf('RU-001'),
        status: 'en cours',
        year: 2008,
        avancees: 'travaux engagés',
        freins: '',
      }),
  ],
  [
    'an indicator value',
    () =>
      saveMeasure({
        indicator: 'RU-IND-01',
        year: 2007,
        territory: 'Q-PONTANEZEN',
        value: 27.5,
        source: '',
        comment: '',
      }),
  ],
];

describe('a Journal strictly protected by someone else', () => {
  it.each(operations)('refuses %s in French, every cell of every sheet unchanged', (_, operation) => {
    lockJournal();
    const before = everything();
    expect(operation).toThrow(JOURNAL_REFUSAL);
    expectUnchanged(before);
  });

  it('refuses it every time it is retried: no action is ever created twice', () => {
    lockJournal();
    const before = everything();
    for (let i = 0; i < 3; i++)
      expect(() => saveAction({ action: newAction(), origin: null })).toThrow(JOURNAL_REFUSAL);
    expectUnchanged(before);
  });

  it('saves once the user is among its editors', () => {
    lockJournal();
    const [protection] = sheet('Journal').getProtections(
      demo.fake.globals.SpreadsheetApp.ProtectionType.SHEET,
    );
    protection!.addEditor('pilote.ru@brest.fr');
    expect(saveAction({ action: newAction(), origin: null }).message).toBe(
      'Action RU-009 créée (ligne 10 de « Renouvellement urbain, habitat »).',
    );
  });

  it('names whom to ask as the owner when the editors cannot be listed', () => {
    const own = sheet('Journal').getProtections(demo.fake.globals.SpreadsheetApp.ProtectionType.SHEET);
    for (const protection of own) protection.remove();
    demo.fake.addProtection('Journal', { editors: [] });
    expect(() => saveAction({ action: newAction(), origin: null })).toThrow(
      fr(
        'La feuille « Journal » est protégée et vous ne pouvez pas y écrire : rien n’a été enregistré. Demandez au propriétaire du classeur de vous ajouter à ses éditeurs, puis recommencez.',
      ),
    );
  });

  it('refuses the IDs a validation would give, before writing IDs, Journal or Contrôles', () => {
    const ru = sheet(RU_SHEET);
    const typed = ru.getRange(2, 1, 1, ru.getLastColumn()).getValues()[0]!;
    typed[0] = '';
    ru.getRange(ru.getLastRow() + 1, 1, 1, typed.length).setValues([typed]);
    lockJournal();
    const before = everything();
    expect(() => runValidation(spreadsheet(), new Date(2009, 5, 30))).toThrow(JOURNAL_REFUSAL);
    expectUnchanged(before);
  });

  it('refuses a report before the Google Doc is made', () => {
    lockJournal();
    const before = everything();
    expect(() => generateReport({ year: 2008, scope: { kind: 'contract' } })).toThrow(JOURNAL_REFUSAL);
    expect(demo.fake.documents).toHaveLength(0);
    expectUnchanged(before);
  });
});

describe('an install by someone a protection leaves out', () => {
  it('is refused before any sheet is written', () => {
    lockJournal();
    sheet('Mesures').getRange(1, 1).setValue('');
    const before = everything();
    expect(() => runInstall()).toThrow(JOURNAL_REFUSAL);
    expect(demo.fake.spreadsheet.inspect.sheet('Mesures').values[0]![0]).toBe('');
    expectUnchanged(before);
  });
});

describe('a domain sheet or Contrôles strictly protected by someone else', () => {
  it.each(operations.slice(0, 2))('refuses %s the same way', (_, operation) => {
    demo.fake.addProtection(RU_SHEET, OWNER_ONLY);
    const before = everything();
    expect(operation).toThrow(
      fr(
        `La feuille « ${RU_SHEET} » est protégée (protection « Verrou de la direction ») et vous ne pouvez pas y écrire : rien n’a été enregistré. Demandez à proprietaire@brest.fr de vous ajouter à ses éditeurs, puis recommencez.`,
      ),
    );
    expectUnchanged(before);
  });

  it('names the protected range when only the record’s row is covered', () => {
    demo.fake.addProtection('Mesures', { range: 'A2:Z400', editors: ['proprietaire@brest.fr'] });
    const before = everything();
    expect(operations[2]![1]).toThrow(
      fr('La plage A2:Z400 de la feuille « Mesures » est protégée et vous ne pouvez pas y écrire'),
    );
    expectUnchanged(before);
  });

  it('saves into the ranges a whole-sheet protection leaves open', () => {
    demo.fake.addProtection('Mesures', { ...OWNER_ONLY, unprotected: ['A2:Z'] });
    expect(operations[2]![1]).not.toThrow();
    demo.fake.addProtection('Journal', { range: 'A1:G1', editors: ['proprietaire@brest.fr'] });
    expect(operations[0]![1]).not.toThrow();
  });

  it('refuses a validation when Contrôles is protected, before writing anything', () => {
    demo.fake.addProtection('Contrôles', OWNER_ONLY);
    const before = everything();
    expect(() => runValidation(spreadsheet(), new Date(2009, 5, 30))).toThrow(
      fr('La feuille « Contrôles » est protégée (protection « Verrou de la direction »)'),
    );
    expectUnchanged(before);
  });

  it('saves when the protected cells are not the record’s: a range of the user’s own column', () => {
    const ru = sheet(RU_SHEET);
    const userColumn = ru.getLastColumn() + 1;
    if (userColumn > ru.getMaxColumns()) ru.insertColumnsAfter(ru.getMaxColumns(), 1);
    ru.getRange(1, userColumn).setValue('Mes notes');
    demo.fake.addProtection(RU_SHEET, {
      range: ru.getRange(1, userColumn, 100, 1).getA1Notation(),
      editors: ['proprietaire@brest.fr'],
    });
    expect(saveAction({ action: newAction(), origin: null }).row).toBe(10);
  });
});

describe('warning-only protections', () => {
  it('let every save through: the add-on’s own and one someone else set', () => {
    demo.fake.addProtection(RU_SHEET, {
      range: 'A1:Z200',
      warningOnly: true,
      editors: ['proprietaire@brest.fr'],
    });
    for (const [, operation] of operations) expect(operation).not.toThrow();
    expect(
      demo.fake.spreadsheet.inspect
        .sheet('Journal')
        .values.slice(-3)
        .map((row) => row[2]),
    ).toEqual(['création', 'avancement 2008', 'remplacement de mesure']);
  });
});

describe('service calls', () => {
  it('checks protections with a few calls per save, the same for 8 or 300 actions in the sheet', () => {
    const calls = () => {
      demo.fake.calls.reset();
      saveAction({ action: newAction(), origin: null });
      return demo.fake.calls.byMethod();
    };
    const small = calls();
    const ru = sheet(RU_SHEET);
    const rows = ru.getRange(2, 1, 8, ru.getLastColumn()).getValues();
    const many = Array.from({ length: 300 }, (_, i) => {
      const row = [...rows[i % 8]!];
      row[0] = `RU-${String(100 + i).padStart(3, '0')}`;
      return row;
    });
    ru.getRange(ru.getLastRow() + 1, 1, many.length, many[0]!.length).setValues(many);
    const large = calls();
    expect(large).toEqual(small);
    // The row's sheet and the Journal: both kinds of protection, and whether each found is warning-only.
    expect(small['Sheet.getProtections']).toBe(4);
    expect(small['Protection.isWarningOnly']).toBe(2);
    expect(small['Protection.canEdit']).toBeUndefined();
  });
});
