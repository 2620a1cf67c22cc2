/** The report through the built dist/Code.js, as Apps Script runs it: menu item, dialog page, generation. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDemoWorkbook } from '../src/core/demo';
import { ensureBuilt, loadBundle } from './support/bundle';

describe('annual report through dist/Code.js', () => {
  beforeAll(() => {
    ensureBuilt();
  });

  it('offers « Générer le rapport… » after the validation and opens the built dialog page', () => {
    const bundle = loadBundle();
    bundle.call('onOpen');
    const items = bundle.fake.ui.menus[0]!.items.flatMap((i) => (i.kind === 'item' ? [i] : []));
    const captions = items.map((i) => i.caption);
    expect(captions.indexOf('Générer le rapport…')).toBe(captions.indexOf('Valider les données') + 1);
    bundle.fake.htmlFiles.ReportDialog = readFileSync(
      join(__dirname, '..', 'dist', 'ReportDialog.html'),
      'utf8',
    );
    bundle.call('openReportDialog');
    const dialog = bundle.fake.ui.dialogs[0]!;
    expect(dialog.dialogTitle).toBe('Générer le rapport annuel');
    expect(dialog.content).toContain('Générer le document');
    expect(dialog.content).not.toContain('<!-- inline:script -->');
  });

  it('generates the Doc of the demo workbook with its outline, tables and charts', () => {
    const bundle = loadBundle();
    bundle.call('installWithPreset', { preset: 'cucs-brest-2006' });
    for (const [name, grid] of buildDemoWorkbook()) bundle.fake.addSheetWithValues(name, grid);
    const choices = bundle.call('reportChoices') as { defaultYear: number };
    expect(choices.defaultYear).toBe(2008);
    const created = bundle.call('generateReport', { year: 2008, scope: { kind: 'contract' } }) as {
      name: string;
      url: string;
    };
    const [doc] = bundle.fake.documents;
    expect(created.url).toBe(`https://docs.google.com/document/d/${doc!.id}/edit`);
    const outline = doc!.outline();
    const h1 = outline.flatMap((e) => (e.type === 'PARAGRAPH' && e.heading === 'HEADING1' ? [e.text] : []));
    expect(h1).toEqual([
      'Synthèse',
      'Suites données aux décisions',
      'Chantiers prioritaires',
      'RU — Renouvellement urbain, habitat',
      'RE — Réussite éducative',
      'IE — Insertion et emploi',
      'SA — Santé',
      'PD — Prévention de la délinquance',
      'Fiches territoire',
      'Financements',
      'Participation des habitants',
      'Annexes',
    ]);
    // The demo's 40 actions, all of 2008, in the annex list (header row first)
    const tables = outline.flatMap((e) => (e.type === 'TABLE' ? [e.rows] : []));
    const list = tables.find((rows) => rows[0]![0] === 'ID')!;
    expect(list).toHaveLength(41);
    // Budget by domain, statuses by domain, one trend chart per domain, one per fiche territoire (the
    // seven quartiers and the agglomération), funders
    expect(bundle.fake.charts.map((c) => c.type)).toEqual([
      'COLUMN',
      'COLUMN',
      'LINE',
      'LINE',
      'LINE',
      'LINE',
      'LINE',
      ...Array(8).fill('COLUMN'),
      'COLUMN',
    ]);
    expect(outline.filter((e) => e.type === 'INLINE_IMAGE')).toHaveLength(16);
  });
});
