/**
 * The report's Apps Script side against the fake: the Google Doc renderer (outline, tables, charts,
 * call counts that do not grow with the rows) and the dialog's server functions.
 */
import type { Grid } from '../src/core/cells';
import { buildDemoWorkbook } from '../src/core/demo';
import { readWorkbook } from '../src/core/records';
import { buildReport } from '../src/core/report/builder';
import { tableStrings } from '../src/core/report/model';
import { frenchSpacing } from '../src/core/typography';
import { runInstall } from '../src/gas/install';
import {
  generateReport,
  openReportDialog,
  renderGoogleDoc,
  reportCheck,
  reportChoices,
  reportPreview,
} from '../src/gas/report';
import { createGasFake, type GasFake } from './fake';
import { smallWorkbook } from './report-fixture';

const CONTRACT_2008 = { year: 2008, scope: { kind: 'contract' } };

function installed(grids: Map<string, Grid>): { fake: GasFake; restore: () => void } {
  const fake = createGasFake();
  const restore = fake.install();
  runInstall();
  for (const [name, grid] of grids) fake.addSheetWithValues(name, grid);
  fake.htmlFiles.ReportDialog = '<!doctype html><title>Générer le rapport annuel</title>';
  fake.calls.reset();
  return { fake, restore };
}

const DOC_CLASSES = [
  'DocumentApp.',
  'Document.',
  'Body.',
  'Paragraph.',
  'ListItem.',
  'Table.',
  'TableRow.',
  'InlineImage.',
];
const SHEET_CLASSES = ['SpreadsheetApp.', 'Spreadsheet.', 'Sheet.', 'Range.'];
const count = (fake: GasFake, classes: string[]) => classes.reduce((n, c) => n + fake.calls.count(c), 0);

describe('Google Doc renderer', () => {
  let fake: GasFake;
  let restore: () => void;
  beforeEach(() => {
    fake = createGasFake();
    restore = fake.install();
  });
  afterEach(() => restore());

  const smallReport = () =>
    buildReport(
      readWorkbook(smallWorkbook()),
      { problems: [] },
      {
        year: 2008,
        scope: { kind: 'contract' },
        generatedAt: new Date(2009, 0, 15, 10, 30),
        edition: 'google-sheets',
      },
    );

  it('writes real headings in the order of the model, with the title in the first paragraph', () => {
    const report = smallReport();
    const created = renderGoogleDoc(report);
    const [doc] = fake.documents;
    expect(doc!.name).toBe(report.name);
    expect(created.url).toBe(`https://docs.google.com/document/d/${doc!.id}/edit`);
    expect(doc!.closed).toBe(true);
    const outline = doc!.outline();
    expect(outline[0]).toEqual({
      type: 'PARAGRAPH',
      heading: 'TITLE',
      // French print spacing: a no-break space before « : ».
      text: 'L’agglomération et ses quartiers\u00a0: observation et mise en œuvre du contrat',
    });
    expect(outline[1]).toEqual({ type: 'PARAGRAPH', heading: 'SUBTITLE', text: 'Rapport annuel 2008' });
    const docHeadings = outline.flatMap((e) =>
      e.type === 'PARAGRAPH' && e.heading.startsWith('HEADING') ? [`${e.heading} ${e.text}`] : [],
    );
    const modelHeadings = report.blocks.flatMap((b) =>
      b.kind === 'heading' ? [`HEADING${b.level} ${frenchSpacing(b.text)}`] : [],
    );
    expect(docHeadings).toEqual(modelHeadings);
    expect(docHeadings.slice(0, 5)).toEqual([
      'HEADING1 Synthèse',
      'HEADING2 Par domaine d’intervention',
      'HEADING1 Suites données aux décisions',
      'HEADING1 Chantiers prioritaires',
      'HEADING1 RU — Renouvellement urbain, habitat',
    ]);
    // After the title page only: the parts flow on.
    expect(outline.filter((e) => e.type === 'PAGE_BREAK')).toHaveLength(1);
  });

  it('appends each table whole, header row styled, footer in bold', () => {
    const report = smallReport();
    renderGoogleDoc(report);
    const doc = fake.documents[0]!;
    const docTables = doc.outline().flatMap((e) => (e.type === 'TABLE' ? [e.rows] : []));
    const modelTables = report.blocks.flatMap((b) =>
      b.kind === 'table' ? [tableStrings(b).map((r) => r.map(frenchSpacing))] : [],
    );
    expect(docTables).toEqual(modelTables);
    expect(docTables[1]![0]).toEqual([
      'Domaine',
      'Actions',
      'dont réalisées',
      'Budget prévu',
      'Crédits spécifiques',
      'Cofinancements',
      'Participation des habitants',
    ]);
    expect(docTables[1]!.at(-1)).toEqual([
      'Total',
      '6',
      '2',
      '230\u202f000\u00a0€',
      '70\u202f000\u00a0€',
      '160\u202f000\u00a0€',
      '3',
    ]);
    const inspected = doc.inspect() as {
      children: { type: string; rows?: { attributes: Record<string, unknown> }[] }[];
    };
    const firstTables = inspected.children.filter((c) => c.type === 'TABLE').slice(0, 2);
    expect(firstTables[0]!.rows![0]!.attributes).toEqual({ BOLD: true, BACKGROUND_COLOR: '#e8f0fe' });
    expect(firstTables[0]!.rows![1]!.attributes).toEqual({});
    expect(firstTables[1]!.rows!.at(-1)!.attributes).toEqual({ BOLD: true });
    expect(fake.calls.count('Body.appendTable')).toBe(modelTables.length);
  });

  it('renders one image per chart of the model, drawn by the Charts service with its data', () => {
    const report = smallReport();
    renderGoogleDoc(report);
    const charts = report.blocks.flatMap((b) => (b.kind === 'chart' ? [b.chart] : []));
    const images = fake.documents[0]!.outline().filter((e) => e.type === 'INLINE_IMAGE');
    expect(images).toHaveLength(charts.length);
    expect(fake.charts.map((c) => [c.type, c.title])).toEqual(
      charts.map((c) => [c.kind === 'line' ? 'LINE' : 'COLUMN', frenchSpacing(c.title)]),
    );
    const budget = fake.charts[0]!;
    expect(budget.columns.map((c) => c.label)).toEqual([
      'Catégorie',
      'Budget prévu',
      'Crédits spécifiques',
      'Cofinancements',
    ]);
    expect(budget.rows[0]).toEqual(['Renouvellement urbain, habitat', 150_000, 40_000, 110_000]);
    expect(fake.charts[1]!.options.isStacked).toBe(true);
    expect(budget.width).toBe(620);
  });

  it('makes as many Document calls for 80 actions as for 1,000: tables go in whole', () => {
    const callsFor = (actionsPerDomain: number) => {
      fake.calls.reset();
      const data = readWorkbook(buildDemoWorkbook({ actionsPerDomain }));
      renderGoogleDoc(
        buildReport(
          data,
          { problems: [] },
          { year: 2008, scope: { kind: 'contract' }, generatedAt: new Date(), edition: 'google-sheets' },
        ),
      );
      return count(fake, DOC_CLASSES);
    };
    // From 16 actions a domain on, every fiche territoire has all its parts: the outline no longer grows.
    const few = callsFor(16);
    expect(callsFor(200)).toBe(few);
    // The eight fiches territoire (a table, a chart and a few paragraphs each) take about 170 of them.
    expect(few).toBeLessThan(450);
  });
});

describe('dialog server functions', () => {
  it('opens the dialog', () => {
    const { fake, restore } = installed(smallWorkbook());
    try {
      openReportDialog();
      expect(fake.ui.dialogs.at(-1)).toMatchObject({ dialogTitle: 'Générer le rapport annuel', modal: true });
    } finally {
      restore();
    }
  });

  it('offers the years of the contract, its territories and domains', () => {
    const { fake, restore } = installed(smallWorkbook());
    try {
      const choices = reportChoices();
      expect(choices.defaultYear).toBe(2008);
      // From the earliest reference year of an indicator (2006) to the contract's end
      expect(choices.years).toEqual([2006, 2007, 2008, 2009]);
      expect(choices.territories.map((t) => t.code)).toEqual(['BMO', 'BREST', 'Q-PONT', 'Q-BELL', 'Q-KER']);
      expect(choices.domains[0]).toEqual({ code: 'RU', label: 'RU — Renouvellement urbain, habitat' });
      expect(fake.calls.count('Range.getValues')).toBe(4);
    } finally {
      restore();
    }
  });

  it('generates the Doc, journals it and returns its link', () => {
    const { fake, restore } = installed(smallWorkbook());
    try {
      const created = generateReport(CONTRACT_2008);
      expect(fake.documents).toHaveLength(1);
      expect(created.url).toBe(`https://docs.google.com/document/d/${fake.documents[0]!.id}/edit`);
      expect(created.name).toMatch(
        /^Rapport annuel Contrat urbain de cohésion sociale de Brest métropole océane 2008 — \d\d\/\d\d\/\d{4}$/,
      );
      const journal = fake.spreadsheet.inspect.sheet('Journal');
      const last = journal.values.at(-1)!;
      expect(last).toContain('génération du rapport');
      expect(last).toContain(created.name);
      expect(String(last.at(-1))).toContain(created.url);
      // One getValues per sheet read (every sheet but the Journal and Contrôles), and the Journal header
      // twice: checked writable before the Doc is made, read again under the lock to append.
      expect(fake.calls.count('Range.getValues')).toBe(fake.spreadsheet.sheetNames().length - 2 + 2);
    } finally {
      restore();
    }
  });

  it('reads each sheet once and writes the Doc in as many calls for 80 actions as for 200', () => {
    const callsFor = (actionsPerDomain: number) => {
      const { fake, restore } = installed(buildDemoWorkbook({ actionsPerDomain }));
      try {
        generateReport(CONTRACT_2008);
        return [count(fake, SHEET_CLASSES), count(fake, DOC_CLASSES)];
      } finally {
        restore();
      }
    };
    const [sheetCalls, docCalls] = callsFor(16);
    expect(callsFor(40)).toEqual([sheetCalls, docCalls]);
    expect(sheetCalls! + docCalls!).toBeLessThan(530);
  });

  it('previews the same model as HTML without creating a Doc', () => {
    const { fake, restore } = installed(smallWorkbook());
    try {
      const preview = reportPreview({ year: 2008, scope: { kind: 'territory', code: 'Q-PONT' } });
      // The Journal is not read, yet the validation summed up in the annex knows it is there.
      expect(preview.html).not.toContain('<td>Journal</td>');
      expect(preview.name).toContain('(territoire « Pontanézen » (quartier prioritaire))');
      expect(preview.html).toContain('<h2>Synthèse</h2>');
      expect(preview.html).toContain(
        frenchSpacing('Périmètre : territoire « Pontanézen » (quartier prioritaire).'),
      );
      expect(fake.documents).toHaveLength(0);
    } finally {
      restore();
    }
  });

  it('lists the validation errors before generating', () => {
    const grids = smallWorkbook();
    const santé = grids.get('Santé')!;
    const status = santé[0]!.indexOf('Statut');
    santé[1]![status] = 'en retard';
    const { restore } = installed(grids);
    try {
      const check = reportCheck();
      expect(check.errors).toBeGreaterThan(0);
      expect(check.firstErrors[0]).toMatch(/^Santé, ligne 2, « Statut » : /);
    } finally {
      restore();
    }
  });

  it('refuses a malformed request in French', () => {
    const { restore } = installed(smallWorkbook());
    try {
      expect(() => generateReport({ year: 'deux mille', scope: { kind: 'contract' } })).toThrow(
        /^Demande refusée : Choisissez une année\./,
      );
      expect(() => reportPreview({ year: 2008, scope: { kind: 'territory', code: 'Q-NULLE-PART' } })).toThrow(
        'Territoire « Q-NULLE-PART » absent de la feuille Territoires.',
      );
    } finally {
      restore();
    }
  });
});
