/**
 * Workbooks as other tools write them, each made during the test by that tool where it is installed
 * (exceljs, openpyxl, LibreOffice) or by editing the XML as the tool writes it (Google Sheets'
 * « Télécharger au format .xlsx », Excel): read with the same values, validated and reported, their
 * notes kept on rewrite. Every file the commands write has disjoint ranges and loads in openpyxl
 * without a warning; a part that cannot be read is named in French.
 * @requires libreoffice openpyxl
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { columnLetter } from '../src/core/problems';
import { frenchSpacing as fr } from '../src/core/typography';
import type { ValidationResult } from '../src/core/validate';
import { runCli } from '../src/local/cli';
import { validate } from '../src/local/workbook-file';
import { loadXlsx } from '../src/local/xlsx';
import { XlsxArchive } from '../src/local/xlsx-archive';
import { zipEntries } from '../src/local/zip';
import { captureContext, gridsOf, tempDir } from './local-helpers';
import {
  dates1904,
  inlineStrings,
  notesAsGoogle,
  numbersAsFormulas,
  openpyxl,
  openpyxlLoads,
  overlaps,
  parts,
  rulesOf,
  withoutDimension,
  zipOf,
} from './local-interop-support';

jest.setTimeout(600_000);

const NOW = new Date(2009, 0, 20, 10, 0);
const TODAY = new Date(2009, 0, 20);

describe('workbooks written by other tools', () => {
  const { dir, cleanup } = tempDir('interop');
  afterAll(cleanup);
  const demo = join(dir, 'demo', 'demo-cucs-brest.xlsx');
  /** Every file the commands wrote, for the overlap and openpyxl checks. */
  const written: string[] = [];
  let reference: ValidationResult;
  let referenceGrids: Awaited<ReturnType<typeof gridsOf>>['grids'];
  let santeNote: string;

  beforeAll(async () => {
    const ctx = captureContext(dir, NOW);
    expect(await runCli(['demo', 'demo'], ctx)).toBe(0);
    written.push(demo);
    referenceGrids = (await gridsOf(demo)).grids;
    reference = validate(await gridsOf(demo), TODAY);
    santeNote = (await noteOf(demo, 'Santé', 'A1'))!;
    expect(santeNote.length).toBeGreaterThan(10);
  });

  const fixture = (name: string, data: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, data);
    return path;
  };

  /** valider then rapport, as a user would run them; the file as read after valider. */
  async function throughCommands(path: string, expectedExit = 0): Promise<ValidationResult> {
    const name = basename(path);
    const validation = captureContext(dir, NOW);
    expect([await runCli(['valider', name], validation), validation.err()]).toEqual([expectedExit, '']);
    written.push(path);
    const report = captureContext(dir, NOW);
    const docx = name.replace(/\.xlsx$/, '.docx');
    expect([await runCli(['rapport', name, '-o', docx], report), report.err()]).toEqual([0, '']);
    expect(existsSync(join(dir, docx))).toBe(true);
    return validate(await gridsOf(path), TODAY);
  }

  const expectSameData = (result: ValidationResult) => {
    expect(result.problems).toEqual(reference.problems);
    expect(result.data.actions.map((a) => a.record)).toEqual(reference.data.actions.map((a) => a.record));
    expect(result.data.indicators).toEqual(reference.data.indicators);
    expect(result.data.measures).toEqual(reference.data.measures);
    expect(result.data.settings).toEqual(reference.data.settings);
  };

  /**
   * A note's text, whether exceljs gives it as text or with its formatting; read as the offline
   * edition loads a file (valider keeps each writer's part names, which exceljs alone cannot read).
   */
  const noteOf = async (path: string, sheet: string, cell: string) => {
    const note = (await loadXlsx(readFileSync(path), path)).getWorksheet(sheet)!.getCell(cell).note;
    return typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('');
  };

  it('exceljs: the demo as the offline edition writes it', async () => {
    expectSameData(await throughCommands(fixture('exceljs.xlsx', readFileSync(demo))));
  });

  it('openpyxl: the demo loaded and saved again, its notes under openpyxl’s own part names', async () => {
    const path = join(dir, 'openpyxl.xlsx');
    openpyxl('openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])', [demo, path]);
    expect(zipEntries(readFileSync(path)).map((e) => e.name)).toContain('xl/comments/comment1.xml');
    expect((await gridsOf(path)).grids).toEqual(referenceGrids);
    expectSameData(await throughCommands(path));
    expect(await noteOf(path, 'Santé', 'A1')).toBe(santeNote);
    const note = openpyxl("print(openpyxl.load_workbook(sys.argv[1])['Santé']['A1'].comment.text)", [path]);
    expect(note.trim()).toBe(santeNote);
  });

  it('openpyxl: the workbook made by init, filled by a colleague’s script', async () => {
    const path = join(dir, 'script.xlsx');
    expect(await runCli(['init', 'script.xlsx'], captureContext(dir, NOW))).toBe(0);
    written.push(path);
    openpyxl(
      `import datetime
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Santé']
col = {c.value: c.column for c in ws[1]}
ws.cell(2, col['ID'], 'SA-001')
ws.cell(2, col['Intitulé de l’action'], 'Ateliers nutrition des familles')
ws.cell(2, col['Statut'], 'bof')
ws.cell(2, col['Date de début'], datetime.date(2008, 1, 15))
ws.cell(2, col['Budget prévu (€)'], 12500.5)
ws.cell(2, col['Chantier prioritaire'], True)
ws.cell(5, col['Porteur (maître d’œuvre)'], 'fusionné')
ws.merge_cells(start_row=5, start_column=col['Porteur (maître d’œuvre)'], end_row=6, end_column=col['Porteur (maître d’œuvre)'] + 1)
wb.save(sys.argv[1])`,
      [path],
    );
    const sante = (await gridsOf(path)).grids.get('Santé')!;
    const header = sante[0]!;
    expect(sante[1]![header.indexOf('Date de début')]).toEqual(new Date(2008, 0, 15));
    expect(sante[1]![header.indexOf('Chantier prioritaire')]).toBe(true);
    expect(sante[1]![header.indexOf('Budget prévu (€)')]).toBe(12500.5);
    const result = await throughCommands(path, 1);
    const statut = result.problems.find((p) => p.sheet === 'Santé' && p.row === 2 && p.column === 'Statut');
    expect(statut?.severity).toBe('erreur');
    expect(result.problems.some((p) => p.sheet === 'Santé' && p.row === 5)).toBe(true);
    expect(await noteOf(path, 'Santé', 'A1')).toBe(santeNote);
    // Rewritten ten times, the workbook keeps the same rules: nothing doubles.
    const once = rulesOf(readFileSync(path));
    expect(once).toContain('<conditionalFormatting');
    expect(once).toContain('<mergeCell ');
    for (let i = 0; i < 9; i++)
      expect(await runCli(['valider', 'script.xlsx'], captureContext(dir, NOW))).toBe(1);
    expect(rulesOf(readFileSync(path))).toBe(once);
  });

  it('LibreOffice: the demo saved by Calc as .xlsx', async () => {
    const out = join(dir, 'libreoffice');
    mkdirSync(out);
    const profile = join(dir, `lo-profile-${randomBytes(4).toString('hex')}`);
    try {
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${profile}`,
          '--headless',
          '--norestore',
          '--convert-to',
          'xlsx:Calc MS Excel 2007 XML',
          '--outdir',
          out,
          demo,
        ],
        { cwd: dir, timeout: 240_000, stdio: 'ignore' },
      );
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
    const path = join(dir, 'libreoffice.xlsx');
    copyFileSync(join(out, 'demo-cucs-brest.xlsx'), path);
    expectSameData(await throughCommands(path));
    expect(await noteOf(path, 'Santé', 'A1')).toBe(santeNote);
  });

  it('Google Sheets’ export: inline strings, no dimension, bare notes without their VML shapes', async () => {
    const files = parts(readFileSync(demo));
    inlineStrings(files);
    withoutDimension(files);
    notesAsGoogle(files);
    const path = fixture('google.xlsx', zipOf(files));
    expect(zipEntries(readFileSync(path)).map((e) => e.name)).not.toContain('xl/sharedStrings.xml');
    expect((await gridsOf(path)).grids).toEqual(referenceGrids);
    expectSameData(await throughCommands(path));
    expect(await noteOf(path, 'Santé', 'A1')).toBe(santeNote);
  });

  it.each([
    ['1', 'excel-1904.xlsx'],
    ['true', 'excel-1904-true.xlsx'],
  ])(
    'Excel: dates in the 1904 system (date1904="%s"), values as shared formulas with their cached results',
    async (flag, name) => {
      const data = readFileSync(demo);
      const files = parts(data);
      dates1904(files, flag);
      const measures = new XlsxArchive(data).sheets.find((s) => s.name === 'Mesures')!.path;
      const value = columnLetter(referenceGrids.get('Mesures')![0]!.indexOf('Valeur'));
      numbersAsFormulas(files, measures, value);
      expect(files.get(measures)).toContain('<f t="shared" si="0"/>');
      const path = fixture(name, zipOf(files));
      expect((await gridsOf(path)).grids).toEqual(referenceGrids);
      expectSameData(await throughCommands(path));
    },
  );

  describe('a part that cannot be read is named, in French', () => {
    const refused = async (name: string, data: Buffer, command = 'valider') => {
      fixture(name, data);
      const ctx = captureContext(dir, NOW);
      expect(await runCli([command, name], ctx)).toBe(2);
      expect(ctx.err()).not.toMatch(/inattendue|undefined|Cannot|Error/);
      return ctx.err();
    };
    const pathOf = (name: string) =>
      new XlsxArchive(readFileSync(demo)).sheets.find((s) => s.name === name)!.path;

    it('a sheet cut short', async () => {
      const files = parts(readFileSync(demo));
      const sante = pathOf('Santé');
      files.set(sante, files.get(sante)!.slice(0, 2000));
      for (const command of ['valider', 'rapport']) {
        expect(await refused('coupe.xlsx', zipOf(files), command)).toBe(
          `${fr(
            `Erreur : « coupe.xlsx » n’est pas un classeur .xlsx lisible : impossible de lire la feuille « Santé » (${sante}). Ouvrez-le dans Excel, LibreOffice ou Google Sheets et enregistrez-le à nouveau au format .xlsx, puis relancez la commande.`,
          )}\n`,
        );
      }
    });

    it('a sheet under a part name exceljs skips: kept by valider, refused for an exceljs rewrite', async () => {
      const files = parts(readFileSync(demo));
      const sante = pathOf('Santé');
      const renamed = 'xl/worksheets/feuille-sante.xml';
      files.set(renamed, files.get(sante)!);
      files.delete(sante);
      const relsOf = (part: string) => `${part.replace('worksheets/', 'worksheets/_rels/')}.rels`;
      const rels = relsOf(sante);
      files.set(relsOf(renamed), files.get(rels)!);
      files.delete(rels);
      const workbookRels = 'xl/_rels/workbook.xml.rels';
      files.set(workbookRels, files.get(workbookRels)!.replace(sante.slice(3), renamed.slice(3)));
      const path = fixture('renomme.xlsx', zipOf(files));
      const ctx = captureContext(dir, NOW);
      expect([await runCli(['valider', 'renomme.xlsx'], ctx), ctx.err()]).toEqual([0, '']);
      written.push(path);
      expect(parts(readFileSync(path)).get(renamed)).toBe(files.get(renamed));
      expect((await gridsOf(path)).grids.get('Santé')).toEqual(referenceGrids.get('Santé'));
      const update = captureContext(dir, NOW);
      expect(await runCli(['init', 'renomme.xlsx', '--mettre-a-jour'], update)).toBe(2);
      expect(update.err()).toContain(fr(`impossible de lire la feuille « Santé » (${renamed}).`));
    });

    it('shared strings whose compressed bytes are damaged', async () => {
      const data = zipOf(parts(readFileSync(demo)));
      const entry = zipEntries(data).find((e) => e.name === 'xl/sharedStrings.xml')!;
      const start = entry.localHeader + 30 + data.readUInt16LE(entry.localHeader + 26);
      data.fill(0xff, start, start + 64);
      expect(await refused('abime.xlsx', data)).toContain(
        fr('impossible de lire les textes du classeur (xl/sharedStrings.xml).'),
      );
    });

    it('notes that are not XML: kept as they are by valider, refused for an exceljs rewrite', async () => {
      const files = parts(readFileSync(demo));
      const broken =
        '<comments><commentList><comment ref="A1"><text><r><t>Note</b></t></r></text></comment></commentList></comments>';
      files.set('xl/comments1.xml', broken);
      fixture('notes.xlsx', zipOf(files));
      const ctx = captureContext(dir, NOW);
      expect(await runCli(['valider', 'notes.xlsx'], ctx)).toBe(0);
      expect(parts(readFileSync(join(dir, 'notes.xlsx'))).get('xl/comments1.xml')).toBe(broken);
      expect(await runCli(['rapport', 'notes.xlsx', '-o', 'notes.docx'], captureContext(dir, NOW))).toBe(0);
      const update = captureContext(dir, NOW);
      expect(await runCli(['init', 'notes.xlsx', '--mettre-a-jour'], update)).toBe(2);
      expect(update.err()).toContain(
        fr('impossible de lire les notes de la feuille « Paramètres » (xl/comments1.xml).'),
      );
    });
  });

  it('every written file has disjoint ranges and loads in openpyxl without a warning', async () => {
    const init = join(dir, 'init.xlsx');
    expect(await runCli(['init', 'init.xlsx'], captureContext(dir, NOW))).toBe(0);
    const files = [init, ...new Set(written)];
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const path of files)
      expect([basename(path), overlaps(readFileSync(path))]).toEqual([basename(path), []]);
    const loaded = openpyxlLoads(files).trim().split('\n');
    expect(loaded).toHaveLength(files.length);
    // The dropdowns of init, once per column of the five domain sheets and the others: no doubles.
    const rules = (name: string) => Number(loaded.find((l) => l.startsWith(`${name} `))!.split(' ')[2]);
    expect(rules('script.xlsx')).toBe(rules('init.xlsx'));
    expect(rules('exceljs.xlsx')).toBe(rules('init.xlsx'));
  });
});
