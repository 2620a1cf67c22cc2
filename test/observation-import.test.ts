import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatNumberFr, type Grid } from '../src/core/cells';
import { buildDemoWorkbook } from '../src/core/demo';
import { ObservationFileError, readObservations, yearOfVariable } from '../src/core/observation/parse';
import { importSummary, planImport } from '../src/core/observation/plan';
import { previewLines } from '../src/core/observation/preview';
import { type ImportWrites, importWrites } from '../src/core/observation/writes';
import { readWorkbook } from '../src/core/records';
import { SHEET_NAMES } from '../src/core/workbook';
import { decodeText, readCsvObservations } from '../src/files/csv';

const FIXTURES = join(__dirname, 'fixtures', 'observation');
const WIDE = readFileSync(join(FIXTURES, 'insee-large-cp1252.csv'));
const LONG = readFileSync(join(FIXTURES, 'long-utf8.csv'));

/** The demo workbook without the measures of its context indicators: what a first import fills. */
function workbookWithoutContextValues(): Map<string, Grid> {
  const grids = buildDemoWorkbook();
  const measures = grids.get(SHEET_NAMES.measures)!;
  grids.set(SHEET_NAMES.measures, [
    measures[0]!,
    ...measures.slice(1).filter((r) => !String(r[0]).startsWith('CTX-')),
  ]);
  return grids;
}

/** What the add-on's writeBlock calls do, on grids. */
function applied(grids: Map<string, Grid>, writes: ImportWrites): Map<string, Grid> {
  const copy = new Map([...grids].map(([name, grid]) => [name, grid.map((r) => [...r])]));
  const put = (name: string, blocks: ImportWrites['measures']) => {
    const grid = copy.get(name)!;
    for (const block of blocks) {
      block.values.forEach((line, r) => {
        if (!grid[block.row - 1 + r]) grid[block.row - 1 + r] = [];
        const row = grid[block.row - 1 + r]!;
        line.forEach((value, c) => {
          row[block.column + c] = value;
        });
      });
    }
  };
  put(SHEET_NAMES.measures, writes.measures);
  put(SHEET_NAMES.indicators, writes.indicators);
  return copy;
}

const STAMP = { at: new Date(2009, 0, 20, 10, 0), by: 'observatoire@brest.fr' };

describe('reading observation files', () => {
  it('tells UTF-8 from Windows-1252 by the bytes', () => {
    expect(decodeText(Uint8Array.from([0x61, 0x6e, 0x6e, 0xc3, 0xa9, 0x65]))).toEqual({
      text: 'année',
      encoding: 'UTF-8',
    });
    expect(decodeText(Uint8Array.from([0x61, 0x6e, 0x6e, 0xe9, 0x65, 0x20, 0x80, 0x92]))).toEqual({
      text: 'année €’',
      encoding: 'Windows-1252',
    });
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41])).text).toBe('A');
  });

  it('reads INSEE’s wide layout: title lines skipped, decimal comma, « s » and « nd » kept as marks', () => {
    const file = readCsvObservations(WIDE, { year: 2006 });
    expect(file).toMatchObject({ layout: 'wide', encoding: 'Windows-1252', separator: ';', empty: 1 });
    const pontanezen = file.observations.filter((o) => o.territory === 'QP029001');
    expect(pontanezen.map((o) => [o.variable, o.value])).toEqual([
      ['P06_POP', 4950],
      ['P06_POP1564', 3120],
      ['TX_CHOM', 27.5],
      ['REV_MED', 9120],
      ['P06_MEN', 2100],
    ]);
    const kerourien = file.observations.find((o) => o.territory === 'QP029004' && o.variable === 'REV_MED');
    expect(kerourien).toMatchObject({
      value: null,
      marker: 'secret statistique',
      place: 'ligne 8, colonne REV_MED',
    });
    const unknown = file.observations.find((o) => o.territory === 'QP029099' && o.variable === 'REV_MED');
    expect(unknown).toMatchObject({ value: null, marker: 'non disponible' });
  });

  it('takes the year from INSEE’s variable names, or asks for it', () => {
    expect(yearOfVariable('P06_POP')).toBe(2006);
    expect(yearOfVariable('C19_ACT1564')).toBe(2019);
    expect(yearOfVariable('TX_CHOM')).toBeNull();
    expect(() => readCsvObservations(WIDE)).toThrow(/TX_CHOM.*précisez l’année/);
    const grid: Grid = [
      ['CODGEO', 'LIBGEO', 'P06_POP'],
      ['29019', 'Brest', 144500],
    ];
    expect(readObservations([{ name: 'Données', grid }]).observations).toEqual([
      expect.objectContaining({
        territory: '29019',
        year: 2006,
        value: 144500,
        place: 'feuille Données, ligne 2, colonne P06_POP',
      }),
    ]);
  });

  it('reads the long layout with « , » between cells and a decimal dot, in UTF-8', () => {
    const file = readCsvObservations(LONG);
    expect(file).toMatchObject({ layout: 'long', encoding: 'UTF-8', separator: ',' });
    expect(file.observations[0]).toMatchObject({
      territory: 'QP029001',
      variable: 'TX_CHOM',
      year: 2008,
      value: 25.1,
    });
    expect(file.observations[3]).toMatchObject({ variable: 'PART_BAS_REV', value: 40.2 });
  });

  it('reads the same long file saved by a French spreadsheet: « ; », decimal comma, Windows-1252', () => {
    const text = LONG.toString('utf8')
      .replace(/,/g, ';')
      .replace(/(\d)\.(\d)/g, '$1,$2');
    const file = readCsvObservations(Buffer.from(text, 'latin1'));
    expect(file.encoding).toBe('Windows-1252');
    expect(file.observations.map((o) => o.value)).toEqual(
      readCsvObservations(LONG).observations.map((o) => o.value),
    );
  });

  it('refuses, in French, a file it cannot read', () => {
    const read = (text: string | Buffer) => () =>
      readCsvObservations(typeof text === 'string' ? Buffer.from(text) : text);
    expect(read('')).toThrow('Le fichier est vide.');
    expect(read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0]))).toThrow(/n’est pas un fichier texte/);
    expect(read('nom;prénom\nDupont;Jean\n')).toThrow(/Aucune ligne d’en-tête reconnue/);
    expect(read('CODGEO;P06_POP\n')).toThrow(/aucune valeur/);
    expect(read('territoire;indicateur;année;valeur\n"QP029001;TX')).toThrow(/guillemets/);
    expect(() => readCsvObservations(Buffer.from('x'))).toThrow(ObservationFileError);
  });
});

describe('planning an import', () => {
  it('plans the wide file: created, secret kept, unknown codes with the closest known ones', () => {
    const grids = workbookWithoutContextValues();
    const plan = planImport(
      readCsvObservations(WIDE, { year: 2006 }),
      readWorkbook(grids),
      { mapping: {} },
      'insee.csv',
    );
    // 5 known territories × 4 known variables, Bellevue’s empty rate left out.
    expect(plan.created).toHaveLength(19);
    expect(plan.replaced).toHaveLength(0);
    expect(plan.empty).toBe(1);
    expect(plan.unmatched).toBe(10);
    expect(
      plan.created.find((c) => c.territory === 'Q-KEROURIEN' && c.indicator === 'CTX-REVMED'),
    ).toMatchObject({
      value: null,
      marker: 'secret statistique',
    });
    expect(plan.unknownTerritories).toEqual([
      { code: 'QP029099', count: 5, label: '', closest: expect.arrayContaining(['QP029001 (Pontanézen)']) },
    ]);
    expect(plan.unknownVariables.map((u) => [u.code, u.count])).toEqual([['P06_MEN', 6]]);
    expect(importSummary(plan)).toBe('19 valeurs créées, 0 remplacée, 0 inchangée, 10 ignorées.');
  });

  it('appends the measures in one block per run of the columns it fills, and a second import changes nothing', () => {
    const grids = workbookWithoutContextValues();
    const data = readWorkbook(grids);
    const before = data.measures.length;
    const file = readCsvObservations(WIDE, { year: 2006 });
    const plan = planImport(file, data, { mapping: {} }, 'insee.csv');
    const writes = importWrites(plan, data, STAMP);
    // Indicateur to Source, then Statut to Mis à jour par: the Commentaire column between is not written.
    expect(writes.measures.map((b) => [b.row, b.column, b.values.length, b.values[0]!.length])).toEqual([
      [before + 2, 0, 19, 5],
      [before + 2, 6, 19, 3],
    ]);
    expect(writes.journal).toEqual([
      expect.objectContaining({
        operation: 'import de données d’observation',
        sheet: 'Mesures',
        record: 'insee.csv',
      }),
    ]);
    const after = readWorkbook(applied(grids, writes));
    expect(after.measures).toHaveLength(before + 19);
    const secret = after.measures.find(
      (m) => m.record.territory === 'Q-KEROURIEN' && m.record.indicator === 'CTX-REVMED',
    );
    expect(secret?.record).toMatchObject({ value: null, marker: 'secret statistique', year: 2006 });
    const again = planImport(file, after, { mapping: {} }, 'insee.csv');
    expect([again.created.length, again.replaced.length, again.unchanged]).toEqual([0, 0, 19]);
  });

  it('replaces a changed value in its row, ignores years outside the contract and a value given twice', () => {
    const grids = buildDemoWorkbook();
    const data = readWorkbook(grids);
    const plan = planImport(readCsvObservations(LONG), data, { mapping: {} }, 'long.csv');
    expect(plan.created).toHaveLength(0);
    expect(plan.unchanged).toBe(4);
    const defmRow = data.measures.find(
      (m) => m.record.indicator === 'CTX-DEFM' && m.record.year === 2008 && m.record.territory === 'BREST',
    )!.row;
    expect(plan.replaced).toEqual([
      expect.objectContaining({
        indicator: 'CTX-DEFM',
        territory: 'BREST',
        value: null,
        marker: 'non disponible',
        row: defmRow,
        previous: formatNumberFr(7150),
      }),
    ]);
    expect(plan.ignored.map((i) => i.place)).toEqual(['ligne 7', 'ligne 9']);
    expect(plan.ignored[0]!.reason).toMatch(/année 2011 hors de la période du contrat/);
    expect(plan.ignored[1]!.reason).toBe('même indicateur, année et territoire qu’en ligne 2');
    expect(plan.unknownTerritories).toEqual([
      { code: 'Q-PONTANEZN', count: 1, label: '', closest: ['QP029001 (Pontanézen)'] },
    ]);
    const writes = importWrites(plan, data, STAMP);
    // Valeur, then Statut and Mis à jour le: the unchanged Source and Mis à jour par are not written again.
    expect(writes.measures).toEqual([
      { row: defmRow, column: 3, values: [['']] },
      { row: defmRow, column: 6, values: [['non disponible', STAMP.at]] },
    ]);
    expect(writes.journal[0]!.before).toBe(`CTX-DEFM 2008 BREST : ${formatNumberFr(7150)}`);
  });

  it('writes only the cells it changes: rows between two replaced ones and their other cells are left alone', () => {
    const grids = buildDemoWorkbook();
    const data = readWorkbook(grids);
    const rowOf = (indicator: string, territory: string) =>
      data.measures.find(
        (m) => m.record.indicator === indicator && m.record.year === 2007 && m.record.territory === territory,
      )!.row;
    const csv = (lines: string[]) =>
      readCsvObservations(Buffer.from(`territoire;indicateur;année;valeur\n${lines.join('\n')}\n`));
    const planned = (lines: string[]) =>
      importWrites(planImport(csv(lines), data, { mapping: {} }, 'f.csv'), data, STAMP).measures;
    const shape = (blocks: ImportWrites['measures']) =>
      blocks.map((b) => [b.row, b.column, b.values.length, b.values[0]!.length]);
    const [bmo, pontanezen, bellevue] = [
      rowOf('RU-IND-01', 'BMO'),
      rowOf('RU-IND-01', 'Q-PONTANEZEN'),
      rowOf('RU-IND-01', 'Q-BELLEVUE'),
    ];
    expect(pontanezen).toBe(bmo + 1);
    expect(bellevue).toBe(bmo + 2);
    // Two rows apart: two blocks each (Valeur; Mis à jour le), the row between is not written, nor
    // Source (the row's is kept), Commentaire, Statut (still empty) and Mis à jour par (the same user).
    expect(shape(planned(['BMO;RU-IND-01;2007;21', 'Q-BELLEVUE;RU-IND-01;2007;28']))).toEqual([
      [bmo, 3, 1, 1],
      [bmo, 7, 1, 1],
      [bellevue, 3, 1, 1],
      [bellevue, 7, 1, 1],
    ]);
    // Three adjacent rows: the same blocks, three rows high.
    expect(
      shape(
        planned(['BMO;RU-IND-01;2007;21', 'Q-PONTANEZEN;RU-IND-01;2007;26', 'Q-BELLEVUE;RU-IND-01;2007;28']),
      ),
    ).toEqual([
      [bmo, 3, 3, 1],
      [bmo, 7, 3, 1],
    ]);
  });

  it('remembers a variable tied by the user to an indicator, so the next import needs no choice', () => {
    const grids = workbookWithoutContextValues();
    const data = readWorkbook(grids);
    const file = readCsvObservations(WIDE, { year: 2006 });
    const plan = planImport(file, data, { mapping: { P06_MEN: 'CTX-POP' } }, 'insee.csv');
    expect(plan.unknownVariables).toEqual([]);
    expect(plan.remembered).toEqual([
      expect.objectContaining({ indicator: 'CTX-POP', variables: ['P06_POP', 'P06_MEN'] }),
    ]);
    // P06_MEN and P06_POP now give CTX-POP twice for the same territory: the second is left out.
    expect(plan.ignored.filter((i) => /même indicateur/.test(i.reason))).toHaveLength(5);
    const writes = importWrites(plan, data, STAMP);
    expect(writes.indicators).toEqual([expect.objectContaining({ values: [['P06_POP ; P06_MEN']] })]);
    const after = readWorkbook(applied(grids, writes));
    expect(after.indicators.find((i) => i.record.code === 'CTX-POP')!.record.variables).toEqual([
      'P06_POP',
      'P06_MEN',
    ]);
    expect(planImport(file, after, { mapping: {} }, 'insee.csv').unknownVariables).toEqual([]);
  });

  it('refuses a mapping to an indicator the workbook does not have', () => {
    const data = readWorkbook(buildDemoWorkbook());
    expect(() =>
      planImport(readCsvObservations(LONG), data, { mapping: { TX_CHOM: 'CTX-XXX' } }, 'f.csv'),
    ).toThrow('Indicateur inconnu (feuille Indicateurs) pour la variable « TX_CHOM » : « CTX-XXX ».');
  });

  it('previews in French, lists cut with a count', () => {
    const plan = planImport(
      readCsvObservations(LONG),
      readWorkbook(buildDemoWorkbook()),
      { mapping: {} },
      'long.csv',
    );
    const lines = previewLines(plan);
    expect(lines[0]).toBe(
      'Fichier « long.csv » (format long, une valeur par ligne) : 0 valeur créée, 1 remplacée, 4 inchangées, 3 ignorées.',
    );
    expect(lines).toContain(`  CTX-DEFM 2008 BREST : ${formatNumberFr(7150)} → non disponible (ligne 6)`);
    expect(lines).toContain('  « Q-PONTANEZN » : 1 valeur ; codes proches : QP029001 (Pontanézen)');
  });
});
