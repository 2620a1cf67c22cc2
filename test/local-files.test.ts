import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { CliError } from '../src/local/errors';
import { partsLostOnWrite, sniffFormat, writeAtomically } from '../src/local/files';
import { createProgress } from '../src/local/progress';
import { newWorkbook } from '../src/local/workbook-file';
import { zipEntryNames } from '../src/local/zip';
import { tempDir } from './local-helpers';

describe('recognising files', () => {
  it('tells an .xlsx from an .ods, an old .xls, an empty file and text', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('Feuil1');
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(sniffFormat(xlsx)).toBe('xlsx');
    expect(zipEntryNames(xlsx)).toContain('xl/worksheets/sheet1.xml');
    expect(sniffFormat(Buffer.from('d0cf11e0a1b11ae10000', 'hex'))).toBe('xls');
    expect(sniffFormat(Buffer.alloc(0))).toBe('empty');
    expect(sniffFormat(Buffer.from('ID;Intitulé\nRU-001;Diagnostic'))).toBe('other');
  });

  it('names what a rewrite would lose: charts, pivot tables, macros, Excel’s extended dropdowns', () => {
    const zip = fakeZip({
      '[Content_Types].xml': '',
      'xl/workbook.xml': '<workbook/>',
      'xl/worksheets/sheet1.xml': '<worksheet><sheetData/></worksheet>',
      'xl/worksheets/sheet2.xml':
        '<worksheet><extLst><ext><x14:dataValidations><x14:dataValidation type="list"/></x14:dataValidations></ext></extLst></worksheet>',
      'xl/charts/chart1.xml': '<c:chartSpace/>',
      'xl/vbaProject.bin': '',
    });
    expect(sniffFormat(zip)).toBe('xlsx');
    expect(partsLostOnWrite(zip)).toEqual([
      'des graphiques',
      'des macros',
      'des listes déroulantes au format étendu d’Excel',
    ]);
  });

  it('finds nothing to lose in a workbook made by init', async () => {
    const data = Buffer.from(await newWorkbook(new Date(2008, 0, 1), 'agent').xlsx.writeBuffer());
    expect(partsLostOnWrite(data)).toEqual([]);
  });
});

/** A zip of stored (uncompressed) entries, as small as a test needs. */
function fakeZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const content = Buffer.from(text);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(content.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, content);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(content.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + content.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('writing outputs atomically', () => {
  const { dir, cleanup } = tempDir('files');
  afterAll(cleanup);

  it('writes every file, or touches none and leaves no temporary file', () => {
    writeFileSync(join(dir, 'classeur.xlsx'), 'avant');
    expect(() =>
      writeAtomically([
        { path: join(dir, 'classeur.xlsx'), data: Buffer.from('après') },
        { path: join(dir, 'absent', 'rapport.docx'), shown: 'absent/rapport.docx', data: Buffer.from('x') },
      ]),
    ).toThrow(
      new CliError(
        'Dossier introuvable pour « absent/rapport.docx » : créez d’abord le dossier ou choisissez un autre chemin.',
      ),
    );
    expect(readFileSync(join(dir, 'classeur.xlsx'), 'utf8')).toBe('avant');
    expect(readdirSync(dir)).toEqual(['classeur.xlsx']);
    writeAtomically([{ path: join(dir, 'classeur.xlsx'), data: Buffer.from('après') }]);
    expect(readFileSync(join(dir, 'classeur.xlsx'), 'utf8')).toBe('après');
  });

  it('refuses to replace a workbook changed since it was read', () => {
    const path = join(dir, 'modifie.xlsx');
    writeFileSync(path, 'v1');
    const read = { path, mtimeMs: 1 };
    expect(() => writeAtomically([{ path, shown: 'modifie.xlsx', data: Buffer.from('v2') }], read)).toThrow(
      '« modifie.xlsx » a été modifié pendant la commande : rien n’a été écrit, relancez-la.',
    );
    expect(readFileSync(path, 'utf8')).toBe('v1');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses to write into a folder as if it were a file', () => {
    mkdirSync(join(dir, 'rapport.docx'));
    expect(() =>
      writeAtomically([{ path: join(dir, 'rapport.docx'), shown: 'rapport.docx', data: Buffer.from('x') }]),
    ).toThrow(CliError);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('progress', () => {
  it('redraws one bar in place on a terminal', () => {
    let out = '';
    const progress = createProgress({ write: (t: string) => (out += t), isTTY: true, columns: 100 }, 2);
    progress.step('Lecture du classeur');
    progress.step('Graphiques', 2);
    progress.tick();
    progress.tick();
    progress.done();
    expect(out).not.toContain('\n');
    expect(out).toContain('\r\x1b[2K████████████░░░░░░░░░░░░  50 %  Graphiques (0/2)');
    expect(out).toContain('\r\x1b[2K████████████████████████ 100 %  Graphiques (2/2)');
    expect(out.endsWith('\r\x1b[2K')).toBe(true);
  });

  it('fits the line to the terminal, and to 80 columns when the terminal does not say', () => {
    let out = '';
    createProgress({ write: (t: string) => (out += t), isTTY: true, columns: 0 }, 1).step(
      'Classeur de démonstration',
    );
    expect(out.endsWith('0 %  Classeur de démonstration')).toBe(true);
    out = '';
    createProgress({ write: (t: string) => (out += t), isTTY: true, columns: 40 }, 1).step(
      'Classeur de démonstration',
    );
    expect(out).toBe('\r\x1b[2K░░░░░░░░░░░░░░░░░░░░░░░░   0 %  Classeu');
  });

  it('writes plain lines, one per step, when the output is not a terminal', () => {
    let out = '';
    const progress = createProgress({ write: (t: string) => (out += t), isTTY: false }, 2);
    progress.step('Lecture du classeur');
    progress.step('Graphiques', 3);
    progress.tick();
    progress.done();
    expect(out).toBe('Lecture du classeur…\nGraphiques…\n');
  });
});
