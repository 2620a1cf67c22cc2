/** @jest-environment-options {"globalsCleanup": "off"} */
// « Clôturer l’année… » and « Rouvrir une année clôturée… » on the Apps Script fake holding the demo:
// the Clôtures rows and the Journal, the sidebar's refusals, the report of the closed year, reopening.
import { closeYear, reopenYear } from '../src/gas/closing';
import { reportModel } from '../src/gas/report';
import { readAllGrids } from '../src/gas/sheets';
import { loadAction, saveMeasure, updateProgress } from '../src/gas/sidebar';
import { validateData } from '../src/gas/validate';
import { type DemoFake, installedDemo } from './sidebar-fixture';

let demo: DemoFake;
beforeEach(() => {
  demo = installedDemo('chef.projet@brest.fr');
});
afterEach(() => demo.restore());

const values = (sheet: string) => demo.fake.spreadsheet.inspect.sheet(sheet).values;
const lastJournal = () => values('Journal').at(-1)!.slice(1, 7);
const answer = (...texts: string[]) => {
  demo.fake.ui.nextPromptResponses.push(...texts.map((text) => ({ text, button: 'OK' })));
};
const lastAlert = () => demo.fake.ui.alerts.at(-1)!.message.replace(/[\u00a0\u202f]/g, ' ');
const measure2008 = {
  indicator: 'RU-IND-01',
  year: 2008,
  territory: 'BMO',
  value: 30,
  source: '',
  comment: '',
};
function report2008() {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const zone = ss.getSpreadsheetTimeZone();
  return reportModel(
    readAllGrids(ss, zone, new Set(['Journal', 'Contrôles'])),
    { year: 2008, scope: { kind: 'contract' } },
    new Date(2009, 4, 2),
  );
}
const texts = (doc: ReturnType<typeof report2008>) =>
  doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));

describe('closing a year from the menu', () => {
  it('stores the year in one read of each sheet and one write, journals it, and says so', () => {
    answer('2008', '');
    closeYear();
    expect(lastAlert()).toMatch(
      /^Année 2008 clôturée \(empreinte [0-9a-f]{8}-[0-9a-z]+, notée au Journal\)\./,
    );
    const closings = values('Clôtures');
    expect(closings.length).toBeGreaterThan(1);
    expect(closings[1]!.slice(0, 4)).toEqual([2008, 'clôture', expect.any(Date), 'chef.projet@brest.fr']);
    expect(lastJournal()).toEqual([
      'chef.projet@brest.fr',
      'clôture de l’année 2008',
      'Clôtures',
      '2008',
      '',
      expect.stringMatching(/^Empreinte : /),
    ]);
    expect(demo.fake.locks.held()).toBe(false);
    // One read per sheet the report reads, plus the Journal's header; the Clôtures rows and the Journal entry.
    const sheets = demo.fake.spreadsheet.sheetNames().length;
    expect(demo.fake.calls.count('Range.getValues')).toBeLessThanOrEqual(sheets);
    expect(demo.fake.calls.count('Range.setValues')).toBe(2);
  });

  it('then the sidebar refuses the year’s measures and progress, naming the closing', () => {
    answer('2008', '');
    closeYear();
    const refusal =
      /^L’année 2008 est clôturée \(clôture du \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} par chef\.projet@brest\.fr\) : ses mesures, ses avancées et ses freins ne peuvent plus être modifiés\./;
    const rows = values('Mesures').length;
    expect(() => saveMeasure(measure2008)).toThrow(refusal);
    expect(values('Mesures').length).toBe(rows);
    const loaded = loadAction({ domain: 'RU', id: 'RU-001', row: null });
    const progress = {
      domain: 'RU',
      id: 'RU-001',
      origin: { version: loaded.version, row: loaded.row },
      status: loaded.action.status,
      year: 2008,
      avancees: 'réécrit après le comité',
      freins: '',
    };
    expect(() => updateProgress(progress)).toThrow(refusal);
    expect(() => updateProgress({ ...progress, year: 2009 })).not.toThrow();
    expect(() => saveMeasure({ ...measure2008, year: 2009 })).not.toThrow();
  });

  it('keeps the 2008 report on the stored figures after a value changed in the sheet, and the validation flags it', () => {
    answer('2008', '');
    closeYear();
    const before = report2008();
    const grid = values('Mesures');
    const row = grid.findIndex((r) => r[0] === 'RU-IND-01' && r[1] === 2008 && r[2] === 'BMO') + 1;
    SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Mesures')!.getRange(row, 4).setValue(99);
    const after = report2008();
    const tables = (doc: typeof before) => doc.blocks.filter((b) => b.kind === 'table' || b.kind === 'chart');
    expect(tables(after)).toEqual(tables(before));
    expect(texts(after).join('\n')).toMatch(
      /Chiffres arrêtés le .* par chef\.projet@brest\.fr \(clôture de l’année 2008\)\./,
    );
    expect(texts(after).join('\n')).toContain(
      'Le classeur a changé depuis : 1 valeur de 2008 diffère de celles arrêtées',
    );
    validateData();
    const checks = values('Contrôles').map((r) => r.map(String).join(' | '));
    expect(
      checks.some(
        (c) =>
          c.includes(`| Mesures | ${row} | Valeur |`) &&
          c.includes('Mesure de 2008 modifiée depuis la clôture de 2008'),
      ),
    ).toBe(true);
  });

  it('refuses with errors and no reason, and says why', () => {
    SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Mesures')!.getRange(2, 4).setValue('beaucoup');
    answer('2008', '');
    closeYear();
    expect(lastAlert()).toMatch(
      /^La validation trouve 1 erreur : corrigez-les \(« Valider les données »\) avant de clôturer 2008, ou clôturez malgré tout en indiquant un motif\.$/,
    );
    expect(values('Clôtures')).toHaveLength(1);
    answer('2008', 'Comité tenu le 15 janvier');
    closeYear();
    expect(lastAlert()).toMatch(/^Année 2008 clôturée malgré 1 erreur/);
  });
});

describe('reopening from the menu', () => {
  it('needs a reason, is journaled, and lets the year change again', () => {
    answer('2008', '');
    closeYear();
    answer('2008', '');
    reopenYear();
    expect(lastAlert()).toBe('Indiquez le motif de la réouverture de 2008 : il est noté au Journal.');
    answer('2008', 'Valeur CAF corrigée');
    reopenYear();
    expect(lastAlert()).toMatch(/^Année 2008 rouverte/);
    expect(lastJournal()).toEqual([
      'chef.projet@brest.fr',
      'réouverture de l’année 2008',
      'Clôtures',
      '2008',
      expect.stringMatching(/^Clôture du /),
      'Motif : Valeur CAF corrigée',
    ]);
    expect(() => saveMeasure(measure2008)).not.toThrow();
  });

  it('does nothing when the user cancels', () => {
    demo.fake.ui.nextPromptResponses.push({ text: '', button: 'CANCEL' });
    closeYear();
    expect(values('Clôtures')).toHaveLength(1);
    expect(demo.fake.ui.alerts).toEqual([]);
  });
});
