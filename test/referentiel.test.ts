/** @jest-environment-options {"globalsCleanup": "off"} */
/**
 * The référentiel is data: no domain list in the code, sheets that follow the Référentiel sheet, an upgrade
 * that keeps every cell of a CUCS workbook, and a référentiel of seven domains typed by hand that works end
 * to end in both editions.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import type { Grid } from '../src/core/cells';
import { buildDemoWorkbook } from '../src/core/demo';
import { planInstall } from '../src/core/install';
import { PRESETS } from '../src/core/presets';
import { readWorkbook } from '../src/core/records';
import { validateWorkbook } from '../src/core/validate';
import { runInstall } from '../src/gas/install';
import { reportModel } from '../src/gas/report';
import { getSidebarData, saveAction } from '../src/gas/sidebar';
import { runValidation } from '../src/gas/validate';
import { runCli } from '../src/local/cli';
import { createGasFake, type GasFake } from './fake';
import { SEVEN_DOMAINS, sevenDomainReferentiel } from './fixtures/referentiel';
import { captureContext, openXlsx, tempDir } from './local-helpers';
import { newAction } from './support/actions';

const ROOT = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mjs|html)$/.test(name) ? [path] : [];
  });
}

describe('no fixed list of domains in the code', () => {
  const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'sidebar'))].filter(
    (f) => !f.includes(join('src', 'core', 'presets')),
  );

  it('names no preset’s domain code or sheet name outside the presets', () => {
    const found: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (/DomainCode|DOMAIN_CODES/.test(text)) found.push(`${file}: a type or list of domain codes`);
      for (const preset of PRESETS) {
        for (const domain of preset.referentiel.domains) {
          for (const quoted of [domain.code, domain.name].flatMap((s) => [`'${s}'`, `"${s}"`, `\`${s}\``])) {
            if (text.includes(quoted)) found.push(`${file}: ${quoted} (${preset.id})`);
          }
        }
      }
    }
    expect(files.length).toBeGreaterThan(40);
    expect(found).toEqual([]);
  });
});

/** A workbook's grids as the install plan leaves them, filled with the demo's rows. */
function demoGrids(): Map<string, Grid> {
  return buildDemoWorkbook();
}
const rowsOf = (grid: Grid, level: string) => grid.filter((r) => r[1] === level);
const columnIndex = (grid: Grid, header: string) => (grid[0] as string[]).indexOf(header);

describe('the sheets follow the Référentiel sheet', () => {
  it('gives a domain added in the Référentiel its own sheet at the next install, and nothing else', () => {
    const grids = demoGrids();
    const ref = grids.get('Référentiel')!;
    const width = ref[0]!.length;
    const row = (values: Record<string, unknown>) =>
      Array.from({ length: width }, (_, i) => (values[String(ref[0]![i])] ?? '') as Grid[number][number]);
    ref.push(
      row({
        Code: 'CU',
        Niveau: 'domaine',
        'Nom de la feuille': 'Culture',
        Libellé: 'La culture pour tous',
        Actif: true,
      }),
      row({ Code: 'CU1', Niveau: 'objectif', Parent: 'CU', Libellé: 'Ouvrir les équipements', Actif: true }),
      row({
        Code: 'CU1.1',
        Niveau: 'ligne d’action',
        Parent: 'CU1',
        Libellé: 'Lecture publique',
        Actif: true,
      }),
    );
    const plan = planInstall(grids);
    expect(plan.sheets.filter((s) => s.create).map((s) => s.spec.name)).toEqual(['Culture']);
    expect(plan.changes).toEqual(['Feuille « Culture » créée.']);
    const culture = plan.sheets.find((s) => s.spec.name === 'Culture')!;
    expect(culture.columns.find((c) => c.spec.key === 'objective')?.spec.dropdown).toEqual({
      kind: 'list',
      values: ['CU1 — Ouvrir les équipements'],
    });
    const indicators = plan.sheets.find((s) => s.spec.role === 'indicators')!;
    const domainList = indicators.columns.find((c) => c.spec.key === 'domain')!.spec.dropdown;
    expect(domainList?.kind === 'list' && domainList.values.at(-1)).toBe('CU — Culture');
  });

  it('keeps every row when a domain’s and an objective’s labels are renamed', () => {
    const grids = demoGrids();
    const before = readWorkbook(grids);
    const beforeErrors = validateWorkbook(grids, { today: new Date(2009, 0, 15) }).counts;
    const ref = grids.get('Référentiel')!;
    const label = columnIndex(ref, 'Libellé');
    rowsOf(ref, 'domaine')[3]![label] = 'Santé des habitants (nouveau libellé)';
    rowsOf(ref, 'objectif')[0]![label] = 'Un cadre de vie de qualité (nouveau libellé)';
    const after = readWorkbook(grids);
    expect(after.actions.map((a) => [a.sheet, a.record.id, a.record.objective])).toEqual(
      before.actions.map((a) => [a.sheet, a.record.id, a.record.objective]),
    );
    expect(after.referentiel.domains[3]!.label).toBe('Santé des habitants (nouveau libellé)');
    expect(after.referentiel.domains.map((d) => d.name)).toEqual(
      before.referentiel.domains.map((d) => d.name),
    );
    expect(planInstall(grids).sheets.filter((s) => s.create)).toEqual([]);
    expect(validateWorkbook(grids, { today: new Date(2009, 0, 15) }).counts).toEqual(beforeErrors);
  });

  it('explains, on their cells, a domain code unfit for IDs, a sheet name too long or taken, a thirteenth domain', () => {
    const grids = demoGrids();
    const ref = grids.get('Référentiel')!;
    const at = (header: string) => columnIndex(ref, header);
    const width = ref[0]!.length;
    const domain = (code: string, name: string) => {
      const row = Array.from({ length: width }, () => '' as Grid[number][number]);
      row[at('Code')] = code;
      row[at('Niveau')] = 'domaine';
      row[at('Nom de la feuille')] = name;
      row[at('Libellé')] = `Domaine ${code}`;
      row[at('Actif')] = true;
      return row;
    };
    ref.push(
      domain('ab', 'Autre domaine'),
      domain('LONG', 'Un nom de feuille bien trop long pour un onglet'),
    );
    ref.push(domain('MES', 'Mesures'));
    for (let i = 0; i < 6; i++) ref.push(domain(`X${i}`, `Domaine ${i}`));
    const result = validateWorkbook(grids, { today: new Date(2009, 0, 15) });
    const onRef = result.problems
      .filter((p) => p.sheet === 'Référentiel')
      .map((p) => [p.row, p.column, p.severity, p.message]);
    const first = ref.length - 9 + 1;
    expect(onRef).toEqual([
      [
        first,
        'Code',
        'erreur',
        expect.stringContaining('Code de domaine « ab »\u00a0: majuscules et chiffres'),
      ],
      [
        first + 1,
        'Nom de la feuille',
        'avertissement',
        expect.stringContaining('la feuille s’appelle « Un nom de feuille bien trop lon »'),
      ],
      [
        first + 2,
        'Nom de la feuille',
        'erreur',
        expect.stringContaining('Nom de feuille « Mesures » déjà pris'),
      ],
      [first + 8, 'Code', 'erreur', expect.stringContaining('un contrat compte au plus 12 domaines')],
    ]);
    expect(result.data.referentiel.domains).toHaveLength(12);
  });
});

describe('the upgrade of a CUCS workbook filled by hand', () => {
  it('keeps every cell the users typed, in every sheet', () => {
    const fake = createGasFake();
    const restore = fake.install();
    try {
      // A workbook of the first version: its Référentiel has no « Nom de la feuille » column.
      const grids = demoGrids();
      const ref = grids.get('Référentiel')!;
      const nameColumn = columnIndex(ref, 'Nom de la feuille');
      grids.set(
        'Référentiel',
        ref.map((row) => row.filter((_, i) => i !== nameColumn)),
      );
      for (const [name, grid] of grids) fake.addSheetWithValues(name, grid);
      // And what people type: labels reworded, a user's column, a note, a formula.
      const ss = fake.globals.SpreadsheetApp.getActiveSpreadsheet();
      ss.getSheetByName('Référentiel')!.getRange('D2').setValue('Le renouvellement urbain (libellé local)');
      const sante = ss.getSheetByName('Santé')!;
      const own = sante.getLastColumn() + 1;
      sante.insertColumnsAfter(sante.getMaxColumns(), 1);
      sante.getRange(1, own).setValue('Suivi interne');
      sante.getRange(2, own).setFormula('=ROW()');
      sante.getRange(3, 2).setNote('à revoir');
      const names = fake.spreadsheet.sheetNames();
      const before = new Map(names.map((n) => [n, fake.snapshotSheet(n).cells]));

      const summary = runInstall();

      expect(fake.spreadsheet.sheetNames().slice(0, names.length)).toEqual(names);
      for (const [name, cells] of before) {
        const after = fake.snapshotSheet(name).cells;
        for (const [a1, cell] of Object.entries(cells)) {
          // The add-on writes its own notes on its headers; a note of the user's stays.
          const note = cell.note ? after[a1]?.note : cell.note;
          expect([name, a1, after[a1]?.value, after[a1]?.formula, note]).toEqual([
            name,
            a1,
            cell.value,
            cell.formula,
            cell.note,
          ]);
        }
      }
      expect(summary).toContain('« Référentiel » : colonne « Nom de la feuille » ajoutée.');
      expect(summary).not.toContain('créée');
      const data = readWorkbook(
        new Map(names.map((n) => [n, fake.spreadsheet.inspect.sheet(n).values as Grid])),
      );
      expect(data.referentiel.domains.map((d) => d.name)).toEqual(
        PRESETS[0]!.referentiel.domains.map((d) => d.name),
      );
      expect(data.referentiel.domains[0]!.label).toBe('Le renouvellement urbain (libellé local)');
      expect(data.actions).toHaveLength(40);
    } finally {
      restore();
    }
  });
});

describe('a référentiel of seven domains typed by hand', () => {
  describe('in Google Sheets', () => {
    let fake: GasFake;
    let restore: () => void;
    beforeAll(() => {
      fake = createGasFake({ userEmail: 'dsu@exemple.fr' });
      restore = fake.install();
      fake.addSheetWithValues('Référentiel', sevenDomainReferentiel());
      runInstall();
    });
    afterAll(() => restore());

    it('installs one sheet per domain of the user’s référentiel, and no preset’s', () => {
      const names = fake.spreadsheet.sheetNames();
      for (const { name } of SEVEN_DOMAINS) expect(names).toContain(name);
      expect(names).not.toContain('Renouvellement urbain, habitat');
      expect(fake.spreadsheet.inspect.sheet('Référentiel').values).toEqual(
        sevenDomainReferentiel().map((row) => expect.arrayContaining(row.filter((c) => c !== ''))),
      );
    });

    it('offers its domains in the sidebar and saves an action in the seventh with its own ID', () => {
      const data = getSidebarData();
      expect(data.referentiel.domains.map((d) => d.code)).toEqual(SEVEN_DOMAINS.map((d) => d.code));
      for (const [i, { code }] of SEVEN_DOMAINS.entries()) {
        const saved = saveAction({
          action: newAction({
            domain: code,
            objective: `${code}1`,
            actionLine: `${code}1.1`,
            title: `Action ${i + 1}`,
            territories: ['BREST'],
          }),
          origin: null,
        });
        expect(saved.action.id).toBe(`${code}-001`);
      }
      expect(() => saveAction({ action: newAction({ domain: 'RU' }), origin: null })).toThrow(
        'Domaine inconnu\u00a0: « RU » n’est pas un domaine actif de la feuille Référentiel.',
      );
    });

    it('validates without error and reports one part per domain', () => {
      const { result } = runValidation(undefined, new Date(2008, 10, 20));
      expect(result.problems.filter((p) => p.severity === 'erreur')).toEqual([]);
      const names = fake.spreadsheet.sheetNames();
      const grids = new Map(names.map((n) => [n, fake.spreadsheet.inspect.sheet(n).values as Grid]));
      const report = reportModel(
        { grids, sheetNames: names },
        { year: 2008, scope: { kind: 'contract' } },
        new Date(2008, 10, 20),
      );
      const headings = report.blocks.flatMap((b) => (b.kind === 'heading' && b.level === 1 ? [b.text] : []));
      for (const { code, name } of SEVEN_DOMAINS) expect(headings).toContain(`${code} — ${name}`);
      const domainReport = reportModel(
        { grids, sheetNames: names },
        { year: 2008, scope: { kind: 'domain', code: 'CIT' } },
        new Date(2008, 10, 20),
      );
      expect(domainReport.blocks.some((b) => b.kind === 'heading' && b.text === 'CIT — Citoyenneté')).toBe(
        true,
      );
    });
  });

  it('works the same in the offline edition: init, valider, rapport', async () => {
    const { dir, cleanup } = tempDir('sept');
    try {
      const path = join(dir, 'contrat.xlsx');
      const typed = new Workbook();
      const sheet = typed.addWorksheet('Référentiel');
      for (const row of sevenDomainReferentiel()) sheet.addRow(row);
      await typed.xlsx.writeFile(path);
      const ctx = captureContext(dir);
      expect(await runCli(['init', 'contrat.xlsx', '--mettre-a-jour'], ctx)).toBe(0);
      const installed = await openXlsx(path);
      for (const { name } of SEVEN_DOMAINS) expect(installed.getWorksheet(name)).toBeDefined();
      // An action typed in the seventh domain's sheet.
      const cit = installed.getWorksheet('Citoyenneté')!;
      const header = (cit.getRow(1).values as unknown[]).map(String);
      const put = (name: string, value: string | number) => {
        cit.getCell(2, header.indexOf(name)).value = value;
      };
      put('Objectif', 'CIT1 — Soutenir les conseils citoyens');
      put('Intitulé de l’action', 'Formation des conseillers citoyens');
      put('Porteur (maître d’œuvre)', 'Centre social');
      put('Territoires', 'BREST');
      put('Statut', 'en cours');
      await installed.xlsx.writeFile(path);
      const check = captureContext(dir);
      expect(await runCli(['valider', 'contrat.xlsx'], check)).toBe(0);
      expect(check.out()).toContain('CIT-001');
      const report = captureContext(dir);
      expect(
        await runCli(
          ['rapport', 'contrat.xlsx', '--annee', '2008', '--domaine', 'cit', '-o', 'r.docx'],
          report,
        ),
      ).toBe(0);
      expect(report.out()).toContain('Rapport écrit');
    } finally {
      cleanup();
    }
  }, 60_000);
});
