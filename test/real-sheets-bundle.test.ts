/**
 * What real Google Sheets may do that an easy fake would not, through the built dist/Code.js: a
 * spreadsheet whose time zone is not the script's (Europe/Paris, see test/support/script-time-zone.js),
 * both readings of a leading apostrophe in a plain-text cell, a user's array formula, rich text, formula
 * and number headers, a user's own protection, no document lock, highlight rules as Sheets rewrites them.
 */

import type { Grid } from '../src/core/cells';
import { buildDemoWorkbook } from '../src/core/demo';
import type { PlainTextApostrophe } from './fake';
import { instantInZone } from './fake/services';
import { newAction } from './support/actions';
import { ensureBuilt, type LoadedBundle, loadBundle } from './support/bundle';

const ZONES = [
  'Europe/Paris',
  'Indian/Reunion',
  'America/Cayenne',
  'America/Martinique',
  'Pacific/Noumea',
  'Etc/GMT',
];
const READINGS: PlainTextApostrophe[] = ['stripped', 'kept'];
const RU = 'Renouvellement urbain, habitat';
const TRICKY_TEXTS = ['=x', '0123', '+33 2 98 00 00 00', '-jeunes', '@mairie', "'déjà cité'"];

const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The demo's dates as a person in that spreadsheet typed them: midnight of the day in its zone. */
function typedInZone(grid: Grid, zone: string): unknown[][] {
  return grid.map((row) =>
    row.map((v) =>
      v instanceof Date ? new Date(instantInZone(zone, v.getFullYear(), v.getMonth() + 1, v.getDate())) : v,
    ),
  );
}

function demoBundle(zone: string, reading: PlainTextApostrophe): LoadedBundle {
  const bundle = loadBundle({ spreadsheetTimeZone: zone, plainTextApostrophe: reading });
  bundle.call('installWithPreset', { preset: 'cucs-brest-2006' });
  for (const [name, grid] of buildDemoWorkbook())
    bundle.fake.addSheetWithValues(name, typedInZone(grid, zone));
  bundle.fake.calls.reset();
  return bundle;
}

const spreadsheet = (bundle: LoadedBundle) => bundle.fake.globals.SpreadsheetApp.getActiveSpreadsheet();

function displayed(bundle: LoadedBundle, sheetName: string): string[][] {
  return spreadsheet(bundle).getSheetByName(sheetName)!.getDataRange().getDisplayValues();
}

function column(bundle: LoadedBundle, sheetName: string, header: string): number {
  return displayed(bundle, sheetName)[0]!.indexOf(header);
}

beforeAll(() => {
  ensureBuilt();
});

describe.each(READINGS)('apostrophe in a plain-text cell %s', (reading) => {
  describe.each(ZONES)('spreadsheet in %s, script in Europe/Paris', (zone) => {
    it('installs « Début du contrat » as 01/01/2007 at midnight in the spreadsheet', () => {
      const bundle = loadBundle({ spreadsheetTimeZone: zone, plainTextApostrophe: reading });
      bundle.call('installWithPreset', { preset: 'cucs-brest-2006' });
      const rows = displayed(bundle, 'Paramètres');
      const start = rows.find((row) => row[0] === 'Début du contrat')!;
      expect(start[1]).toBe('01/01/2007');
      expect(rows.find((row) => row[0] === 'Fin du contrat')![1]).toBe('31/12/2009');
    });

    it('loads the dates typed in the sheet, and a save of the title leaves every other cell identical', () => {
      const bundle = demoBundle(zone, reading);
      const before = bundle.fake.snapshotSheet(RU);
      const shownBefore = displayed(bundle, RU);
      const loaded = json(bundle.call('loadAction', { domain: 'RU', id: 'RU-001', row: null })) as {
        action: { startDate: string; endDate: string | null; title: string };
        version: string;
        row: number;
      };
      const startColumn = column(bundle, RU, 'Date de début');
      const [d, m, y] = shownBefore[loaded.row - 1]![startColumn]!.split('/');
      expect(loaded.action.startDate).toBe(`${y}-${m}-${d}`);
      for (const title of ['Résidentialisation (1)', 'Résidentialisation (2)']) {
        const current = json(
          bundle.call('loadAction', { domain: 'RU', id: 'RU-001', row: null }),
        ) as typeof loaded;
        bundle.call('saveAction', {
          action: { ...current.action, title },
          origin: { version: current.version, row: current.row },
        });
      }
      const after = bundle.fake.snapshotSheet(RU);
      const shownAfter = displayed(bundle, RU);
      const changed = ['Intitulé de l’action', 'Mis à jour le', 'Mis à jour par'].map((h) =>
        column(bundle, RU, h),
      );
      const differences = shownBefore.flatMap((row, r) =>
        row.flatMap((text, c) =>
          shownAfter[r]![c] === text || (r === loaded.row - 1 && changed.includes(c))
            ? []
            : [`${letter(c + 1)}${r + 1}: ${text} → ${shownAfter[r]![c]}`],
        ),
      );
      expect(differences).toEqual([]);
      expect(shownAfter[loaded.row - 1]![changed[0]!]).toBe('Résidentialisation (2)');
      const untouched = Object.keys(before.cells).filter((a1) => !a1.endsWith(String(loaded.row)));
      expect(
        untouched.filter((a1) => JSON.stringify(after.cells[a1]) !== JSON.stringify(before.cells[a1])),
      ).toEqual([]);
    });

    it('writes texts that Sheets could reinterpret exactly as typed, and reads them back', () => {
      const bundle = demoBundle(zone, reading);
      const [title, porteur, partners, publicCible, participationHow, avancees] = TRICKY_TEXTS;
      const typed = { title, porteur, partners, publicCible, participationHow, avancees };
      const saved = json(bundle.call('saveAction', { action: newAction(typed), origin: null })) as {
        row: number;
        action: typeof typed & { id: string };
      };
      expect(saved.action).toMatchObject(typed);
      const row = displayed(bundle, RU)[saved.row - 1]!;
      for (const text of TRICKY_TEXTS) expect(row).toContain(text);
      const formulas = spreadsheet(bundle).getSheetByName(RU)!.getDataRange().getFormulas();
      expect(formulas[saved.row - 1]!.every((f) => f === '')).toBe(true);
      const reloaded = json(bundle.call('loadAction', { domain: 'RU', id: saved.action.id, row: null })) as {
        action: typeof typed;
      };
      expect(reloaded.action).toMatchObject(typed);
    });

    it('validates with the dates as typed, and writes the IDs it assigns as plain text', () => {
      const bundle = demoBundle(zone, reading);
      const sheet = spreadsheet(bundle).getSheetByName(RU)!;
      const idColumn = column(bundle, RU, 'ID') + 1;
      sheet.getRange(3, idColumn).setValue('');
      sheet.getRange(4, idColumn).setValue('');
      bundle.call('validateData');
      const problems = displayed(bundle, 'Contrôles').slice(1);
      expect(problems.filter((p) => /date|période/i.test(p[5] ?? ''))).toEqual([]);
      const ids = displayed(bundle, RU).map((row) => row[idColumn - 1]);
      expect(ids.slice(2, 4)).toEqual(['RU-009', 'RU-010']);
      expect(bundle.fake.spreadsheet.inspect.sheet(RU).numberFormats[2]![idColumn - 1]).toBe('@');
    });
  });

  describe('in a spreadsheet in Indian/Reunion', () => {
    const zone = 'Indian/Reunion';

    it('never writes the user’s columns: array formula, rich text, formula and number headers stay', () => {
      const bundle = demoBundle(zone, reading);
      const ss = spreadsheet(bundle);
      const sheet = ss.getSheetByName(RU)!;
      const title = column(bundle, RU, 'Intitulé de l’action') + 1;
      // The user's column between the title and the porteur, computed by an ARRAYFORMULA over the rows.
      sheet.insertColumnsAfter(title, 1);
      const rows = sheet.getLastRow();
      const lengths = displayed(bundle, RU)
        .slice(1)
        .map((row) => [row[title - 1]!.length]);
      bundle.fake.addArrayFormula(RU, `${letter(title + 1)}2`, '=ARRAYFORMULA(LEN(D2:D))', lengths);
      sheet.getRange(1, title + 1).setFormula('=UPPER("mes notes")');
      const last = sheet.getLastColumn();
      sheet.insertColumnsAfter(last, 2);
      sheet.getRange(1, last + 1).setValue(2008);
      const link = bundle.fake.globals.SpreadsheetApp.newRichTextValue()
        .setText('Compte rendu')
        .setLinkUrl('https://exemple.fr/cr')
        .build();
      sheet.getRange(2, last + 2).setRichTextValue(link);
      sheet.getRange(2, last + 2, rows - 1, 1).setNumberFormat('0.0');
      const userCells = (snapshot: ReturnType<typeof bundle.fake.snapshotSheet>) =>
        Object.entries(snapshot.cells).filter(([a1]) =>
          [letter(title + 1), letter(last + 1), letter(last + 2)].includes(a1.replace(/\d+$/, '')),
        );
      const before = userCells(bundle.fake.snapshotSheet(RU));
      expect(before.length).toBeGreaterThan(rows);

      const loaded = json(bundle.call('loadAction', { domain: 'RU', id: 'RU-002', row: null })) as {
        action: Record<string, unknown>;
        version: string;
        row: number;
      };
      bundle.call('saveAction', {
        action: { ...loaded.action, title: 'Diagnostic en marchant 2008', porteur: 'Ville de Brest' },
        origin: { version: loaded.version, row: loaded.row },
      });
      bundle.call('updateProgress', {
        domain: 'RU',
        id: 'RU-002',
        origin: {
          version: (
            bundle.call('loadAction', { domain: 'RU', id: 'RU-002', row: null }) as { version: string }
          ).version,
          row: loaded.row,
        },
        status: 'en cours',
        year: 2008,
        avancees: 'Les ateliers ont commencé',
        freins: '',
      });
      bundle.call('installWithPreset', { preset: 'cucs-brest-2006' });
      bundle.call('validateData');
      expect(userCells(bundle.fake.snapshotSheet(RU))).toEqual(before);
      expect(displayed(bundle, RU)[0]![last]).toBe('2008');
    });

    it('leaves a strict protection the user set on the Journal exactly as it was, and says so', () => {
      const bundle = loadBundle({ spreadsheetTimeZone: zone, plainTextApostrophe: reading });
      const ss = spreadsheet(bundle);
      const journal = ss.insertSheet('Journal');
      journal.protect().setDescription('Verrouillé par la DSU');
      const summary = bundle.call('installWithPreset', { preset: 'cucs-brest-2006' }) as string;
      expect(bundle.fake.spreadsheet.inspect.sheet('Journal').protections).toEqual([
        expect.objectContaining({ type: 'SHEET', description: 'Verrouillé par la DSU', warningOnly: false }),
      ]);
      expect(summary).toContain(
        'La feuille « Journal » est protégée par une protection qui n’est pas celle de Pilotage CUCS : elle a été laissée telle quelle.',
      );
      bundle.call('installWithPreset', { preset: 'cucs-brest-2006' });
      expect(bundle.fake.spreadsheet.inspect.sheet('Journal').protections).toHaveLength(1);
    });

    it('saves with the script lock when there is no document lock, and refuses in French with neither', () => {
      const bundle = demoBundle(zone, reading);
      bundle.fake.locks.unavailable = ['document'];
      const action = newAction();
      bundle.call('saveAction', { action, origin: null });
      expect(bundle.fake.calls.count('LockService.getScriptLock')).toBe(1);
      expect(bundle.fake.locks.held()).toBe(false);
      bundle.fake.locks.unavailable = ['document', 'script'];
      const before = bundle.fake.snapshotSheet(RU);
      expect(() => bundle.call('saveAction', { action, origin: null })).toThrow(
        'Impossible de réserver le classeur pour écrire (aucun verrou disponible) : rien n’a été modifié.',
      );
      expect(bundle.fake.snapshotSheet(RU)).toEqual(before);
    });

    it('writes a problem’s value that looks like a formula or a number into Contrôles as text', () => {
      const bundle = demoBundle(zone, reading);
      const status = column(bundle, RU, 'Statut');
      const rows = buildDemoWorkbook()
        .get(RU)!
        .map((row) => [...row]);
      rows[1]![status] = '=x';
      rows[2]![status] = '0123';
      bundle.fake.addSheetWithValues(RU, typedInZone(rows, zone));
      bundle.call('validateData');
      const checks = spreadsheet(bundle).getSheetByName('Contrôles')!.getDataRange();
      const values = checks.getValues().map((row) => row[4]);
      expect(values).toEqual(expect.arrayContaining(['=x', '0123']));
      expect(
        checks
          .getFormulas()
          .flat()
          .every((f) => f === ''),
      ).toBe(true);
    });

    it('recognises its highlight rules as Sheets may hand them back, and replaces them', () => {
      const bundle = demoBundle(zone, reading);
      const app = bundle.fake.globals.SpreadsheetApp;
      const sheet = spreadsheet(bundle).getSheetByName(RU)!;
      const variants = ['=true', '=VRAI()', '= TRUE()'].map((formula) =>
        app
          .newConditionalFormatRule()
          .whenFormulaSatisfied(formula)
          .setBackground('#f4c7c3')
          .setRanges([sheet.getRange('B2')])
          .build(),
      );
      const users = app
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=TRUE')
        .setBackground('#00ff00')
        .setRanges([sheet.getRange('C2')])
        .build();
      sheet.setConditionalFormatRules([...variants, users]);
      bundle.call('validateData');
      const rules = bundle.fake.spreadsheet.inspect.sheet(RU).conditionalRules;
      expect(rules.filter((r) => r.format.background === '#f4c7c3')).toHaveLength(0);
      expect(rules.filter((r) => r.format.background === '#00ff00')).toHaveLength(1);
    });
  });
});

function letter(column: number): string {
  let n = column;
  let text = '';
  while (n > 0) {
    text = String.fromCharCode(65 + ((n - 1) % 26)) + text;
    n = Math.floor((n - 1) / 26);
  }
  return text;
}
