/**
 * The offline edition end to end, as a user runs it: init → fill the workbook by hand (messy cells
 * included) → valider → rapport; and every bad file gets a French error, a non-zero exit and no output.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CellValue, Workbook } from 'exceljs';
import { DEFAULT_REFERENTIEL } from '../src/core/presets';
import { findObjective } from '../src/core/referentiel';
import { frenchSpacing as fr } from '../src/core/typography';
import { codeLabel } from '../src/core/workbook';
import { HELP, runCli } from '../src/local/cli';
import { validationsOf } from '../src/local/exceljs-internals';
import { captureContext, columnOf, gridsOf, openXlsx, sheetXml, tempDir, zipText } from './local-helpers';

const objective = (code: string) => codeLabel(code, findObjective(DEFAULT_REFERENTIEL, code)!.label);

/** What a person types into the workbook made by `init`, including what people really type. */
async function fillAsAUser(path: string): Promise<void> {
  const workbook = await openXlsx(path);
  const territories = workbook.getWorksheet('Territoires')!;
  territories.getRow(4).values = ['Q-PONTANEZEN', 'Pontanézen', 'quartier prioritaire', 'BREST', ''];

  const sante = workbook.getWorksheet('Santé')!;
  const col = (header: string) => columnOf(workbook, 'Santé', header);
  const put = (row: number, header: string, value: CellValue) => {
    sante.getCell(row, col(header)).value = value;
  };
  // A clean row, typed with the dropdowns.
  put(2, 'ID', 'SA-001');
  put(2, 'Objectif', objective('SA1'));
  put(2, 'Intitulé de l’action', 'Ateliers nutrition des familles');
  put(2, 'Porteur (maître d’œuvre)', 'CCAS de Brest');
  put(2, 'Territoires', 'Q-PONTANEZEN');
  put(2, 'Chantier prioritaire', true);
  put(2, 'Participation des habitants', true);
  put(2, 'Modalités de participation', 'Ateliers de concertation avec les familles');
  put(2, 'Statut', 'en cours');
  put(2, 'Date de début', new Date(Date.UTC(2008, 0, 15)));
  put(2, 'Date de fin', new Date(Date.UTC(2008, 11, 31)));
  put(2, 'Budget prévu (€)', 20000);
  put(2, 'Crédits spécifiques CUCS (€)', 8000);
  put(2, 'Financement VILLE (€)', 12000);
  put(2, 'Avancées', '2008 : douze ateliers tenus à Pontanézen');
  // A messy row: no ID, rich text, a link, a date typed as text, an end before the start,
  // an amount typed as text, a formula, a checkbox typed as a word.
  put(3, 'Objectif', objective('SA2'));
  put(3, 'Intitulé de l’action', {
    richText: [{ text: 'Permanence ' }, { text: 'santé', font: { bold: true } }],
  });
  put(3, 'Porteur (maître d’œuvre)', 'Atelier santé ville de Brest');
  put(3, 'Partenaires', { text: 'CPAM du Finistère', hyperlink: 'https://www.ameli.fr' });
  put(3, 'Chantier prioritaire', 'non');
  put(3, 'Statut', 'en cours');
  put(3, 'Date de début', '12/03/2008');
  put(3, 'Date de fin', new Date(Date.UTC(2008, 0, 10)));
  put(3, 'Budget prévu (€)', '12 500,50 €');
  put(3, 'Crédits spécifiques CUCS (€)', { formula: 'CAF3*0', result: 5000 });
  put(3, 'Financement CAF (€)', 7500.5);
  // The user's own column, with a format and a note of their own.
  const own = col('Mis à jour par') + 1;
  sante.getCell(1, own).value = 'Notes internes';
  sante.getCell(2, own).value = 'à présenter au comité';
  sante.getCell(2, own).font = { italic: true, color: { argb: 'FF00897B' } };
  sante.getCell(2, own).note = 'Note de la cheffe de projet';
  sante.getCell(2, col('Intitulé de l’action')).fill = {
    type: 'pattern',
    pattern: 'solid',
    fgColor: { argb: 'FFFFF59D' },
  };

  const indicators = workbook.getWorksheet('Indicateurs')!;
  indicators.getRow(2).values = [
    'SA-IND-01',
    'SA — Santé',
    '',
    'Passages à la permanence d’accès aux soins',
    'réalisation',
    'nombre',
    'hausse',
    900,
    2006,
    1400,
    2009,
    'CHU de Brest',
    '',
  ];
  const measures = workbook.getWorksheet('Mesures')!;
  measures.getRow(2).values = ['SA-IND-01', 2007, 'BREST', 1000, 'CHU de Brest', ''];
  measures.getRow(3).values = ['SA-IND-01', 2008, 'BREST', '1 150', 'CHU de Brest', ''];
  await workbook.xlsx.writeFile(path);
}

const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

jest.setTimeout(60_000);

describe('pilotage-cucs: init, fill, valider, rapport', () => {
  const { dir, cleanup } = tempDir('cli');
  afterAll(cleanup);
  const path = join(dir, 'classeur.xlsx');
  let beforeValidation: Workbook;

  it('init writes the structured workbook and says what to do next', async () => {
    const ctx = captureContext(dir);
    expect(await runCli(['init', 'classeur.xlsx'], ctx)).toBe(0);
    expect(ctx.out()).toContain(fr('Classeur créé : classeur.xlsx'));
    expect(ctx.out()).toContain(fr('pilotage-cucs valider classeur.xlsx'));
    expect(existsSync(path)).toBe(true);
  });

  it('init refuses to overwrite the workbook unless told', async () => {
    const before = readFileSync(path);
    const ctx = captureContext(dir);
    expect(await runCli(['init', 'classeur.xlsx'], ctx)).toBe(2);
    expect(ctx.err()).toContain(fr('« classeur.xlsx » existe déjà : rien n’a été écrit.'));
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('valider prints the problems, writes Contrôles and the missing ID, exits 1 on errors', async () => {
    await fillAsAUser(path);
    beforeValidation = await openXlsx(path);
    const ctx = captureContext(dir);
    expect(await runCli(['valider', 'classeur.xlsx'], ctx)).toBe(1);
    const out = ctx.out();
    expect(out).toContain(
      fr('ERREUR        Santé, ligne 3, « Date de fin » : La date de fin précède la date de début.'),
    );
    expect(out).toContain(
      fr('avertissement Santé, ligne 3, « Budget prévu (€) » : « 12 500,50 € » est saisi comme du texte'),
    );
    expect(out).toContain(
      fr('avertissement Santé, ligne 3, « Date de début » : « 12/03/2008 » est saisi comme du texte'),
    );
    expect(out).toContain(
      fr('1 ID attribué aux lignes saisies sans ID (noté au Journal) :\n  • SA-002 : Santé, ligne 3'),
    );
    expect(out).toContain(fr('Feuille Contrôles mise à jour dans « classeur.xlsx ».'));
    expect(leftovers(dir)).toEqual([]);

    const after = await openXlsx(path);
    expect(after.getWorksheet('Santé')!.getCell(3, 1).value).toBe(fr('SA-002'));
    const checks = (await gridsOf(after)).grids.get('Contrôles')!;
    expect(checks[0]).toEqual(['Gravité', 'Feuille', 'Ligne', 'Colonne', 'Valeur', 'Message', 'Lien']);
    const endDate = checks.find((r) => r[3] === 'Date de fin' && r[1] === 'Santé')!;
    expect(endDate.slice(0, 3)).toEqual(['erreur', 'Santé', 3]);
    expect(endDate[5]).toBe(fr('La date de fin précède la date de début.'));
    const linkRow = checks.indexOf(endDate) + 1;
    expect(after.getWorksheet('Contrôles')!.getCell(linkRow, 7).value).toEqual({
      formula: 'HYPERLINK("#\'Santé\'!N3","Aller en N3")',
      result: 'Aller en N3',
    });
    const journal = (await gridsOf(after)).grids.get('Journal')!;
    expect(journal[journal.length - 1]!.slice(1, 5)).toEqual([
      'agent.dsu',
      'attribution d’ID (validation)',
      'Santé',
      'SA-002',
    ]);
  });

  it('valider keeps every other cell, format, note and dropdown of the user’s file', async () => {
    const after = await openXlsx(path);
    const before = (await gridsOf(beforeValidation)).grids;
    const now = (await gridsOf(after)).grids;
    for (const [name, grid] of before) {
      if (name === 'Contrôles' || name === 'Journal') continue;
      const expected =
        name === 'Santé' ? grid.map((r, i) => (i === 2 ? ['SA-002', ...r.slice(1)] : r)) : grid;
      expect([name, now.get(name)]).toEqual([name, expected]);
    }
    const sante = after.getWorksheet('Santé')!;
    const own = columnOf(after, 'Santé', 'Notes internes');
    expect(sante.getCell(2, own).font).toMatchObject({ italic: true, color: { argb: 'FF00897B' } });
    expect(sante.getCell(2, own).note).toBe(fr('Note de la cheffe de projet'));
    expect(sante.getCell(2, 4).fill).toMatchObject({ fgColor: { argb: 'FFFFF59D' } });
    expect(sante.getCell(1, 4).note).toBe(fr('Intitulé court et parlant de l’action.'));
    expect(validationsOf(sante).find('L40')).toMatchObject({ type: 'list' });
    expect(sante.getCell(3, 3 + 1).value).toEqual({
      richText: [{ text: 'Permanence ' }, { text: 'santé', font: { bold: true } }],
    });
    expect(sante.getCell(3, columnOf(after, 'Santé', 'Crédits spécifiques CUCS (€)')).value).toEqual({
      formula: 'CAF3*0',
      result: 5000,
    });
  });

  it('valider highlights the cells in question, and a second run replaces the highlights', async () => {
    const ctx = captureContext(dir);
    expect(await runCli(['valider', 'classeur.xlsx'], ctx)).toBe(1);
    expect(ctx.out()).not.toContain(fr('ID attribué'));
    const sante = (await openXlsx(path)).getWorksheet('Santé')!;
    const highlights = (sante as unknown as { conditionalFormattings: { ref: string }[] })
      .conditionalFormattings;
    expect(highlights).toHaveLength(2);
    expect(highlights.map((h) => h.ref).join(' ')).toContain(fr('N3'));
  });

  it('valider --sans-ecrire prints the same problems and leaves the file as it is', async () => {
    const before = readFileSync(path);
    const ctx = captureContext(dir);
    expect(await runCli(['valider', 'classeur.xlsx', '--sans-ecrire'], ctx)).toBe(1);
    expect(ctx.out()).toContain(fr('La date de fin précède la date de début.'));
    expect(ctx.out()).toContain(fr('Option --sans-ecrire : le classeur n’a pas été modifié.'));
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('rapport writes the annual report as a Word document with headings, tables and charts', async () => {
    const ctx = captureContext(dir);
    expect(await runCli(['rapport', 'classeur.xlsx', '--annee', '2008', '-o', 'rapport.docx'], ctx)).toBe(0);
    expect(ctx.out()).toContain(fr('Rapport écrit : rapport.docx'));
    expect(ctx.out()).toContain(fr('Attention : le classeur contient 1 erreur (voir l’annexe du rapport)'));
    const xml = zipText(readFileSync(join(dir, 'rapport.docx')), 'word/document.xml');
    const count = (fragment: string) => xml.split(fragment).length - 1;
    expect(count('<w:pStyle w:val="Title"/>')).toBe(1);
    expect(count('<w:pStyle w:val="Heading1"/>')).toBeGreaterThanOrEqual(10);
    expect(count('<w:pStyle w:val="Heading2"/>')).toBeGreaterThanOrEqual(15);
    expect(count('<w:tblHeader/>')).toBeGreaterThanOrEqual(10);
    // One action: its status and its one funder's bars are left to their tables (fewer than three values).
    expect(count('<a:blip r:embed=')).toBeGreaterThanOrEqual(1);
    // The contents and the synthesis start a page; the other parts flow on.
    expect(count('<w:pageBreakBefore/>')).toBe(2);
    expect(count('Ateliers nutrition des familles')).toBeGreaterThanOrEqual(1);
    expect(count('<w:docPartGallery w:val="Table of Contents"/>')).toBe(1);
  });

  it('rapport for one territory, found whatever the case, named after it by default', async () => {
    const ctx = captureContext(dir);
    expect(await runCli(['rapport', 'classeur.xlsx', '--territoire', 'q-pontanezen'], ctx)).toBe(0);
    const xml = zipText(
      readFileSync(join(dir, 'rapport-annuel-2008-q-pontanezen.docx')),
      'word/document.xml',
    );
    expect(xml.includes(fr('territoire « Pontanézen »'))).toBe(true);
  });

  it('rapport refuses an unknown territory or domain, naming the ones that exist', async () => {
    const ctx = captureContext(dir);
    expect(await runCli(['rapport', 'classeur.xlsx', '--territoire', 'KEREDERN'], ctx)).toBe(2);
    expect(ctx.err()).toBe(
      fr(
        'Erreur : Territoire inconnu : « KEREDERN ». Codes de la feuille Territoires : BMO, BREST, Q-PONTANEZEN.\n',
      ),
    );
    const ctx2 = captureContext(dir);
    expect(await runCli(['rapport', 'classeur.xlsx', '--domaine', 'XX'], ctx2)).toBe(2);
    expect(ctx2.err()).toContain(fr('Domaine inconnu : « XX ». Domaines : RU ('));
  });
});

describe('pilotage-cucs: bad files and bad arguments', () => {
  const { dir, cleanup } = tempDir('cli-errors');
  afterAll(cleanup);

  async function run(args: string[]) {
    const ctx = captureContext(dir);
    const code = await runCli(args, ctx);
    return { code, out: ctx.out(), err: ctx.err() };
  }

  it('a missing file', async () => {
    expect(await run(['valider', 'absent.xlsx'])).toEqual({
      code: 2,
      out: '',
      err: fr(
        'Erreur : Fichier introuvable : « absent.xlsx ». Vérifiez le chemin (ou créez le classeur avec « pilotage-cucs init »).\n',
      ),
    });
  });

  it('a file that is not a workbook, or a workbook of another format', async () => {
    writeFileSync(join(dir, 'notes.xlsx'), 'Compte rendu du comité de pilotage');
    expect(await run(['valider', 'notes.xlsx'])).toMatchObject({
      code: 2,
      err: fr(
        'Erreur : « notes.xlsx » n’est pas un classeur Excel (.xlsx) : le fichier est illisible comme tel.\n',
      ),
    });
    writeFileSync(join(dir, 'ancien.xlsx'), Buffer.from('d0cf11e0a1b11ae1000000000000', 'hex'));
    expect((await run(['rapport', 'ancien.xlsx'])).err).toContain(fr('est au format Excel 97-2003 (.xls)'));
  });

  it('a workbook without the sheets, left untouched', async () => {
    const other = new Workbook();
    other.addWorksheet('Feuil1').getCell('A1').value = 'Budget 2008';
    await other.xlsx.writeFile(join(dir, 'autre.xlsx'));
    const before = readFileSync(join(dir, 'autre.xlsx'));
    const result = await run(['valider', 'autre.xlsx']);
    expect(result.code).toBe(2);
    expect(result.err).toContain(fr('« autre.xlsx » ne contient aucune feuille de Pilotage CUCS'));
    expect(result.err).toContain(fr('pilotage-cucs init autre.xlsx --mettre-a-jour'));
    expect(readFileSync(join(dir, 'autre.xlsx')).equals(before)).toBe(true);
  });

  it('init --mettre-a-jour adds the sheets to such a workbook and keeps its own', async () => {
    const result = await run(['init', 'autre.xlsx', '--mettre-a-jour']);
    expect(result.code).toBe(0);
    expect(result.out).toContain(fr('Feuille « Paramètres » créée.'));
    const workbook = await openXlsx(join(dir, 'autre.xlsx'));
    expect(workbook.getWorksheet('Feuil1')!.getCell('A1').value).toBe(fr('Budget 2008'));
    expect(workbook.worksheets[0]!.name).toBe(fr('Paramètres'));
    expect((await run(['init', 'autre.xlsx', '--mettre-a-jour'])).out).toContain(
      fr('Le classeur est déjà à jour : aucune donnée modifiée.'),
    );
    // Dropdowns laid again replace those read from the file: one validation per column, no overlap.
    const xml = sheetXml(readFileSync(join(dir, 'autre.xlsx')), 'Santé');
    expect(xml.match(/<dataValidation [^>]*sqref="L2:L1000"/g)).toHaveLength(1);
    expect(xml).not.toMatch(/sqref="L\d+"/);
  });

  it('a workbook open in LibreOffice or Excel is not written', async () => {
    expect((await run(['init', 'ouvert.xlsx'])).code).toBe(0);
    const before = readFileSync(join(dir, 'ouvert.xlsx'));
    writeFileSync(join(dir, '.~lock.ouvert.xlsx#'), ',agent,poste,26.11.2008 10:00,file:///home/agent;');
    const result = await run(['valider', 'ouvert.xlsx']);
    expect(result).toMatchObject({ code: 2 });
    expect(result.err).toContain(fr('« ouvert.xlsx » est ouvert dans LibreOffice : fermez-le'));
    expect(readFileSync(join(dir, 'ouvert.xlsx')).equals(before)).toBe(true);
    writeFileSync(join(dir, '~$rapport.docx'), 'x');
    expect((await run(['rapport', 'classeur-absent.xlsx'])).code).toBe(2);
    const locked = await run(['rapport', join(dir, 'autre.xlsx'), '-o', 'rapport.docx']);
    expect(locked.err).toContain(fr('« '));
    expect(locked.err).toContain(fr('est ouvert dans Excel'));
    expect(existsSync(join(dir, 'rapport.docx'))).toBe(false);
  });

  it('an output in a folder that does not exist, or that is a folder', async () => {
    const result = await run(['rapport', 'autre.xlsx', '-o', 'nulle-part/rapport.docx']);
    expect(result).toMatchObject({
      code: 2,
      err: fr('Erreur : Le dossier « nulle-part » n’existe pas : créez-le ou choisissez un autre chemin.\n'),
    });
    expect((await run(['init', 'nulle-part/classeur.xlsx'])).code).toBe(2);
    expect((await run(['rapport', 'autre.xlsx', '-o', 'rapport.pdf'])).err).toBe(
      fr('Erreur : Le rapport doit être un fichier .docx : « rapport.pdf ».\n'),
    );
  });

  it('leaves no temporary file behind', () => {
    expect(leftovers(dir)).toEqual([]);
    expect(readdirSync(dir).filter((f) => statSync(join(dir, f)).isDirectory())).toEqual([]);
  });

  it('bad arguments get a French sentence and exit 2; --help and aide exit 0', async () => {
    expect(await run(['valider'])).toMatchObject({
      code: 2,
      err: fr(
        'Erreur : Il manque classeur.xlsx : pilotage-cucs valider <classeur.xlsx>. Voir « pilotage-cucs aide valider ».\n',
      ),
    });
    expect((await run(['exporter', 'x.xlsx'])).err).toBe(
      fr(
        'Erreur : Commande inconnue : « exporter ». Commandes : init, valider, rapport, importer, cloturer, rouvrir, demo, aide.\n',
      ),
    );
    expect((await run(['valider', 'x.xlsx', '--force'])).err).toBe(
      fr('Erreur : Option inconnue : « --force ».\nVoir « pilotage-cucs --help ».\n'),
    );
    expect((await run(['valider', 'x.xlsx', '--annee', '2008'])).err).toBe(
      fr('Erreur : L’option --annee ne s’applique pas à « valider ». Voir « pilotage-cucs aide valider ».\n'),
    );
    expect((await run(['rapport', 'x.xlsx', '--annee', '08'])).err).toBe(
      fr(
        'Erreur : Année invalide : « 08 ». Indiquez une année sur quatre chiffres, par exemple --annee 2008.\n',
      ),
    );
    expect((await run(['rapport', 'x.xlsx', '--territoire', 'A', '--domaine', 'RU'])).code).toBe(2);
    expect(await run(['--help'])).toEqual({ code: 0, out: HELP, err: fr('') });
    expect((await run(['aide', 'rapport'])).out).toContain(fr('--territoire CODE'));
    expect((await run(['init', '--help'])).out).toContain(fr('--mettre-a-jour'));
    expect((await run([])).code).toBe(2);
  });
});

describe('pilotage-cucs demo --grand', () => {
  const { dir, cleanup } = tempDir('grand');
  afterAll(cleanup);

  it('writes the large workbook, valid, and its report, with French figures', async () => {
    // After the large contract's last year (2012), as its report would be written.
    const ctx = captureContext(dir, new Date(2013, 1, 15, 9, 0));
    expect(await runCli(['demo', 'grand', '--grand'], ctx)).toBe(0);
    const nnbsp = '\u202f';
    expect(ctx.out()).toContain(
      fr(
        `Classeur : ${join('grand', 'demo-cucs-brest-grand.xlsx')}  (1${nnbsp}000 actions, 150 indicateurs, 10${nnbsp}000 mesures)`,
      ),
    );
    expect(ctx.out()).toContain(fr('Contrôles : aucun problème'));
    const { grids } = await gridsOf(join(dir, 'grand', 'demo-cucs-brest-grand.xlsx'));
    expect(grids.get('Mesures')).toHaveLength(10_001);
    expect(readdirSync(join(dir, 'grand')).filter((f) => f.endsWith('.docx'))).toHaveLength(1);
    expect(await runCli(['demo', 'x', '--annee', '2008'], captureContext(dir))).toBe(2);
  });
});
