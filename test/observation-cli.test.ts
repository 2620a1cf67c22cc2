// `pilotage-cucs importer`: the offline edition's import of observation files, on the demo workbook.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { buildDemoWorkbook } from '../src/core/demo';
import { frenchSpacing as fr } from '../src/core/typography';
import { runCli } from '../src/local/cli';
import { fillWorkbook, newWorkbook } from '../src/local/workbook-file';
import { xlsxBuffer } from '../src/local/xlsx';
import { captureContext, columnOf, gridsOf, openXlsx, tempDir } from './local-helpers';

const FIXTURES = join(__dirname, 'fixtures', 'observation');
jest.setTimeout(60_000);

const { dir, cleanup } = tempDir('import');
afterAll(cleanup);
const path = join(dir, 'classeur.xlsx');

/** The demo workbook without its context values: what a first import fills. */
beforeAll(async () => {
  const grids = buildDemoWorkbook();
  const measures = grids.get('Mesures')!;
  grids.set('Mesures', [measures[0]!, ...measures.slice(1).filter((r) => !String(r[0]).startsWith('CTX-'))]);
  const workbook = newWorkbook(new Date(2009, 0, 10), 'test');
  fillWorkbook(workbook, grids);
  writeFileSync(path, await xlsxBuffer(workbook));
  copyFileSync(join(FIXTURES, 'insee-large-cp1252.csv'), join(dir, 'insee.csv'));
  copyFileSync(join(FIXTURES, 'long-utf8.csv'), join(dir, 'long.csv'));
});

const measureRows = async () =>
  (await gridsOf(path)).grids
    .get('Mesures')!
    .slice(1)
    .filter((r) => r[0] !== '');

describe('pilotage-cucs importer', () => {
  it('previews with --sans-ecrire and leaves the workbook as it is', async () => {
    const before = readFileSync(path);
    const ctx = captureContext(dir);
    expect(
      await runCli(['importer', 'classeur.xlsx', 'insee.csv', '--annee', '2006', '--sans-ecrire'], ctx),
    ).toBe(0);
    expect(ctx.out()).toContain(
      fr(
        'Fichier « insee.csv » (format large, une colonne par variable) : 19 valeurs créées, 0 remplacée, 0 inchangée, 10 ignorées.',
      ),
    );
    expect(ctx.out()).toContain(fr('« QP029099 » : 5 valeurs ; codes proches : QP029001 (Pontanézen)'));
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('imports the wide Windows-1252 file, journals it, and a second import adds no duplicate', async () => {
    const rows = (await measureRows()).length;
    const ctx = captureContext(dir);
    expect(await runCli(['importer', 'classeur.xlsx', 'insee.csv', '--annee', '2006'], ctx)).toBe(0);
    expect(ctx.out()).toContain(
      fr('Import écrit dans « classeur.xlsx » (feuille Mesures, noté au Journal).'),
    );
    const after = await measureRows();
    expect(after).toHaveLength(rows + 19);
    const { grids } = await gridsOf(path);
    const header = grids.get('Mesures')![0]!;
    const secret = after.find((r) => r[0] === 'CTX-REVMED' && r[2] === 'Q-KEROURIEN')!;
    expect([secret[header.indexOf('Valeur')], secret[header.indexOf('Statut de la valeur')]]).toEqual([
      '',
      'secret statistique',
    ]);
    expect(grids.get('Journal')!.at(-1)!.slice(2, 5)).toEqual([
      'import de données d’observation',
      'Mesures',
      'insee.csv',
    ]);
    const again = captureContext(dir);
    expect(await runCli(['importer', 'classeur.xlsx', 'insee.csv', '--annee', '2006'], again)).toBe(0);
    expect(again.out()).toContain(fr('Rien à écrire : le classeur a déjà ces valeurs.'));
    expect(await measureRows()).toHaveLength(rows + 19);
  });

  it('imports an .xlsx in the long layout, and remembers a variable tied with --associer', async () => {
    const file = new Workbook();
    const sheet = file.addWorksheet('Données');
    sheet.addRows([
      ['Territoire', 'Indicateur', 'Année', 'Valeur'],
      ['QP029001', 'CHOMEURS_1564', 2008, 25.1],
      ['29019', 'CHOMEURS_1564', 2008, 's'],
    ]);
    await file.xlsx.writeFile(join(dir, 'long.xlsx'));
    const ctx = captureContext(dir);
    expect(
      await runCli(['importer', 'classeur.xlsx', 'long.xlsx', '--associer', 'CHOMEURS_1564=CTX-CHOM'], ctx),
    ).toBe(0);
    expect(ctx.out()).toContain(fr('2 valeurs créées'));
    const { grids } = await gridsOf(path);
    const indicators = grids.get('Indicateurs')!;
    const column = indicators[0]!.indexOf('Variables sources');
    expect(indicators.find((r) => r[0] === 'CTX-CHOM')![column]).toBe('TX_CHOM ; CHOMEURS_1564');
  });

  it('writes only the cells it changes: formulas in the rows and columns around them stay', async () => {
    const own = join(dir, 'formules.xlsx');
    const workbook = newWorkbook(new Date(2009, 0, 10), 'test');
    fillWorkbook(workbook, buildDemoWorkbook());
    const sheet = workbook.getWorksheet('Mesures')!;
    const at = (header: string) => columnOf(workbook, 'Mesures', header);
    const rowOf = (territory: string) => {
      let found = 0;
      sheet.eachRow((row, n) => {
        const [indicator, year, place] = [1, 2, 3].map((c) => row.getCell(c).value);
        if (!found && indicator === 'RU-IND-01' && year === 2007 && place === territory) found = n;
      });
      return found;
    };
    const [bmo, pontanezen, bellevue] = [rowOf('BMO'), rowOf('Q-PONTANEZEN'), rowOf('Q-BELLEVUE')];
    expect([pontanezen, bellevue]).toEqual([bmo + 1, bmo + 2]);
    const user = sheet.columnCount + 1;
    sheet.getCell(1, user).value = 'Contrôle';
    for (const row of [bmo, pontanezen, bellevue]) {
      sheet.getCell(row, user).value = { formula: `LEN(C${row})`, result: 3 };
      sheet.getCell(row, at('Commentaire')).value = { formula: `"Relevé "&B${row}`, result: 'Relevé 2007' };
    }
    sheet.getCell(pontanezen, at('Valeur')).value = { formula: '25+0.5', result: 25.5 };
    writeFileSync(own, await xlsxBuffer(workbook));
    writeFileSync(
      join(dir, 'deux.csv'),
      'territoire;indicateur;année;valeur\nBMO;RU-IND-01;2007;21\nQ-BELLEVUE;RU-IND-01;2007;28\n',
    );
    const ctx = captureContext(dir);
    expect(await runCli(['importer', 'formules.xlsx', 'deux.csv'], ctx)).toBe(0);
    expect(ctx.out()).toContain(fr('2 remplacées'));
    const after = (await openXlsx(own)).getWorksheet('Mesures')!;
    expect([after.getCell(bmo, at('Valeur')).value, after.getCell(bellevue, at('Valeur')).value]).toEqual([
      21, 28,
    ]);
    expect(after.getCell(pontanezen, at('Valeur')).formula).toBe('25+0.5');
    for (const row of [bmo, pontanezen, bellevue]) {
      expect(after.getCell(row, user).formula).toBe(`LEN(C${row})`);
      expect(after.getCell(row, at('Commentaire')).formula).toBe(`"Relevé "&B${row}`);
    }
  });

  it('refuses a bad file in French, exit 2, and writes nothing', async () => {
    writeFileSync(join(dir, 'mauvais.csv'), 'nom;prénom\nDupont;Jean\n');
    const before = readFileSync(path);
    const ctx = captureContext(dir);
    expect(await runCli(['importer', 'classeur.xlsx', 'mauvais.csv'], ctx)).toBe(2);
    expect(ctx.err()).toContain(fr('Erreur : « mauvais.csv » : Aucune ligne d’en-tête reconnue'));
    expect(ctx.err()).toContain(fr('Rien n’a été écrit.'));
    const unknown = captureContext(dir);
    expect(
      await runCli(['importer', 'classeur.xlsx', 'long.csv', '--associer', 'TX_CHOM=XXX'], unknown),
    ).toBe(2);
    expect(unknown.err()).toContain(
      fr('Indicateur inconnu (feuille Indicateurs) pour la variable « TX_CHOM » : « XXX ».'),
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});
