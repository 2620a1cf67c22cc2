/** @jest-environment-options {"globalsCleanup": "off"} */
/**
 * The models a workbook starts from (cucs-brest-2006, contrat-de-ville-2015, quartiers-2030): for each,
 * install → demo data → validate → report, in Google Sheets (the fake) and in the offline edition; and
 * the transversal axes as tags of actions (column, sidebar, validation, report part).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchActions } from '../sidebar/shared/search';
import type { Grid } from '../src/core/cells';
import { buildDemoWorkbook } from '../src/core/demo';
import { checkAction, sidebarData } from '../src/core/editing';
import { planInstall } from '../src/core/install';
import { findPreset, PRESETS } from '../src/core/presets';
import { readWorkbook } from '../src/core/records';
import { buildReport } from '../src/core/report/builder';
import { DECRET_TITLES } from '../src/core/report/decret';
import { frenchSpacing } from '../src/core/typography';
import { validateWorkbook } from '../src/core/validate';
import { installWithPreset, installWorkbook, presetChoices } from '../src/gas/install-dialog';
import { reportModel } from '../src/gas/report';
import { getSidebarData, saveAction } from '../src/gas/sidebar';
import { runValidation } from '../src/gas/validate';
import { runCli } from '../src/local/cli';
import { createGasFake } from './fake';
import { captureContext, tempDir, zipText } from './local-helpers';
import { newAction } from './support/actions';

const TODAY = new Date(2030, 11, 31);
const preset = (id: string) => findPreset(id)!;

describe('the models', () => {
  it('keeps the CUCS one exactly the seed’s, and gives the contrats de ville their pillars and axes', () => {
    expect(PRESETS.map((p) => p.id)).toEqual(['cucs-brest-2006', 'contrat-de-ville-2015', 'quartiers-2030']);
    expect(preset('cucs-brest-2006').referentiel.domains.map((d) => d.code)).toEqual([
      'RU',
      'RE',
      'IE',
      'SA',
      'PD',
    ]);
    expect(preset('cucs-brest-2006').referentiel.axes).toEqual([]);
    const cdv = preset('contrat-de-ville-2015').referentiel;
    expect(cdv.domains.map((d) => d.label)).toEqual([
      expect.stringContaining('cohésion sociale'),
      expect.stringContaining('renouvellement urbain'),
      expect.stringContaining('activité économique'),
    ]);
    expect(cdv.axes.map((a) => a.label)).toEqual([
      'Jeunesse',
      'Égalité entre les femmes et les hommes',
      'Lutte contre les discriminations',
      'Valeurs de la République et citoyenneté',
    ]);
    expect(preset('quartiers-2030').referentiel.axes.map((a) => a.label)).toEqual([
      'Éducation',
      'Emploi et développement économique',
      'Santé',
      'Sécurité et tranquillité',
      'Cadre de vie et transition écologique',
      'Lutte contre les discriminations',
      'Égalité entre les femmes et les hommes',
    ]);
    for (const p of PRESETS) {
      for (const d of p.referentiel.domains) {
        expect([p.id, d.name, d.name.length <= 31]).toEqual([p.id, d.name, true]);
        expect(d.objectives.every((o) => o.lines.length > 0)).toBe(true);
      }
    }
  });

  it('fills a new workbook’s Référentiel, Paramètres and Financeurs from the model', () => {
    const plan = planInstall(new Map(), preset('quartiers-2030'));
    const settings = plan.sheets.find((s) => s.spec.role === 'settings')!.appendRows;
    expect(settings.find((r) => r[0] === 'Modèle du contrat')?.[1]).toBe('quartiers-2030');
    expect(settings.find((r) => r[0] === 'Début du contrat')?.[1]).toEqual(new Date(2024, 0, 1));
    const referentiel = plan.sheets.find((s) => s.spec.role === 'referentiel')!.appendRows;
    expect(referentiel.filter((r) => r[1] === 'axe transversal').map((r) => r[0])).toEqual([
      'EDU',
      'EMP',
      'SAN',
      'SEC',
      'CDV',
      'LCD',
      'EFH',
    ]);
    const sheet = plan.sheets.find((s) => s.spec.role === 'actions')!;
    expect(sheet.headerRow).toContain('Axes transversaux');
    expect(plan.sheets.find((s) => s.spec.role === 'funders')!.appendRows.map((r) => r[0])).toContain('CD29');
    // The CUCS workbook has no axes, so no column for them.
    const cucs = planInstall(new Map()).sheets.find((s) => s.spec.role === 'actions')!;
    expect(cucs.headerRow).not.toContain('Axes transversaux');
  });
});

describe.each(PRESETS.map((p) => [p.id]))('%s, from install to report', (id) => {
  const model = preset(id);
  const domainHeadings = model.referentiel.domains.map((d) => `${d.code} — ${d.name}`);

  it('in Google Sheets: the dialog’s install, the demo data, a clean validation, the report’s parts', () => {
    const fake = createGasFake();
    const restore = fake.install();
    try {
      fake.htmlFiles.InstallDialog = '<!doctype html><title>Installer le classeur</title>';
      installWorkbook();
      expect(fake.ui.dialogs.map((d) => d.dialogTitle)).toEqual(['Installer le classeur']);
      expect(presetChoices().find((c) => c.id === id)?.domains).toEqual(
        model.referentiel.domains.map((d) => d.name),
      );
      const summary = installWithPreset({ preset: id });
      for (const d of model.referentiel.domains) expect(summary).toContain(`Feuille « ${d.name} » créée.`);
      for (const [name, grid] of buildDemoWorkbook({ preset: model })) fake.addSheetWithValues(name, grid);
      const { result } = runValidation(undefined, TODAY);
      expect(result.problems.filter((p) => p.severity === 'erreur')).toEqual([]);
      const names = fake.spreadsheet.sheetNames();
      const grids = new Map(names.map((n) => [n, fake.spreadsheet.inspect.sheet(n).values as Grid]));
      const year = result.data.settings.reportingYear;
      const report = reportModel({ grids, sheetNames: names }, { year, scope: { kind: 'contract' } }, TODAY);
      const headings = (level: number) =>
        report.blocks.flatMap((b) => (b.kind === 'heading' && b.level === level ? [b.text] : []));
      if (model.reportPlan === 'cucs') {
        expect(headings(1)).toEqual([
          'Synthèse',
          'Suites données aux décisions',
          'Chantiers prioritaires',
          ...domainHeadings,
          'Fiches territoire',
          'Financements',
          'Participation des habitants',
          'Annexes',
        ]);
      } else {
        // Décret n° 2015-1118: six parts, the CUCS plan's parts inside the third, the opinions annexed.
        expect(headings(1)).toEqual(['Synthèse', ...DECRET_TITLES, 'Annexes']);
        expect(headings(2)).toEqual(expect.arrayContaining([...domainHeadings, model.axesTitle]));
        expect(headings(2)).toContain('Avis des conseils citoyens et des conseils municipaux');
      }
    } finally {
      restore();
    }
  });

  it('in the offline edition: demo --modele writes a workbook without error and its report', async () => {
    const { dir, cleanup } = tempDir(`modele-${id}`);
    try {
      const ctx = captureContext(dir);
      expect(await runCli(['demo', 'out', '--modele', id], ctx)).toBe(0);
      expect(ctx.out()).toContain(
        frenchSpacing(`Démonstration de Pilotage CUCS — ${model.title}, données fictives`),
      );
      expect(ctx.out()).toMatch(/Contrôles[\s\u00a0]: (aucun problème|0 erreur,)/);
      const year = Number(model.settings.periodStart.slice(0, 4)) + 1;
      const docx = zipText(
        readFileSync(join(dir, 'out', `rapport-annuel-${year}.docx`)),
        'word/document.xml',
      );
      for (const heading of domainHeadings) expect(docx).toContain(heading);
      if (model.referentiel.axes.length) expect(docx).toContain(model.axesTitle);
    } finally {
      cleanup();
    }
  }, 60_000);
});

describe('init --modele', () => {
  it('creates the workbook of the model, refuses an unknown one and a workbook that has its Référentiel', async () => {
    const { dir, cleanup } = tempDir('init-modele');
    try {
      const ok = captureContext(dir);
      expect(await runCli(['init', 'cdv.xlsx', '--modele', 'contrat-de-ville-2015'], ok)).toBe(0);
      expect(ok.out()).toContain('Cohésion sociale, Cadre de vie, renouvellement, Économie et emploi');
      const unknown = captureContext(dir);
      expect(await runCli(['init', 'autre.xlsx', '--modele', 'cucs-2030'], unknown)).toBe(2);
      expect(unknown.err()).toContain(
        frenchSpacing('Modèle inconnu : « cucs-2030 ». Modèles : cucs-brest-2006 ('),
      );
      const again = captureContext(dir);
      expect(await runCli(['init', 'cdv.xlsx', '--mettre-a-jour', '--modele', 'quartiers-2030'], again)).toBe(
        2,
      );
      expect(again.err()).toContain('a déjà son Référentiel');
    } finally {
      cleanup();
    }
  }, 60_000);
});

describe('transversal axes as tags of actions', () => {
  const model = preset('contrat-de-ville-2015');

  it('are saved from the sidebar, checked against the Référentiel, and filter the search', () => {
    const fake = createGasFake({ userEmail: 'dsu@exemple.fr' });
    const restore = fake.install();
    try {
      installWithPreset({ preset: model.id });
      const action = newAction({
        domain: 'CS',
        objective: 'CS1',
        actionLine: 'CS1.2',
        territories: ['BREST'],
        axes: ['JEU', 'EFH'],
        funding: {},
        credits: 4000,
      });
      const saved = saveAction({ action, origin: null });
      expect(saved.action.axes).toEqual(['JEU', 'EFH']);
      const sheet = fake.spreadsheet.inspect.sheet('Cohésion sociale').values;
      expect(sheet[1]![sheet[0]!.indexOf('Axes transversaux')]).toBe('JEU ; EFH');
      const data = getSidebarData();
      expect(data.actionsIndex[0]!.axes).toEqual(['JEU', 'EFH']);
      expect(matchActions(data.actionsIndex, '', 'JEU').map((a) => a.id)).toEqual(['CS-001']);
      expect(matchActions(data.actionsIndex, '', 'LCD')).toEqual([]);
      expect(checkAction({ ...action, axes: ['XYZ'] }, data)).toMatchObject({
        ok: false,
        errors: { axes: 'Axe inconnu du Référentiel\u00a0: XYZ.' },
      });
    } finally {
      restore();
    }
  });

  it('typed in the sheet: a variant is named, an unknown code is an error on its cell', () => {
    const grids = buildDemoWorkbook({ preset: model });
    const sheet = grids.get('Économie et emploi')!;
    const column = (sheet[0] as string[]).indexOf('Axes transversaux');
    sheet[1]![column] = 'jeu ; XYZ';
    const result = validateWorkbook(grids, { today: TODAY });
    const onCell = result.problems.filter(
      (p) => p.sheet === 'Économie et emploi' && p.row === 2 && p.column === 'Axes transversaux',
    );
    expect(onCell.map((p) => [p.severity, p.message])).toEqual([
      ['erreur', 'Axe transversal « XYZ » inconnu du Référentiel.'],
      ['avertissement', '« jeu » n’est pas écrit comme dans le Référentiel : écrivez « JEU ».'],
    ]);
  });

  it('get their part in the report: actions and budget by axis, and the actions of each', () => {
    const data = readWorkbook(buildDemoWorkbook({ preset: model }));
    const year = data.settings.reportingYear;
    const validation = validateWorkbook(buildDemoWorkbook({ preset: model }), { today: TODAY });
    const report = buildReport(data, validation, {
      year,
      scope: { kind: 'contract' },
      generatedAt: TODAY,
      edition: 'google-sheets',
    });
    const start = report.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Axes transversaux');
    const level = (report.blocks[start] as { level: number }).level;
    const part = report.blocks.slice(
      start,
      report.blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level <= level),
    );
    const summary = part.find((b) => b.kind === 'table');
    expect(summary?.kind === 'table' && summary.rows.map((r) => String(r[0]))).toEqual(
      model.referentiel.axes.map((a) => `${a.code} — ${a.label}`),
    );
    const tagged = data.actions.filter((a) => a.record.axes.includes('JEU')).length;
    expect(summary?.kind === 'table' && summary.rows[0]![1]).toBe(String(tagged));
    expect(part.filter((b) => b.kind === 'heading' && b.level === level + 1).length).toBeGreaterThan(0);
    expect(sidebarData(data, null, '').referentiel.axes).toHaveLength(4);
  });
});
