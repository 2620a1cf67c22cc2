import { Workbook } from 'exceljs';
import { planInstall } from '../src/core/install';
import { DEFAULT_REFERENTIEL } from '../src/core/presets';
import { workbookSpec } from '../src/core/workbook';
import { validationsOf } from '../src/local/exceljs-internals';
import { LISTS_SHEET, MAX_SHEET_NAME } from '../src/local/install-xlsx';
import { newWorkbook } from '../src/local/workbook-file';
import {
  cellValueOf,
  localDateOf,
  readSheet,
  readWorkbookSheets,
  utcDateOf,
  xlsxBuffer,
  xlsxValueOf,
} from '../src/local/xlsx';

const AT = new Date(2008, 10, 20, 9, 30);

async function reload(workbook: Workbook): Promise<Workbook> {
  const copy = new Workbook();
  await copy.xlsx.load((await xlsxBuffer(workbook)) as unknown as ArrayBuffer);
  return copy;
}

describe('xlsx cells as core reads them', () => {
  it('gives rich text, links and formulas as the text and result a user sees', () => {
    expect(
      cellValueOf({ richText: [{ text: 'Café ' }, { text: 'des parents', font: { bold: true } }] }),
    ).toBe('Café des parents');
    expect(cellValueOf({ text: 'Site de la CAF', hyperlink: 'https://www.caf.fr' })).toBe('Site de la CAF');
    expect(cellValueOf({ formula: 'B2*2', result: 5000 })).toBe(5000);
    expect(cellValueOf({ sharedFormula: 'C2', result: 'en cours' })).toBe('en cours');
    expect(cellValueOf({ formula: 'NOW()' } as never)).toBe('');
    expect(cellValueOf({ error: '#DIV/0!' })).toBe('#DIV/0!');
    expect(cellValueOf(null)).toBe('');
    expect(cellValueOf(12.5)).toBe(12.5);
    expect(cellValueOf(true)).toBe(true);
  });

  it('reads the calendar date a cell shows, whatever the time zone', () => {
    expect(localDateOf(new Date(Date.UTC(2008, 2, 12)))).toEqual(new Date(2008, 2, 12));
    expect(utcDateOf(new Date(2008, 2, 12, 10, 30))).toEqual(new Date(Date.UTC(2008, 2, 12, 10, 30)));
    expect(xlsxValueOf(new Date(2008, 2, 12))).toEqual(new Date(Date.UTC(2008, 2, 12)));
  });

  it('writes text that looks like a formula as text, without the apostrophe Google Sheets needs', () => {
    expect(xlsxValueOf("'=1+1")).toBe('=1+1');
    expect(xlsxValueOf("'-3 familles")).toBe('-3 familles');
    expect(xlsxValueOf('')).toBeNull();
  });

  it('reads a sheet as a rectangular grid, merged cells blank but their first', async () => {
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Santé');
    sheet.getCell('A1').value = 'ID';
    sheet.getCell('B1').value = 'Intitulé';
    sheet.getCell('A2').value = 'SA-001';
    sheet.getCell('B2').value = 'Ateliers nutrition';
    sheet.getCell('C2').value = 'à fusionner';
    sheet.mergeCells('B2:C3');
    sheet.getCell('A4').value = new Date(Date.UTC(2008, 2, 12));
    const reading = readSheet((await reload(workbook)).getWorksheet('Santé')!);
    expect(reading.grid).toEqual([
      ['ID', 'Intitulé'],
      ['SA-001', 'Ateliers nutrition'],
      ['', ''],
      [new Date(2008, 2, 12), ''],
    ]);
    expect(reading.merged).toEqual([{ row: 2, col: 2, rows: 2, cols: 2 }]);
  });
});

describe('init: the workbook spec on an .xlsx', () => {
  const specs = workbookSpec(DEFAULT_REFERENTIEL, []);
  const RU = DEFAULT_REFERENTIEL.domains[0]!.name;

  it('keeps every sheet name within Excel’s 31 characters, so that no name is cut', () => {
    const tooLong = specs.map((s) => s.name).filter((n) => n.length > MAX_SHEET_NAME);
    expect(tooLong).toEqual([]);
  });

  it('creates the sheets in the add-on’s order, the dropdown lists hidden at the end', async () => {
    const workbook = await reload(newWorkbook(AT, 'agent.dsu'));
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      'Paramètres',
      'Référentiel',
      'Territoires',
      'Financeurs',
      RU,
      'Réussite éducative',
      'Insertion et emploi',
      'Santé',
      'Prévention de la délinquance',
      'Indicateurs',
      'Mesures',
      'Journal',
      'Contrôles',
      LISTS_SHEET,
    ]);
    expect(workbook.getWorksheet(LISTS_SHEET)!.state).toBe('hidden');
  });

  it('is recognised as fully installed once read back: the add-on has nothing to add', async () => {
    const workbook = await reload(newWorkbook(AT, 'agent.dsu'));
    const { grids } = readWorkbookSheets(workbook);
    expect(planInstall(grids).changes).toEqual([]);
  });

  it('writes bold headers with their notes, a frozen header row and the tab colours', async () => {
    const sheet = (await reload(newWorkbook(AT, 'agent.dsu'))).getWorksheet('Santé')!;
    expect(sheet.getCell('A1').value).toBe('ID');
    expect(sheet.getCell('D1').value).toBe('Intitulé de l’action');
    expect(sheet.getCell('D1').note).toBe('Intitulé court et parlant de l’action.');
    expect(sheet.getCell('D1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.properties.tabColor).toEqual({ argb: 'FF1A73E8' });
  });

  it('formats the columns by type: text, dates, euros', async () => {
    const sheet = (await reload(newWorkbook(AT, 'agent.dsu'))).getWorksheet('Santé')!;
    // A cell the user has not touched yet takes its column's format.
    expect(sheet.getCell('A50').numFmt).toBe('@');
    expect(sheet.getCell('M50').numFmt).toBe('dd/mm/yyyy');
    expect(sheet.getCell('O50').numFmt).toBe('#,##0.00 "€"');
  });

  it('offers the dropdowns of the add-on, the long lists drawn from the hidden sheet', async () => {
    const workbook = await reload(newWorkbook(AT, 'agent.dsu'));
    const sheet = workbook.getWorksheet('Santé')!;
    const lists = workbook.getWorksheet(LISTS_SHEET)!;
    const status = validationsOf(sheet).find('L2') as { type: string; formulae: string[] };
    expect(status.type).toBe('list');
    const range = /^'Listes'!\$([A-Z]+)\$1:\$\1\$(\d+)$/.exec(status.formulae[0]!);
    expect(range).not.toBeNull();
    const values = Array.from(
      { length: Number(range![2]) },
      (_, i) => lists.getCell(`${range![1]}${i + 1}`).value,
    );
    expect(values).toEqual(['programmée', 'en cours', 'réalisée', 'reportée', 'abandonnée']);
    const chantier = validationsOf(sheet).find('I999') as { formulae: string[] };
    const boolColumn = /^'Listes'!\$([A-Z]+)\$1/.exec(chantier.formulae[0]!)![1];
    expect([lists.getCell(`${boolColumn}1`).value, lists.getCell(`${boolColumn}2`).value]).toEqual([
      true,
      false,
    ]);
    const territories = validationsOf(sheet).find('G2') as { formulae: string[]; showErrorMessage?: boolean };
    expect(territories.formulae).toEqual(["'Territoires'!$A$2:$A$1000"]);
    expect(territories.showErrorMessage).toBeFalsy();
    const measures = validationsOf(workbook.getWorksheet('Mesures')!).find('A2') as { formulae: string[] };
    expect(measures.formulae).toEqual(["'Indicateurs'!$A$2:$A$1000"]);
  });

  it('seeds the référentiel, territories, funders and settings as the add-on does', async () => {
    const { grids } = readWorkbookSheets(await reload(newWorkbook(AT, 'agent.dsu')));
    expect(grids.get('Référentiel')![1]!.slice(0, 3)).toEqual(['RU', 'domaine', '']);
    expect(
      grids
        .get('Territoires')!
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['BMO', 'BREST']);
    expect(
      grids
        .get('Financeurs')!
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['ETAT', 'VILLE', 'BMO', 'CG29', 'REGION', 'CAF', 'BAILLEURS']);
    expect(grids.get('Paramètres')![2]).toEqual([
      'Début du contrat',
      new Date(2007, 0, 1),
      'Première date de la période du contrat.',
    ]);
    const journal = grids.get('Journal')!;
    expect(journal[1]!.slice(0, 3)).toEqual([AT, 'agent.dsu', 'installation / mise à jour']);
  });
});
