/**
 * Decisions and closing a year in the offline edition, as a user runs it: a decision typed in the
 * workbook, checked and reported; demo → cloturer → a 2008 value changed by
 * hand → valider flags it, rapport keeps the frozen figures → rouvrir with a reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { frenchSpacing as fr } from '../src/core/typography';
import { runCli } from '../src/local/cli';
import { captureContext, columnOf, gridsOf, openXlsx, tempDir, zipText } from './local-helpers';

jest.setTimeout(120_000);

const CLOSED_AT = new Date(2009, 0, 20, 17, 5);
let dir: string;
let cleanup: () => void;
let workbook: string;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('pilotage-closing-'));
  expect(await runCli(['demo', '.'], captureContext(dir))).toBe(0);
  workbook = join(dir, 'demo-cucs-brest.xlsx');
});
afterAll(() => cleanup());

async function run(args: string[], now = CLOSED_AT) {
  const ctx = captureContext(dir, now);
  const code = await runCli(args, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

/** The first 2008 measure row of Mesures, and sets its value by hand. */
async function changeA2008Measure(value: number): Promise<number> {
  const book = await openXlsx(workbook);
  const sheet = book.getWorksheet('Mesures')!;
  const yearCol = columnOf(book, 'Mesures', 'Année');
  let row = 2;
  while (sheet.getCell(row, yearCol).value !== 2008) row++;
  sheet.getCell(row, columnOf(book, 'Mesures', 'Valeur')).value = value;
  await book.xlsx.writeFile(workbook);
  return row;
}

function docText(path: string): string {
  return zipText(readFileSync(path), 'word/document.xml').replace(/<[^>]+>/g, '');
}

/** The demo holds four decisions (rows 2 to 5): the one typed here goes on row 6. */
const TYPED_ROW = 6;

/** Types a decision in the Décisions sheet, as a person would in Excel. */
async function typeDecision(concerns: string): Promise<void> {
  const book = await openXlsx(workbook);
  const sheet = book.getWorksheet('Décisions')!;
  const put = (header: string, value: string | Date) => {
    sheet.getCell(TYPED_ROW, columnOf(book, 'Décisions', header)).value = value;
  };
  put('Instance', 'comité de pilotage');
  put('Date', new Date(Date.UTC(2008, 2, 14)));
  put('Type', 'infléchissement');
  put('Décision', 'Recentrer les ateliers parents-enfants sur Recouvrance.');
  put('Concerne', concerns);
  put('Suite', 'en cours');
  await book.xlsx.writeFile(workbook);
}

describe('decisions in the offline edition', () => {
  it('checks a decision typed in the workbook, gives it an ID, and reports it', async () => {
    await typeDecision('RE ; RE-404');
    const wrong = await run(['valider', workbook, '--sans-ecrire']);
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain(
      fr('Décisions, ligne 6, « Concerne » : Code inconnu (domaine, objectif ou ID d’action) : RE-404.'),
    );
    await typeDecision('RE ; RE-005');
    const fixed = await run(['valider', workbook]);
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain(fr('  • DEC-005 : Décisions, ligne 6'));
    const report = join(dir, 'decisions.docx');
    expect((await run(['rapport', workbook, '--annee', '2008', '-o', report])).code).toBe(0);
    const text = docText(report);
    expect(text).toContain('Suites données aux décisions');
    expect(text).toContain(fr('Infléchissement : Recentrer les ateliers parents-enfants sur Recouvrance.'));
    expect(text).toContain('Décisions concernant le domaine');
  });
});

describe('pilotage-cucs cloturer and rouvrir', () => {
  it('asks for the year', async () => {
    const { code, err } = await run(['cloturer', workbook]);
    expect(code).toBe(2);
    expect(err).toBe(fr('Erreur : Indiquez l’année : --annee N (par exemple --annee 2008).\n'));
  });

  it('closes 2008: Clôtures rows, a Journal entry, then refuses to close it twice', async () => {
    const { code, out } = await run(['cloturer', workbook, '--annee', '2008']);
    expect(code).toBe(0);
    expect(out).toMatch(
      new RegExp(
        fr(
          '^Année 2008 clôturée dans « .*demo-cucs-brest\\.xlsx » \\(empreinte [0-9a-f]{8}-[0-9a-z]+, noté au Journal\\)\\.',
        ),
      ),
    );
    const { grids } = await gridsOf(workbook);
    const closings = grids.get('Clôtures')!;
    expect(closings.length).toBeGreaterThan(1);
    expect(closings[1]!.slice(0, 2)).toEqual([2008, 'clôture']);
    const journal = grids.get('Journal')!;
    expect(journal.at(-1)!.slice(1, 5)).toEqual(['agent.dsu', 'clôture de l’année 2008', 'Clôtures', '2008']);
    const again = await run(['cloturer', workbook, '--annee', '2008']);
    expect(again.code).toBe(2);
    expect(again.err).toBe(
      fr('Erreur : L’année 2008 est déjà clôturée (clôture du 20/01/2009 à 17:05 par agent.dsu).\n'),
    );
  });

  it('flags a 2008 value changed since, on its cell, and the 2008 report keeps the frozen figures', async () => {
    const before = join(dir, 'avant.docx');
    expect((await run(['rapport', workbook, '--annee', '2008', '-o', before])).code).toBe(0);
    const row = await changeA2008Measure(123456);
    const checked = await run(['valider', workbook, '--sans-ecrire']);
    expect(checked.code).toBe(1);
    expect(checked.out).toContain(fr(`Mesures, ligne ${row}, « Valeur » : Mesure de 2008 modifiée`));
    expect(checked.out).toContain(
      fr('Mesure de 2008 modifiée depuis la clôture de 2008 (20/01/2009 à 17:05 par agent.dsu)'),
    );
    const after = join(dir, 'apres.docx');
    expect((await run(['rapport', workbook, '--annee', '2008', '-o', after])).code).toBe(0);
    const text = docText(after);
    expect(text).toContain(
      fr('Chiffres arrêtés le 20/01/2009 à 17:05 par agent.dsu (clôture de l’année 2008).'),
    );
    expect(text).toContain(fr('Le classeur a changé depuis : 1 valeur de 2008 diffère de celles arrêtées'));
    expect(text).not.toMatch(/123.456/);
    expect(text).toContain('20,9\u00a0%');
    expect(docText(before)).toContain(fr('Le classeur n’a pas changé depuis'));
  });

  it('reopens only with a reason, journaled, and the year can change again', async () => {
    const refused = await run(['rouvrir', workbook, '--annee', '2008']);
    expect(refused.code).toBe(2);
    expect(refused.err).toBe(
      fr('Erreur : Indiquez le motif de la réouverture : --motif "…" (il est noté au Journal).\n'),
    );
    const { code, out } = await run([
      'rouvrir',
      workbook,
      '--annee',
      '2008',
      '--motif',
      'Erreur de saisie CAF',
    ]);
    expect(code).toBe(0);
    expect(out).toContain(fr('Année 2008 rouverte'));
    const { grids } = await gridsOf(workbook);
    expect(grids.get('Journal')!.at(-1)!.slice(2, 7)).toEqual([
      'réouverture de l’année 2008',
      'Clôtures',
      '2008',
      expect.stringMatching(/^Clôture du 20\/01\/2009 à 17:05 par agent\.dsu/),
      'Motif : Erreur de saisie CAF',
    ]);
    const checked = await run(['valider', workbook, '--sans-ecrire']);
    expect(checked.out).not.toContain('depuis la clôture');
  });
});
