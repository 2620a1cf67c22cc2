import { columnLetter } from '../src/core/problems';
import { runInstall } from '../src/gas/install';
import { createGasFake, type GasFake } from './fake';

function installedFake(): { fake: GasFake; uninstall: () => void } {
  const fake = createGasFake();
  const uninstall = fake.install();
  runInstall();
  return { fake, uninstall };
}

/** Puts the sheet's cells as a user would leave them: values verbatim, including formulas. */
function setCells(fake: GasFake, sheet: string, cells: Record<string, unknown>): void {
  const s = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(sheet)!;
  for (const [a1, value] of Object.entries(cells)) s.getRange(a1).setValue(value);
}

describe('install on a new workbook', () => {
  let fake: GasFake;
  let uninstall: () => void;
  beforeAll(() => ({ fake, uninstall } = installedFake()));
  afterAll(() => uninstall());

  it('creates every sheet in order', () => {
    expect(fake.spreadsheet.sheetNames()).toEqual([
      'Paramètres',
      'Référentiel',
      'Territoires',
      'Financeurs',
      'Renouvellement urbain, habitat',
      'Réussite éducative',
      'Insertion et emploi',
      'Santé',
      'Prévention de la délinquance',
      'Indicateurs',
      'Mesures',
      'Journal',
      'Contrôles',
      'Feuille 1',
    ]);
  });

  it('gives a domain sheet French headers with notes, formats, dropdowns and a frozen header row', () => {
    const sheet = fake.spreadsheet.inspect.sheet('Santé');
    const headers = sheet.values[0]!;
    expect(headers.slice(0, 4)).toEqual(['ID', 'Objectif', 'Ligne d’action', 'Intitulé de l’action']);
    expect(headers).toContain('Financement CAF (€)');
    expect(sheet.notes[0]![0]).toContain('Identifiant unique');
    expect(sheet.frozenRows).toBe(1);
    expect(sheet.numberFormats[1]![0]).toBe('@');
    const objective = sheet.validations[1]![1]!;
    expect(objective.criteria).toBe('VALUE_IN_LIST');
    const choices = objective.values[0] as string[];
    expect(choices[0]).toBe('SA1 — Mieux observer la santé');
    expect(choices.every((c) => c.startsWith('SA'))).toBe(true);
    const chantier = headers.indexOf('Chantier prioritaire');
    expect(sheet.validations[1]![chantier]!.criteria).toBe('CHECKBOX');
    expect(sheet.protections).toEqual([
      expect.objectContaining({
        type: 'RANGE',
        warningOnly: true,
        description: expect.stringContaining('en-têtes'),
      }),
    ]);
  });

  it('fills the référentiel, funders, settings and the top of the territories', () => {
    expect(fake.spreadsheet.inspect.sheet('Référentiel').values).toHaveLength(1 + 108);
    expect(fake.spreadsheet.inspect.sheet('Financeurs').values.map((r) => r[0])).toContain('CG29');
    expect(
      fake.spreadsheet.inspect
        .sheet('Territoires')
        .values.slice(1)
        .map((r) => r.slice(0, 3)),
    ).toEqual([
      ['BMO', 'Brest métropole océane', 'agglomération'],
      ['BREST', 'Brest', 'commune'],
    ]);
    const settings = fake.spreadsheet.inspect.sheet('Paramètres').values;
    expect(settings.find((r) => r[0] === 'Début du contrat')?.[1]).toEqual(new Date(2007, 0, 1));
  });

  it('protects the whole Journal with a warning and records the installation', () => {
    const journal = fake.spreadsheet.inspect.sheet('Journal');
    expect(journal.protections).toEqual([expect.objectContaining({ type: 'SHEET', warningOnly: true })]);
    expect(journal.values[1]?.[2]).toBe('installation / mise à jour');
  });
});

describe('install again on a filled workbook', () => {
  it('keeps every user cell, moved and added columns, formulas, notes and edited labels', () => {
    const { fake, uninstall } = installedFake();
    const ss = fake.globals.SpreadsheetApp.getActiveSpreadsheet();
    const santé = ss.getSheetByName('Santé')!;
    // The user moves « Statut » to column A, adds their own column with a formula and a note, and fills rows.
    santé.insertColumnsBefore(1, 1);
    const statusCol =
      (santé.getRange(1, 1, 1, santé.getLastColumn()).getValues()[0] as string[]).indexOf('Statut') + 1;
    santé.getRange(1, statusCol, 3, 1).setValues([[''], [''], ['']]);
    setCells(fake, 'Santé', {
      A1: 'Statut',
      A2: 'en cours',
      B2: 'SA-001',
      C2: 'SA1 — Mieux observer la santé',
      E2: 'Observatoire local de santé',
      F2: 'ORS Bretagne',
      A3: 'réalisée',
      B3: 'SA-002',
      E3: '=1+1 texte piégé',
    });
    const userCol = santé.getLastColumn() + 1;
    santé.insertColumnsAfter(santé.getMaxColumns(), 1);
    santé.getRange(1, userCol).setValue('Suivi interne');
    santé.getRange(2, userCol).setFormula('=ROW()');
    santé.getRange(1, userCol).setNote('ma note');
    santé.getRange(3, userCol).setValue('à relancer');
    setCells(fake, 'Référentiel', { E3: 'Observer la santé (libellé local)' });
    // A header typed with another case and without accents is recognised and repaired.
    const porteurCol =
      (santé.getRange(1, 1, 1, santé.getLastColumn()).getValues()[0] as string[]).indexOf(
        'Porteur (maître d’œuvre)',
      ) + 1;
    santé.getRange(1, porteurCol).setValue('porteur (maitre d’oeuvre)');

    const before = fake.snapshotSheet('Santé');
    const referentielBefore = fake.snapshotSheet('Référentiel');
    const summary = runInstall();
    const after = fake.snapshotSheet('Santé');

    expect(summary).toContain(
      'en-tête « porteur (maitre d’oeuvre) » rétabli en « Porteur (maître d’œuvre) »',
    );
    for (const [a1, cell] of Object.entries(before.cells)) {
      if (/^[A-Z]+1$/.test(a1)) continue; // header row: checked below
      expect([a1, after.cells[a1]?.value, after.cells[a1]?.formula]).toEqual([a1, cell.value, cell.formula]);
    }
    const headerAfter = fake.spreadsheet.inspect.sheet('Santé').values[0]!;
    expect(headerAfter[0]).toBe('Statut');
    expect(headerAfter[userCol - 1]).toBe('Suivi interne');
    expect(after.cells[`${columnLetter(userCol - 1)}1`]?.note).toBe('ma note');
    expect(fake.snapshotSheet('Référentiel').cells).toEqual(referentielBefore.cells);
    expect(fake.spreadsheet.sheetNames().filter((n) => n === 'Santé')).toHaveLength(1);
    uninstall();
  });

  it('says so when there is nothing to change, and adds a funder’s column when one is added', () => {
    const { fake, uninstall } = installedFake();
    expect(runInstall()).toBe('Le classeur est déjà à jour : aucune donnée modifiée.');
    const funders = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Financeurs')!;
    funders
      .getRange(funders.getLastRow() + 1, 1, 1, 4)
      .setValues([['FSE', 'Fonds social européen', 'Europe', true]]);
    expect(runInstall()).toContain('« Santé » : colonne « Financement FSE (€) » ajoutée.');
    expect(fake.spreadsheet.inspect.sheet('Santé').values[0]).toContain('Financement FSE (€)');
    uninstall();
  });

  it('makes as many service calls for 1,000 actions as for 10', () => {
    const callsFor = (rows: number): number => {
      const { fake, uninstall } = installedFake();
      const sheet = fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Santé')!;
      const values = Array.from({ length: rows }, (_, i) => [`SA-${i + 1}`, 'SA1', '', `Action ${i + 1}`]);
      sheet.insertRowsAfter(sheet.getMaxRows(), rows);
      sheet.getRange(2, 1, rows, 4).setValues(values);
      fake.calls.reset();
      runInstall();
      const total = fake.calls.total();
      uninstall();
      return total;
    };
    const small = callsFor(10);
    expect(callsFor(1000)).toBe(small);
    expect(small).toBeLessThan(500);
  });
});
