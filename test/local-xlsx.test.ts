import { Workbook } from 'exceljs';
import { planInstall } from '../src/core/install';
import { DEFAULT_REFERENTIEL } from '../src/core/presets';
import { workbookSpec } from '../src/core/workbook';
import { isDateFormat, localDateOf, readSheetXml } from '../src/files/xlsx-grids';
import { validationsOf } from '../src/local/exceljs-internals';
import { LISTS_SHEET, MAX_SHEET_NAME } from '../src/local/install-xlsx';
import { newWorkbook } from '../src/local/workbook-file';
import { utcDateOf, xlsxBuffer, xlsxValueOf } from '../src/local/xlsx';
import { gridsOf } from './local-helpers';

jest.setTimeout(60_000);

const AT = new Date(2008, 10, 20, 9, 30);

async function reload(workbook: Workbook): Promise<Workbook> {
  const copy = new Workbook();
  await copy.xlsx.load((await xlsxBuffer(workbook)) as unknown as ArrayBuffer);
  return copy;
}

describe('xlsx cells as core reads them', () => {
  it('reads the calendar date a cell shows, whatever the time zone', () => {
    expect(localDateOf(new Date(Date.UTC(2008, 2, 12)))).toEqual(new Date(2008, 2, 12));
    expect(utcDateOf(new Date(2008, 2, 12, 10, 30))).toEqual(new Date(Date.UTC(2008, 2, 12, 10, 30)));
    expect(xlsxValueOf(new Date(2008, 2, 12))).toEqual(new Date(Date.UTC(2008, 2, 12)));
  });

  it('writes text as is: a text that looks like a formula stays text, a typed apostrophe stays', () => {
    expect(xlsxValueOf('=1+1')).toBe('=1+1');
    expect(xlsxValueOf('-3 familles')).toBe('-3 familles');
    expect(xlsxValueOf("'=1+1")).toBe("'=1+1");
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
    const reading = await gridsOf(workbook);
    expect(reading.grids.get('Santé')).toEqual([
      ['ID', 'Intitulé'],
      ['SA-001', 'Ateliers nutrition'],
      ['', ''],
      [new Date(2008, 2, 12), ''],
    ]);
    expect(reading.merged.get('Santé')).toEqual([{ row: 2, col: 2, rows: 2, cols: 2 }]);
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
      'Décisions',
      'Clôtures',
      'Journal',
      'Contrôles',
      LISTS_SHEET,
    ]);
    expect(workbook.getWorksheet(LISTS_SHEET)!.state).toBe('hidden');
  });

  it('is recognised as fully installed once read back: the add-on has nothing to add', async () => {
    const workbook = await reload(newWorkbook(AT, 'agent.dsu'));
    const { grids } = await gridsOf(workbook);
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
    const { grids } = await gridsOf(await reload(newWorkbook(AT, 'agent.dsu')));
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

describe('sheet XML as other writers store it', () => {
  const context = { strings: ['partagé'], dateStyles: new Set([1]), date1904: false };

  it('reads rows and cells without their reference, in order', () => {
    const xml =
      '<worksheet><sheetData><row><c t="s"><v>0</v></c><c><v>2.5</v></c></row><row r="3"><c r="B3" t="b"><v>1</v></c></row><row><c t="inlineStr"><is><r><t>Café </t></r><r><rPr><b/></rPr><t>des parents</t></r><rPh><t>カフェ</t></rPh></is></c></row></sheetData></worksheet>';
    expect(readSheetXml(xml, context).grid).toEqual([
      ['partagé', 2.5],
      ['', ''],
      ['', true],
      ['Café des parents', ''],
    ]);
  });

  it('reads formulas by their cached result, errors as their text, dates by style or as ISO text', () => {
    const xml =
      '<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1" t="str"><x:f>A2&amp;"!"</x:f><x:v>a &lt; b</x:v></x:c><x:c r="B1" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="C1"><x:f>NOW()</x:f></x:c><x:c r="D1" s="1"><x:v>39519.5</x:v></x:c><x:c r="E1" t="d"><x:v>2008-03-12T00:00:00</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    expect(readSheetXml(xml, context).grid).toEqual([
      ['a < b', '#DIV/0!', '', new Date(2008, 2, 12, 12, 0), new Date(2008, 2, 12)],
    ]);
    expect(readSheetXml(xml, { ...context, date1904: true }).grid[0]![3]).toEqual(
      new Date(2012, 2, 13, 12, 0),
    );
  });

  it('reads only the first cell of a merged range, and names the range', () => {
    const xml =
      '<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>0</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="B2:C3"/></mergeCells></worksheet>';
    expect(readSheetXml(xml, context)).toEqual({
      grid: [
        ['', ''],
        ['', 'partagé'],
      ],
      merged: [{ row: 2, col: 2, rows: 2, cols: 2 }],
    });
  });

  it('tells date formats from the others', () => {
    expect(
      ['dd/mm/yyyy', 'JJ', '[$-40C]d mmmm yyyy', '[h]:mm', 'yyyy-mm-dd hh:mm'].map(isDateFormat),
    ).toEqual([true, false, true, true, true]);
    expect(
      ['General', '#,##0.00 "€"', '0.00%', '_-* #,##0 €_-', '"Année "0', '[Red]0'].map(isDateFormat),
    ).toEqual([false, false, false, false, false, false]);
  });
});
