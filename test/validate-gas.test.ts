/**
 * « Valider les données » against the Apps Script fake: what it writes (IDs, Journal, Contrôles with
 * links, highlight rules), what it never touches (every other cell, the user's formats, notes and rules),
 * and how many service calls it makes.
 */
import type { Grid } from '../src/core/cells';
import { frenchSpacing as fr } from '../src/core/typography';
import { MARK_FORMULA } from '../src/core/validate';
import { runInstall } from '../src/gas/install';
import { runValidation, sameFormula, validateData } from '../src/gas/validate';
import { createGasFake, type GasFake, type SheetSnapshot } from './fake';
import { messyWorkbook } from './fixtures/messy';
import { smallWorkbook, type Workbook } from './fixtures/workbook';

const RU = 'Renouvellement urbain, habitat';
const IE = 'Insertion et emploi';
const TODAY = new Date(2009, 5, 30);
const CHECKED = [
  'Paramètres',
  'Référentiel',
  'Territoires',
  'Financeurs',
  RU,
  'Réussite éducative',
  IE,
  'Santé',
  'Prévention de la délinquance',
  'Indicateurs',
  'Mesures',
];

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function spreadsheet(fake: GasFake): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return fake.globals.SpreadsheetApp.getActiveSpreadsheet();
}

function sheet(fake: GasFake, name: string): Sheet {
  return spreadsheet(fake).getSheetByName(name)!;
}

/** Puts a workbook's values into the installed sheets, verbatim (strings are not parsed), from A1. */
function load(fake: GasFake, grids: Workbook): void {
  for (const [name, grid] of grids) {
    const s = sheet(fake, name);
    s.clearContents();
    const width = Math.max(...grid.map((row) => row.length));
    if (width > s.getMaxColumns()) s.insertColumnsAfter(s.getMaxColumns(), width - s.getMaxColumns());
    fake.addSheetWithValues(name, grid as unknown[][]);
  }
}

/** An installed workbook holding the messy data, with the user's own formatting, note and rule. */
function messyFake(): { fake: GasFake; uninstall: () => void } {
  const fake = createGasFake();
  const uninstall = fake.install();
  runInstall();
  load(fake, messyWorkbook().grids);
  sheet(fake, 'Indicateurs').getRange('L2:M2').merge();
  const ru = sheet(fake, RU);
  ru.getRange('D3').setBackground('#00ff00').setNote('À revoir avec le bailleur');
  const userRule = fake.globals.SpreadsheetApp.newConditionalFormatRule()
    .whenCellEmpty()
    .setBackground('#cfe2f3')
    .setRanges([ru.getRange('E2:E50')])
    .build();
  ru.setConditionalFormatRules([userRule]);
  fake.calls.reset();
  return { fake, uninstall };
}

function snapshots(fake: GasFake): Map<string, SheetSnapshot> {
  return new Map(CHECKED.map((name) => [name, fake.snapshotSheet(name)]));
}

describe('validation of the messy workbook in the spreadsheet', () => {
  let fake: GasFake;
  let uninstall: () => void;
  let before: Map<string, SheetSnapshot>;
  let run: ReturnType<typeof runValidation>;
  beforeAll(() => {
    ({ fake, uninstall } = messyFake());
    before = snapshots(fake);
    run = runValidation(spreadsheet(fake), TODAY);
  });
  afterAll(() => uninstall());

  it('changes no user cell but the two IDs it assigns, and keeps the user’s rule, format and note', () => {
    const after = snapshots(fake);
    for (const name of CHECKED) {
      const b = before.get(name)!;
      const a = after.get(name)!;
      const { conditionalRules: rulesBefore, ...restBefore } = b;
      const { conditionalRules: rulesAfter, ...restAfter } = a;
      if (name === RU) {
        const { A5, A7, ...cellsAfter } = a.cells;
        const { A5: A5before, A7: A7before, ...cellsBefore } = b.cells;
        expect(A5).toEqual({ ...A5before, value: 'RU-005' });
        expect(A7).toEqual({ ...A7before, value: 'RU-006' });
        expect({ ...restAfter, cells: cellsAfter }).toEqual({ ...restBefore, cells: cellsBefore });
      } else {
        expect(restAfter).toEqual(restBefore);
      }
      // The rules of the add-on come first; the user's own rules follow, unchanged.
      const own = rulesAfter.filter((r) => ['#f4c7c3', '#fce8b2'].includes(String(r.format.background)));
      expect(rulesAfter.slice(own.length)).toEqual(rulesBefore);
    }
    expect(after.get(RU)!.cells.D3).toEqual(
      expect.objectContaining({
        note: 'À revoir avec le bailleur',
        formats: { background: '#00ff00', numberFormat: '@' },
      }),
    );
  });

  it('highlights the problem cells of each sheet with two rules it owns', () => {
    const ie = fake.spreadsheet.inspect.sheet(IE).conditionalRules;
    expect(ie).toEqual([
      expect.objectContaining({
        criteria: 'CUSTOM_FORMULA',
        values: ['=TRUE'],
        ranges: ['A2', 'A4', 'P4', 'AD1'],
        format: expect.objectContaining({ background: '#f4c7c3' }),
      }),
      expect.objectContaining({
        criteria: 'CUSTOM_FORMULA',
        values: ['=TRUE'],
        ranges: ['O4', 'Z2'],
        format: expect.objectContaining({ background: '#fce8b2' }),
      }),
    ]);
    expect(fake.spreadsheet.inspect.sheet('Paramètres').conditionalRules).toEqual([]);
  });

  it('writes one Contrôles row per problem, with a link that jumps to the cell', () => {
    const checks = fake.spreadsheet.inspect.sheet('Contrôles');
    expect(checks.values[0]).toEqual(['Gravité', 'Feuille', 'Ligne', 'Colonne', 'Valeur', 'Message', 'Lien']);
    expect(checks.values).toHaveLength(42);
    expect(checks.values[1]).toEqual([
      'avertissement',
      RU,
      3,
      'Budget prévu (€)',
      '20 000,00 €',
      fr(
        '« 20 000,00 € » est saisi comme du texte : il est lu comme 20\u00a0000. Ressaisissez-le comme un nombre pour que le tableur le reconnaisse.',
      ),
      'Aller en O3',
    ]);
    const ruId = sheet(fake, RU).getSheetId();
    const snapshot = fake.snapshotSheet('Contrôles');
    expect(snapshot.cells.G2!.link).toBe(`#gid=${ruId}&range=O3`);
    const mesures = sheet(fake, 'Mesures').getSheetId();
    expect(checks.values[41]!.slice(1, 3)).toEqual(['Mesures', 23]);
    expect(snapshot.cells.G42!.link).toBe(`#gid=${mesures}&range=D23`);
    const sante = sheet(fake, 'Santé').getSheetId();
    const renamed = checks.values.findIndex((row) => row[1] === 'Santé' && row[3] === 'Date de fin');
    expect(checks.values[renamed]![6]).toBe('Aller à la ligne 1');
    expect(snapshot.cells[`G${renamed + 1}`]!.link).toBe(`#gid=${sante}&range=A1:1`);
  });

  it('journals the assigned IDs', () => {
    const journal = fake.spreadsheet.inspect.sheet('Journal').values;
    const rows = journal.slice(1).filter((r) => r[2] === 'attribution d’ID (validation)');
    expect(rows.map((r) => r.slice(1))).toEqual([
      ['agent@brest.fr', 'attribution d’ID (validation)', RU, 'RU-005', '', 'ID : RU-005 (ligne 5)'],
      ['agent@brest.fr', 'attribution d’ID (validation)', RU, 'RU-006', '', 'ID : RU-006 (ligne 7)'],
    ]);
  });

  it('reads each sheet once and writes at most twice per sheet', () => {
    const calls = fake.calls.byMethod();
    // 13 checked sheets (Décisions and Clôtures included), plus the header rows of Contrôles and of the Journal.
    expect(calls['Range.getValues']).toBe(15);
    expect(calls['Range.getMergedRanges']).toBe(13);
    // The RU IDs (rows 5 and 7, RU-004 in between): one write, after checking row 6 holds no formula.
    expect(calls['Range.getFormulas']).toBe(1);
    // RU IDs, the Journal, Contrôles.
    expect(calls['Range.setValues']).toBe(3);
    expect(calls['Range.setRichTextValues']).toBe(1);
    // Sheets with problems (7), and none for the user's RU rule alone: RU has problems too.
    expect(calls['Sheet.setConditionalFormatRules']).toBe(7);
    expect(calls['Sheet.getConditionalFormatRules']).toBe(13);
  });

  it('returns the summary the dialog shows', () => {
    expect(run.summary.split('\n')[0]).toBe(fr('24 erreurs et 17 avertissements :'));
    expect(run.result.idAssignments).toHaveLength(2);
  });
});

describe('validating again', () => {
  it('replaces its own highlights and Contrôles rows, and clears them once everything is fixed', () => {
    const { fake, uninstall } = messyFake();
    try {
      runValidation(spreadsheet(fake), TODAY);
      runValidation(spreadsheet(fake), TODAY);
      expect(fake.spreadsheet.inspect.sheet(IE).conditionalRules).toHaveLength(2);
      expect(fake.spreadsheet.inspect.sheet('Contrôles').values).toHaveLength(42);
      expect(fake.spreadsheet.inspect.sheet('Journal').values.filter((r) => r[3] === RU)).toHaveLength(2);

      load(fake, smallWorkbook());
      sheet(fake, 'Indicateurs').getRange('L2:M2').breakApart();
      const { result, summary } = runValidation(spreadsheet(fake), TODAY);
      expect(result.problems).toEqual([]);
      expect(summary).toBe(fr('Aucun problème : les données sont prêtes pour le comité.'));
      expect(fake.spreadsheet.inspect.sheet('Contrôles').values).toEqual([
        ['Gravité', 'Feuille', 'Ligne', 'Colonne', 'Valeur', 'Message', 'Lien'],
      ]);
      expect(fake.snapshotSheet('Contrôles').cells.G2?.link ?? null).toBeNull();
      expect(fake.spreadsheet.inspect.sheet(IE).conditionalRules).toEqual([]);
      expect(fake.spreadsheet.inspect.sheet(RU).conditionalRules).toEqual([
        expect.objectContaining({ criteria: 'CELL_EMPTY', ranges: ['E2:E50'] }),
      ]);
    } finally {
      uninstall();
    }
  });

  it('writes IDs scattered among cells that are not plain IDs one run at a time', () => {
    const fake = createGasFake();
    const uninstall = fake.install();
    try {
      runInstall();
      const grids = smallWorkbook();
      const ru = grids.get(RU) as Grid;
      ru[1]![0] = '';
      ru[2]![0] = 'ancien n°2';
      ru[3]![0] = '';
      load(fake, grids);
      fake.calls.reset();
      const { result } = runValidation(spreadsheet(fake), TODAY);
      expect(result.idAssignments.map((a) => [a.row, a.id])).toEqual([
        [2, 'RU-001'],
        [4, 'RU-002'],
      ]);
      const values = fake.spreadsheet.inspect.sheet(RU).values;
      expect(values.slice(1, 4).map((r) => r[0])).toEqual(['RU-001', 'ancien n°2', 'RU-002']);
      expect(fake.calls.count('Range.getFormulas')).toBe(0);
    } finally {
      uninstall();
    }
  });
});

describe('the menu item', () => {
  it('shows the summary in a dialog and toasts the counts', () => {
    const { fake, uninstall } = messyFake();
    try {
      validateData();
      expect(fake.ui.alerts).toHaveLength(1);
      expect(fake.ui.alerts[0]!.title).toBe('Pilotage CUCS — validation');
      expect(fake.ui.alerts[0]!.message).toContain(fr('• Santé : 3 erreurs, 2 avertissements'));
      expect(fake.ui.toasts.map((t) => t.message)).toEqual([
        'Contrôle des feuilles en cours…',
        '24 erreurs, 17 avertissements.',
      ]);
    } finally {
      uninstall();
    }
  });
});

describe('recognising the add-on’s highlight formula as Sheets may hand it back', () => {
  it('ignores case, spaces, French names, empty parentheses and separators', () => {
    for (const variant of [
      '=TRUE',
      '=true',
      '=True()',
      '=TRUE()',
      '=VRAI()',
      '=vrai',
      ' = TRUE ',
      '=TRUE( )',
    ]) {
      expect([variant, sameFormula(variant, MARK_FORMULA)]).toEqual([variant, true]);
    }
    for (const other of ['=FALSE', '=TRUE()+1', '=A1', 'TRUE', '', null, 1]) {
      expect([other, sameFormula(other, MARK_FORMULA)]).toEqual([other, false]);
    }
  });
});
