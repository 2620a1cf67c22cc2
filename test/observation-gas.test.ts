/** @jest-environment-options {"globalsCleanup": "off"} */
// « Importer des données d’observation… » against the Apps Script fake holding the installed demo.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { CellValue } from '../src/core/cells';
import { importObservations, importPreview, openImportDialog } from '../src/gas/observation';
import { wideXlsx } from './observation-xlsx';
import { type DemoFake, installedDemo } from './sidebar-fixture';

const FIXTURES = join(__dirname, 'fixtures', 'observation');
const file = (name: string) => readFileSync(join(FIXTURES, name)).toString('base64');
const WIDE = { fileName: 'insee.csv', content: file('insee-large-cp1252.csv'), year: 2006, mapping: {} };
const LONG = { fileName: 'long.csv', content: file('long-utf8.csv'), year: null, mapping: {} };

let demo: DemoFake;
beforeEach(() => {
  demo = installedDemo();
});
afterEach(() => demo.restore());

const values = (sheet: string) => demo.fake.spreadsheet.inspect.sheet(sheet).values;
const header = (sheet: string) => values(sheet)[0]!.map(String);
const measureRows = () =>
  values('Mesures')
    .slice(1)
    .filter((r) => r[0] !== '');

/** Every value row of the demo's Mesures for a (indicator, year, territory). */
function find(indicator: string, year: number, territory: string) {
  const h = header('Mesures');
  return measureRows().filter(
    (r) =>
      r[h.indexOf('Indicateur')] === indicator &&
      r[h.indexOf('Année')] === year &&
      r[h.indexOf('Territoire')] === territory,
  );
}

describe('importing observation data in the add-on', () => {
  it('opens its dialog from the menu', () => {
    demo.fake.htmlFiles.ImportDialog = '<p>Import</p>';
    openImportDialog();
    expect(demo.fake.ui.dialogs).toEqual([
      expect.objectContaining({
        dialogTitle: 'Importer des données d’observation',
        content: '<p>Import</p>',
        modal: true,
      }),
    ]);
  });

  it('previews without writing anything', () => {
    const preview = importPreview(LONG);
    expect(preview.summary).toBe('0 valeur créée, 1 remplacée, 4 inchangées, 3 ignorées.');
    expect(preview.changes).toBe(true);
    expect(demo.fake.calls.count('Range.set')).toBe(0);
  });

  it('replaces a value in its row, keeps the mark, journals, and a second import changes nothing', () => {
    const rows = measureRows().length;
    const journal = values('Journal').length;
    expect(importObservations(LONG).message).toMatch(/^Import terminé : 0 valeur créée, 1 remplacée/);
    const h = header('Mesures');
    const [defm] = find('CTX-DEFM', 2008, 'BREST');
    expect([defm![h.indexOf('Valeur')], defm![h.indexOf('Statut de la valeur')]]).toEqual([
      '',
      'non disponible',
    ]);
    expect(measureRows()).toHaveLength(rows);
    expect(values('Journal')).toHaveLength(journal + 1);
    expect(values('Journal').at(-1)!.slice(1, 5)).toEqual([
      'pilote.ru@brest.fr',
      'import de données d’observation',
      'Mesures',
      'long.csv',
    ]);
    expect(importObservations(LONG).message).toMatch(/^Rien à écrire/);
    expect(values('Journal')).toHaveLength(journal + 1);
  });

  it('imports INSEE’s wide layout in Windows-1252 and remembers a variable tied to an indicator', () => {
    const preview = importPreview({ ...WIDE, mapping: { P06_MEN: 'CTX-POP' } });
    // The demo already holds these 2006 values: only the tie of P06_MEN is new.
    expect(preview.summary).toBe('0 valeur créée, 0 remplacée, 19 inchangées, 10 ignorées.');
    expect(preview.unknownVariables).toEqual([]);
    importObservations({ ...WIDE, mapping: { P06_MEN: 'CTX-POP' } });
    const indicators = values('Indicateurs');
    const column = header('Indicateurs').indexOf('Variables sources');
    expect(indicators.find((r) => r[0] === 'CTX-POP')![column]).toBe('P06_POP ; P06_MEN');
    expect(values('Journal').at(-1)![2]).toBe('correspondance de variables d’observation');
  });

  it('makes as many service calls for a big file as for a small one, .csv or .xlsx', async () => {
    const callsFor = (fileName: string, content: Buffer) => {
      const d = installedDemo();
      try {
        importObservations({ ...LONG, fileName, content: content.toString('base64') });
        return d.fake.calls.total();
      } finally {
        d.restore();
      }
    };
    const lines = (territories: string[]) =>
      territories.map((t, i) => [t, 'CTX-POP', 2007, 1000 + i] as CellValue[]);
    const csv = (territories: string[]) =>
      Buffer.from(
        `territoire;indicateur;année;valeur\n${lines(territories)
          .map((l) => l.join(';'))
          .join('\n')}\n`,
      );
    const xlsx = async (territories: string[]) => {
      const workbook = new Workbook();
      workbook
        .addWorksheet('Données')
        .addRows([['Territoire', 'Indicateur', 'Année', 'Valeur'], ...lines(territories)]);
      return Buffer.from(await workbook.xlsx.writeBuffer());
    };
    const quartiers = ['QP029001', 'QP029002', 'QP029003', 'QP029004', 'QP029005', 'QP029006', 'QP029007'];
    demo.restore();
    expect(callsFor('f.csv', csv(quartiers))).toBe(callsFor('f.csv', csv(quartiers.slice(0, 1))));
    expect(callsFor('f.xlsx', await xlsx(quartiers))).toBe(
      callsFor('f.xlsx', await xlsx(quartiers.slice(0, 1))),
    );
    demo = installedDemo();
  });

  it('writes only the cells it changes: the user’s formulas, arrays and links around them stay', () => {
    const ss = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet();
    const sheet = ss.getSheetByName('Mesures')!;
    const rowOf = (territory: string) =>
      values('Mesures').findIndex((r) => r[0] === 'RU-IND-01' && r[1] === 2007 && r[2] === territory) + 1;
    const [bmo, pontanezen, bellevue] = [rowOf('BMO'), rowOf('Q-PONTANEZEN'), rowOf('Q-BELLEVUE')];
    expect([pontanezen, bellevue]).toEqual([bmo + 1, bmo + 2]);
    // A user column between Valeur and Source, and two after the add-on's own columns.
    sheet.insertColumnAfter(4);
    const width = header('Mesures').length;
    sheet.getRange(1, 5).setValue('Écart');
    sheet.getRange(1, width + 1, 1, 2).setValues([['Contrôle', 'Longueur']]);
    for (const row of [bmo, pontanezen, bellevue]) {
      sheet.getRange(row, 5).setFormula(`=D${row}-D2`);
      sheet.getRange(row, width + 1).setFormula(`=LEN(C${row})`);
    }
    demo.fake.addArrayFormula(
      'Mesures',
      `${String.fromCharCode(65 + width + 1)}${bmo}`,
      '=ARRAYFORMULA(LEN(A2:A4))',
      [[9], [9], [9]],
    );
    // In the add-on's own columns: a formula in the value of the row between, a link in a comment.
    sheet.getRange(pontanezen, 4).setFormula('=25+0,5');
    const link = SpreadsheetApp.newRichTextValue().setText('Note ANRU').setLinkUrl('https://anru.fr').build();
    sheet.getRange(bmo, 7).setRichTextValue(link);
    const before = demo.fake.snapshotSheet('Mesures').cells;
    const csv = 'territoire;indicateur;année;valeur\nBMO;RU-IND-01;2007;21\nQ-BELLEVUE;RU-IND-01;2007;28\n';
    importObservations({ ...LONG, fileName: 'f.csv', content: Buffer.from(csv).toString('base64') });
    const after = demo.fake.snapshotSheet('Mesures').cells;
    expect([after[`D${bmo}`]!.value, after[`D${bellevue}`]!.value]).toEqual([21, 28]);
    const changed = Object.keys(after)
      .filter((a1) => JSON.stringify(after[a1]) !== JSON.stringify(before[a1]))
      .sort();
    // Valeur, Mis à jour le and par of the two rows (their Source is kept): nothing else.
    const letter = (h: string) => String.fromCharCode(65 + header('Mesures').indexOf(h));
    const written = ['Valeur', 'Mis à jour le', 'Mis à jour par'].map(letter);
    expect(changed).toEqual(written.flatMap((c) => [`${c}${bmo}`, `${c}${bellevue}`]).sort());
    expect(after[`D${pontanezen}`]!.formula).toBe('=25+0,5');
    expect(after[`G${bmo}`]!.link).toBe('https://anru.fr');
    expect(after[`E${bellevue}`]!.formula).toBe(`=D${bellevue}-D2`);
  });

  it('makes as many service calls to replace many adjacent values as one', () => {
    const territories = ['BMO', 'Q-PONTANEZEN', 'Q-BELLEVUE', 'Q-KEREDERN', 'Q-KEROURIEN', 'Q-RECOUVRANCE'];
    const callsFor = (replaced: string[]) => {
      const d = installedDemo();
      try {
        const csv = `territoire;indicateur;année;valeur\n${replaced.map((t, i) => `${t};RU-IND-01;2007;${30 + i}`).join('\n')}\n`;
        expect(
          importObservations({ ...LONG, fileName: 'f.csv', content: Buffer.from(csv).toString('base64') })
            .message,
        ).toContain(`${replaced.length} remplacée`);
        return d.fake.calls.total();
      } finally {
        d.restore();
      }
    };
    expect(callsFor(territories)).toBe(callsFor(territories.slice(0, 1)));
  });

  const farApart = () => {
    const rows = ['BMO', 'Q-KEREDERN', 'Q-LAMBEZELLEC'].map((t, i) => `${t};RU-IND-02;2007;${40 + i}`);
    const csv = `territoire;indicateur;année;valeur\n${rows.join('\n')}\n`;
    importObservations({ ...LONG, fileName: 'f.csv', content: Buffer.from(csv).toString('base64') });
    const log = demo.fake.calls.log;
    return { log, writes: log.flatMap((name, i) => (name === 'Range.setValues' ? [i] : [])) };
  };

  it('replaces values far apart in one block across the rows between, when they may be written back as read', () => {
    const before = demo.fake.snapshotSheet('Mesures').cells;
    const { writes } = farApart();
    // Valeur in one block, the stamps in another, across the rows between; then the Journal.
    expect(writes).toHaveLength(3);
    const after = demo.fake.snapshotSheet('Mesures').cells;
    const rowsChanged = new Set(
      Object.keys(after)
        .filter((a1) => JSON.stringify(after[a1]) !== JSON.stringify(before[a1]))
        .map((a1) => Number(a1.replace(/^[A-Z]+/, ''))),
    );
    expect(rowsChanged.size).toBe(3);
    expect(find('RU-IND-02', 2007, 'Q-LAMBEZELLEC')[0]![3]).toBe(42);
  });

  it('keeps values far apart in blocks of their own where a formula lies between, reading the formats once', () => {
    const sheet = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Mesures')!;
    const rowOf = (territory: string) =>
      values('Mesures').findIndex((r) => r[0] === 'RU-IND-02' && r[1] === 2007 && r[2] === territory) + 1;
    const between = rowOf('BMO') + 1;
    sheet.getRange(between, 4).setFormula('=20+1');
    const { log, writes } = farApart();
    // Valeur: BMO's apart (the formula below it stays), the two others joined across the rows between
    // them; the stamps in one block; the Journal.
    expect(writes).toHaveLength(4);
    expect(demo.fake.snapshotSheet('Mesures').cells[`D${between}`]!.formula).toBe('=20+1');
    const writing = log.slice(writes[0], writes[2]);
    expect(writing.filter((name) => /^Range\.get(?!Cell)|^Sheet\.getMax/.test(name))).toEqual([]);
    expect(find('RU-IND-02', 2007, 'Q-LAMBEZELLEC')[0]![3]).toBe(42);
  });

  it('replaces and appends in a Mesures sheet whose last row is its data’s last row', () => {
    const sheet = demo.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Mesures')!;
    const last = sheet.getLastRow();
    sheet.deleteRows(last + 1, sheet.getMaxRows() - last);
    expect(sheet.getMaxRows()).toBe(last);
    const csv =
      'territoire;indicateur;année;valeur\nBMO;RU-IND-02;2007;40\nQ-KEREDERN;RU-IND-02;2007;41\nBMO;RU-IND-02;2009;44\n';
    const result = importObservations({
      ...LONG,
      fileName: 'f.csv',
      content: Buffer.from(csv).toString('base64'),
    });
    expect(result.message).toContain('Import terminé');
    expect(find('RU-IND-02', 2007, 'Q-KEREDERN')[0]![3]).toBe(41);
    expect(find('RU-IND-02', 2009, 'BMO')[0]![3]).toBe(44);
    expect(sheet.getLastRow()).toBe(last + 1);
  });

  it('refuses a bad file in French and writes nothing', () => {
    const bad = { ...LONG, content: Buffer.from('nom;prénom\nDupont;Jean\n').toString('base64') };
    expect(() => importObservations(bad)).toThrow(
      /^« long.csv » : Aucune ligne d’en-tête reconnue.*Rien n’a été écrit\.$/s,
    );
    expect(() => importPreview({ ...LONG, fileName: 'insee.xls' })).toThrow(
      '« insee.xls » : Seuls les fichiers .csv et .xlsx sont lus : enregistrez le tableau dans l’un de ces formats (Fichier › Enregistrer sous…) puis choisissez ce fichier. Rien n’a été écrit.',
    );
    expect(() => importPreview({ ...LONG, content: 'pas du base64 !' })).toThrow(
      '« long.csv » : Le fichier reçu est illisible : recommencez l’envoi. Rien n’a été écrit.',
    );
    expect(demo.fake.calls.count('Range.set')).toBe(0);
  });
});

describe('an .xlsx chosen in the dialog', () => {
  /** Mesures once a file is imported into a fresh demo, without the time stamp of the import. */
  function importedInto(request: typeof WIDE): { message: string; measures: unknown[][] } {
    const fresh = installedDemo();
    try {
      const { message } = importObservations(request);
      const sheet = fresh.fake.spreadsheet.inspect.sheet('Mesures').values;
      const stamp = sheet[0]!.indexOf('Mis à jour le');
      return { message, measures: sheet.map((r) => r.filter((_, i) => i !== stamp)) };
    } finally {
      fresh.restore();
    }
  }

  it('imports INSEE’s wide file as .xlsx with the same values as its .csv', async () => {
    const xlsx = {
      ...WIDE,
      fileName: 'insee.xlsx',
      content: (await wideXlsx()).toString('base64'),
      year: 2007,
    };
    const csv = { ...WIDE, year: 2007 };
    demo.restore();
    const fromCsv = importedInto(csv);
    const fromXlsx = importedInto(xlsx);
    demo = installedDemo();
    expect(fromCsv.message).toMatch(
      /^Import terminé : 19 valeurs créées, 0 remplacée, 0 inchangée, 10 ignorées\./,
    );
    expect(fromXlsx.message).toBe(fromCsv.message);
    expect(fromXlsx.measures).toEqual(fromCsv.measures);
    expect(fromXlsx.measures).toHaveLength(values('Mesures').length + 19);
    // The variables sheet gives the unknown variable its label in the preview.
    expect(importPreview(xlsx).unknownVariables.map((u) => [u.code, u.label])).toEqual([
      ['P06_MEN', 'Nombre de ménages'],
    ]);
  });

  const damaged = async (): Promise<[string, Buffer][]> => {
    const good = await wideXlsx();
    const inflated = good.indexOf('xl/worksheets/sheet1.xml') + 'xl/worksheets/sheet1.xml'.length + 4;
    const corrupt = Buffer.from(good);
    for (let i = 0; i < 8; i++) corrupt[inflated + i] = 0xff;
    return [
      ['a .csv renamed', readFileSync(join(FIXTURES, 'long-utf8.csv'))],
      ['a truncated download', good.subarray(0, Math.floor(good.length / 2))],
      ['a damaged sheet', corrupt],
    ];
  };

  it.each(['exception', 'empty'] as const)(
    'refuses a damaged .xlsx in French and writes nothing (unzip of a non-zip: %s)',
    async (unzipOfNonZip) => {
      demo.restore();
      demo = installedDemo(undefined, { unzipOfNonZip });
      for (const [what, bytes] of await damaged()) {
        const request = { ...WIDE, fileName: 'insee.xlsx', content: bytes.toString('base64') };
        const message = () => {
          try {
            importObservations(request);
            return `${what}: imported`;
          } catch (error) {
            return (error as Error).message;
          }
        };
        expect(message()).toMatch(
          /^« insee\.xlsx » : Classeur \.xlsx illisible( \(archive endommagée ou fichier d’un autre format\)| : impossible de lire la liste des feuilles \(xl\/workbook\.xml\))\. Ouvrez-le dans Excel, LibreOffice ou Google Sheets, enregistrez-le à nouveau au format \.xlsx, puis choisissez-le\. Rien n’a été écrit\.$/,
        );
      }
      expect(demo.fake.calls.count('Range.set')).toBe(0);
      expect(demo.fake.calls.count('Sheet.appendRow')).toBe(0);
    },
  );
});
