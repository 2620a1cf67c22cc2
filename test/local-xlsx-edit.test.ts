/**
 * Editing an .xlsx in place (what valider, cloturer, rouvrir and demo write): the cells written,
 * everything else of a sheet kept as written, and every other part of the package copied as stored.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { frenchSpacing as fr } from '../src/core/typography';
import { CHECKS_SPEC } from '../src/core/validate';
import { runCli } from '../src/local/cli';
import { newWorkbook } from '../src/local/workbook-file';
import { loadXlsx, readXlsx, xlsxBuffer } from '../src/local/xlsx';
import { XlsxEdit } from '../src/local/xlsx-package-edit';
import {
  type CellEncoding,
  editSheetXml,
  hasOverlappingValidations,
  type SheetEdit,
  setCellWrite,
} from '../src/local/xlsx-sheet-edit';
import { zipEntries } from '../src/local/zip';
import { captureContext, tempDir } from './local-helpers';
import { overlaps, parts, zipOf } from './local-interop-support';

const AT = new Date(2008, 10, 20, 9, 30);
const encoding: CellEncoding = { date1904: false, dateStyle: (style) => (style === 3 ? 3 : 9) };
const noHighlight = () => false;

function edit(cells: [number, number, unknown][], more: Partial<SheetEdit> = {}): SheetEdit {
  const e: SheetEdit = { cells: new Map(), ...more };
  for (const [row, col, value] of cells) setCellWrite(e, row, col, value as never);
  return e;
}

describe('a sheet’s XML edited in place', () => {
  const sheet =
    '<worksheet xmlns="main"><dimension ref="A1:C3"/><cols><col min="2" max="3" width="20" style="5"/></cols>' +
    '<sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="C1" s="2"><f>1+1</f><v>2</v></c></row>' +
    '<row r="3" spans="1:3" ht="30" customHeight="1"><c r="A3"><v>7</v></c></row></sheetData>' +
    '<mergeCells count="1"><mergeCell ref="A3:A4"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="B2:B9"><formula1>"a,b"</formula1></dataValidation></dataValidations><pageMargins left="0.7"/></worksheet>';

  it('writes cells in column and row order, new cells in their column’s style, the rest as written', () => {
    const xml = editSheetXml(
      sheet,
      edit([
        [1, 2, 'B & <C>'],
        [2, 1, 12.5],
        [5, 4, true],
      ]),
      encoding,
      noHighlight,
    );
    expect(xml).toBe(
      '<worksheet xmlns="main"><dimension ref="A1:D5"/><cols><col min="2" max="3" width="20" style="5"/></cols>' +
        '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="5" t="inlineStr"><is><t xml:space="preserve">B &amp; &lt;C&gt;</t></is></c><c r="C1" s="2"><f>1+1</f><v>2</v></c></row>' +
        '<row r="2"><c r="A2"><v>12.5</v></c></row>' +
        '<row r="3" spans="1:3" ht="30" customHeight="1"><c r="A3"><v>7</v></c></row>' +
        '<row r="5"><c r="D5" t="b"><v>1</v></c></row></sheetData>' +
        '<mergeCells count="1"><mergeCell ref="A3:A4"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="B2:B9"><formula1>"a,b"</formula1></dataValidation></dataValidations><pageMargins left="0.7"/></worksheet>',
    );
  });

  it('replaces a cell’s value and keeps its style; writes a date as a serial in a date style, a formula with its result', () => {
    const xml = editSheetXml(
      sheet,
      edit([
        [1, 3, { formula: 'HYPERLINK("#\'Santé\'!B2","Aller en B2")', result: 'Aller en B2' }],
        [3, 1, new Date(2008, 2, 12, 12, 0)],
      ]),
      encoding,
      noHighlight,
    );
    expect(xml).toContain(
      '<c r="C1" s="2" t="str"><f>HYPERLINK(&quot;#\'Santé\'!B2&quot;,&quot;Aller en B2&quot;)</f><v>Aller en B2</v></c>',
    );
    expect(xml).toContain('<c r="A3" s="9"><v>39519.5</v></c>');
    expect(
      editSheetXml(
        sheet,
        edit([[3, 1, new Date(2008, 2, 12, 12, 0)]]),
        { ...encoding, date1904: true },
        noHighlight,
      ),
    ).toContain('<v>38057.5</v>');
  });

  it('clears the values of the rows from one down, keeping the styled cells empty', () => {
    const xml = editSheetXml(sheet, edit([], { clearFrom: 1 }), encoding, noHighlight);
    expect(xml).toContain('<row r="1"><c r="C1" s="2"/></row><row r="3" ht="30" customHeight="1"></row>');
  });

  it('gives their references to the rows and cells of an edited sheet that lack them, in the writer’s prefix', () => {
    const google =
      '<x:worksheet xmlns:x="main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>ID</x:t></x:is></x:c><x:c><x:v>1</x:v></x:c></x:row><x:row><x:c><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>';
    expect(editSheetXml(google, edit([[2, 2, 'SA-001']]), encoding, noHighlight)).toBe(
      '<x:worksheet xmlns:x="main"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>ID</x:t></x:is></x:c><x:c r="B1"><x:v>1</x:v></x:c></x:row>' +
        '<x:row r="2"><x:c r="A2"><x:v>2</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:t xml:space="preserve">SA-001</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>',
    );
    expect(
      editSheetXml('<worksheet><sheetData/></worksheet>', edit([[1, 1, 3]]), encoding, noHighlight),
    ).toBe('<worksheet><sheetData><row r="1"><c r="A1"><v>3</v></c></row></sheetData></worksheet>');
  });

  it('regroups overlapping validations as an earlier version wrote them, a cell keeping its last rule', () => {
    const list = (sqref: string, formula: string) =>
      `<dataValidation type="list" allowBlank="1" sqref="${sqref}"><formula1>${formula}</formula1></dataValidation>`;
    const doubled = sheet.replace(
      /<dataValidations[\s\S]*<\/dataValidations>/,
      `<dataValidations count="3">${list('B2:B1000', 'Listes!$A$1:$A$5')}${list('B10:B1000', 'Listes!$A$1:$A$5')}${list('C2:C9 B5', 'Listes!$B$1:$B$2')}</dataValidations>`,
    );
    expect(hasOverlappingValidations(doubled)).toBe(true);
    const xml = editSheetXml(doubled, edit([]), encoding, noHighlight);
    expect(hasOverlappingValidations(xml)).toBe(false);
    const regrouped = (sqref: string, formula: string) =>
      `<dataValidation sqref="${sqref}" type="list" allowBlank="1"><formula1>${formula}</formula1></dataValidation>`;
    expect(/<dataValidations[\s\S]*<\/dataValidations>/.exec(xml)![0]).toBe(
      `<dataValidations count="2">${regrouped('B2:B4 B6:B1000', 'Listes!$A$1:$A$5')}${regrouped('B5 C2:C9', 'Listes!$B$1:$B$2')}</dataValidations>`,
    );
    // Disjoint ones are left as written.
    expect(editSheetXml(sheet, edit([]), encoding, noHighlight)).toContain(
      '<dataValidations count="1"><dataValidation type="list" sqref="B2:B9">',
    );
  });

  it('replaces the previous highlights where they were, and keeps the user’s own conditional formats', () => {
    const ours = (ref: string, dxf: number) =>
      `<conditionalFormatting sqref="${ref}"><cfRule type="expression" dxfId="${dxf}" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>`;
    const user =
      '<conditionalFormatting sqref="C2:C9"><cfRule type="cellIs" dxfId="0" priority="3" operator="lessThan"><formula>0</formula></cfRule></conditionalFormatting>';
    const before = sheet.replace(
      '<dataValidations',
      `${ours('A2', 1)}${user}${ours('B7', 2)}<dataValidations`,
    );
    const isHighlight = (rules: { type: string; dxfId: number; formula: string }[]) =>
      rules.every((r) => r.type === 'expression' && r.formula === 'TRUE' && r.dxfId > 0);
    const highlights = [{ sqref: 'B3 B5', dxfId: 1, priority: 1 }];
    const xml = editSheetXml(before, edit([], { highlights }), encoding, isHighlight);
    expect(xml).toContain(`</mergeCells>${ours('B3 B5', 1)}${user}<dataValidations`);
    // None before: added before the elements that follow conditional formats.
    expect(editSheetXml(sheet, edit([], { highlights }), encoding, isHighlight)).toContain(
      `</mergeCells>${ours('B3 B5', 1)}<dataValidations`,
    );
    expect(editSheetXml(before, edit([], { highlights: [] }), encoding, isHighlight)).toContain(
      `</mergeCells>${user}<dataValidations`,
    );
  });
});

describe('a package edited in place', () => {
  let data: Buffer;
  beforeAll(async () => {
    data = await xlsxBuffer(newWorkbook(AT, 'agent.dsu'));
  });

  /** The bytes each entry is stored with, compressed or not. */
  const stored = (file: Buffer) =>
    new Map(
      zipEntries(file).map((e) => {
        const start =
          e.localHeader + 30 + file.readUInt16LE(e.localHeader + 26) + file.readUInt16LE(e.localHeader + 28);
        return [e.name, file.subarray(start, start + e.compressedSize).toString('base64')];
      }),
    );

  it('copies every part it does not change as stored, and drops Excel’s calculation chain', () => {
    const files = parts(data);
    files.set('xl/calcChain.xml', '<calcChain xmlns="main"><c r="G2" i="15"/></calcChain>');
    files.set(
      'xl/_rels/workbook.xml.rels',
      files
        .get('xl/_rels/workbook.xml.rels')!
        .replace(
          '</Relationships>',
          '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
        ),
    );
    files.set(
      '[Content_Types].xml',
      files
        .get('[Content_Types].xml')!
        .replace(
          '</Types>',
          '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
        ),
    );
    const original = zipOf(files);
    const reading = readXlsx(original, 'classeur.xlsx');
    const edited = new XlsxEdit(reading.pkg);
    const sante = reading.pkg.sheets.find((s) => s.name === 'Santé')!.path;
    edited.write('Santé', 2, 1, 'SA-001');
    const written = edited.toBuffer();
    const before = stored(original);
    const after = stored(written);
    const changed = [...before.keys()].filter((name) => after.get(name) !== before.get(name));
    expect(changed.sort()).toEqual(
      ['[Content_Types].xml', 'xl/_rels/workbook.xml.rels', 'xl/calcChain.xml', sante].sort(),
    );
    expect(after.has('xl/calcChain.xml')).toBe(false);
    expect(parts(written).get('xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
    expect(parts(written).get('[Content_Types].xml')).not.toContain('calcChain');
    expect(readXlsx(written, 'x').grids.get('Santé')![1]![0]).toBe('SA-001');
  });

  it('adds a missing sheet at the end, readable by both readers; a date outside a date column gets a date style', async () => {
    const files = parts(data);
    // The Journal and Contrôles as a user may delete them, the sheet list declaring its prefix per sheet.
    const reading0 = readXlsx(data, 'x');
    const checks = reading0.pkg.sheets.find((s) => s.name === CHECKS_SPEC.name)!;
    files.set(
      'xl/workbook.xml',
      files
        .get('xl/workbook.xml')!
        .replace(/<sheet [^>]*name="Contrôles"[^>]*\/>/, '')
        .replace(/ xmlns:r="[^"]*"/, ''),
    );
    files.set(
      'xl/workbook.xml',
      files
        .get('xl/workbook.xml')!
        .replace(
          /<sheet /g,
          '<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ',
        ),
    );
    files.delete(checks.path);
    const reading = readXlsx(zipOf(files), 'x');
    expect(reading.grids.has('Contrôles')).toBe(false);
    const edited = new XlsxEdit(reading.pkg);
    edited.write('Contrôles', 1, 1, 'Gravité');
    edited.write('Contrôles', 2, 1, new Date(2008, 10, 20, 9, 30));
    const written = edited.toBuffer();
    // The root declares no prefix for the relationships: the new sheet's element declares its own.
    const sheetList = parts(written).get('xl/workbook.xml')!;
    expect(sheetList).not.toMatch(/<workbook [^>]*xmlns:r=/);
    expect(/<sheet [^>]*name="Contrôles"[^>]*>/.exec(sheetList)![0]).toMatch(
      /xmlns:r="[^"]+"[^>]* r:id="rId\d+"/,
    );
    const grids = readXlsx(written, 'x').grids;
    expect([...grids.keys()].slice(-2)).toEqual(['Listes', 'Contrôles']);
    expect(grids.get('Contrôles')).toEqual([['Gravité'], [new Date(2008, 10, 20, 9, 30)]]);
    const workbook = await loadXlsx(written, 'x');
    expect(workbook.getWorksheet('Contrôles')!.getCell('A2').numFmt).toBe('dd/mm/yyyy hh:mm');
  });
});

describe('valider on files as they come', () => {
  const { dir, cleanup } = tempDir('edit');
  afterAll(cleanup);

  it('regroups the doubled dropdowns an earlier version wrote, and keeps each cell’s rule', async () => {
    const files = parts(await xlsxBuffer(newWorkbook(AT, 'agent.dsu')));
    const sante = readXlsx(zipOf(files), 'x').pkg.sheets.find((s) => s.name === 'Santé')!.path;
    const original = files.get(sante)!;
    const rules = (xml: string) => [...xml.matchAll(/<dataValidation [\s\S]*?<\/dataValidation>/g)].length;
    // B2:B1000 written again as B10:B1000 (exceljs sorted « B10 » before « B2 »).
    const doubled = original.replace(
      /<dataValidation [^>]*sqref="([A-Z]+)2:\1(\d+)"[\s\S]*?<\/dataValidation>/g,
      (rule, col, end) =>
        rule + rule.replace(`sqref="${col}2:${col}${end}"`, `sqref="${col}10:${col}${end}"`),
    );
    expect(rules(doubled)).toBe(2 * rules(original));
    files.set(sante, doubled);
    const path = join(dir, 'double.xlsx');
    writeFileSync(path, zipOf(files));
    expect(overlaps(readFileSync(path)).length).toBeGreaterThan(0);
    expect(await runCli(['valider', 'double.xlsx'], captureContext(dir, AT))).toBe(0);
    expect(overlaps(readFileSync(path))).toEqual([]);
    const written = parts(readFileSync(path)).get(sante)!;
    expect(rules(written)).toBe(rules(original));
    const sqrefs = (xml: string) => [...xml.matchAll(/sqref="([^"]+)"/g)].map((m) => m[1]).sort();
    expect(sqrefs(written)).toEqual(sqrefs(original));
  });

  it('does not add a sheet whose name differs only by case from one of the workbook’s', async () => {
    const files = parts(await xlsxBuffer(newWorkbook(AT, 'agent.dsu')));
    files.set(
      'xl/workbook.xml',
      files.get('xl/workbook.xml')!.replace('name="Contrôles"', 'name="CONTRÔLES"'),
    );
    const path = join(dir, 'casse.xlsx');
    writeFileSync(path, zipOf(files));
    const before = readFileSync(path);
    const ctx = captureContext(dir, AT);
    expect(await runCli(['valider', 'casse.xlsx'], ctx)).toBe(2);
    expect(ctx.err()).toBe(
      fr(
        'Erreur : Le classeur a une feuille « CONTRÔLES » et il lui faut une feuille « Contrôles », qu’Excel ne distingue pas de la première : renommez « CONTRÔLES » en « Contrôles », puis relancez la commande. Rien n’a été écrit.\n',
      ),
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('valider keeps a chart and Excel’s extended dropdowns; init --mettre-a-jour refuses, naming them', async () => {
    const files = parts(await xlsxBuffer(newWorkbook(AT, 'agent.dsu')));
    const sante = readXlsx(zipOf(files), 'x').pkg.sheets.find((s) => s.name === 'Santé')!.path;
    const extended =
      '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1"><x14:dataValidation type="list"><x14:formula1><xm:f xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">Listes!$A$1:$A$5</xm:f></x14:formula1><xm:sqref xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">Z2:Z9</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>';
    files.set(sante, files.get(sante)!.replace('</worksheet>', `${extended}</worksheet>`));
    files.set(
      'xl/charts/chart1.xml',
      '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
    );
    const path = join(dir, 'graphique.xlsx');
    writeFileSync(path, zipOf(files));
    const ctx = captureContext(dir, AT);
    expect([await runCli(['valider', 'graphique.xlsx'], ctx), ctx.err()]).toEqual([0, '']);
    const written = parts(readFileSync(path));
    expect(written.get('xl/charts/chart1.xml')).toBe(files.get('xl/charts/chart1.xml'));
    expect(written.get(sante)).toContain(extended);
    const update = captureContext(dir, AT);
    expect(await runCli(['init', 'graphique.xlsx', '--mettre-a-jour'], update)).toBe(2);
    expect(update.err()).toContain(
      fr(
        '« graphique.xlsx » contient des graphiques, des listes déroulantes au format étendu d’Excel, que cette réécriture',
      ),
    );
  });
});
