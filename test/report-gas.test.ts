/**
 * The report's Apps Script side against the fake: the Google Doc renderer (outline, tables, charts,
 * call counts that do not grow with the rows) and the dialog's server functions.
 */
import type { Grid } from '../src/core/cells';
import { buildDemoWorkbook } from '../src/core/demo';
import { readWorkbook } from '../src/core/records';
import { buildReport } from '../src/core/report/builder';
import { printBlock, tableStrings } from '../src/core/report/model';
import { frenchSpacing } from '../src/core/typography';
import { docSteps, locateSteps, renderGoogleDoc } from '../src/gas/google-doc';
import { runInstall } from '../src/gas/install';
import {
  generateReport,
  openReportDialog,
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
  'Docs.',
];
const SHEET_CLASSES = ['SpreadsheetApp.', 'Spreadsheet.', 'Sheet.', 'Range.'];
const count = (fake: GasFake, classes: string[]) => classes.reduce((n, c) => n + fake.calls.count(c), 0);

interface Style {
  start: number;
  end: number;
  attribute: string;
  value: unknown;
}
interface Inspected {
  children: {
    type: string;
    text?: string;
    heading?: string;
    glyphType?: string | null;
    styles?: Style[];
    attributes?: Record<string, unknown>;
    rows?: { cells: { text: string; styles: Style[]; attributes: Record<string, unknown> }[] }[];
  }[];
}
/** Text styles covering the whole of `text`, one per attribute. */
const wholeText = (text: string, attributes: Record<string, unknown>): Style[] =>
  Object.entries(attributes).map(([attribute, value]) => ({
    start: 0,
    end: text.length - 1,
    attribute,
    value,
  }));

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
    const inspected = doc.inspect() as Inspected;
    const tables = inspected.children.filter((c) => c.type === 'TABLE');
    const plain = { attributes: {}, styles: [] };
    for (const [i, table] of tables.entries()) {
      // The header row repeats atop each page the table runs over, as in the .docx.
      expect(table.attributes).toEqual({ PINNED_HEADER_ROWS: 1 });
      const [header, ...rows] = table.rows!;
      // Each header cell on its background, its whole text in bold; the body plain; a footer in bold.
      for (const cell of header!.cells) {
        expect(cell.attributes).toEqual({ BACKGROUND_COLOR: '#e8f0fe' });
        expect(cell.styles).toEqual(wholeText(cell.text, { BOLD: true }));
      }
      const footer = report.blocks.filter((b) => b.kind === 'table')[i]!;
      const body = footer.kind === 'table' && footer.footer ? rows.slice(0, -1) : rows;
      for (const cell of body.flatMap((r) => r.cells))
        expect({ ...cell, text: undefined }).toEqual({ ...plain, text: undefined });
      if (body.length < rows.length) {
        for (const cell of rows.at(-1)!.cells) {
          expect(cell.attributes).toEqual({});
          expect(cell.styles).toEqual(wholeText(cell.text, { BOLD: true }));
        }
      }
    }
    expect(tables[1]!.rows!.at(-1)!.cells[0]!.text).toBe('Total');
    expect(fake.calls.count('Body.appendTable')).toBe(modelTables.length);
  });

  it('styles notes, warnings and bullets as the model says, the headings’ paragraphs alone', () => {
    // The demo's report: a note and a warning on its title page, the fiches' sources notes, bullets.
    const report = buildReport(
      readWorkbook(buildDemoWorkbook()),
      { problems: [] },
      {
        year: 2008,
        scope: { kind: 'contract' },
        generatedAt: new Date(2009, 0, 15),
        edition: 'google-sheets',
      },
    );
    renderGoogleDoc(report);
    const children = (fake.documents[0]!.inspect() as Inspected).children;
    const paragraphs = children.filter((c) => c.type === 'PARAGRAPH' || c.type === 'LIST_ITEM');
    const model = report.blocks.map(printBlock);
    const tones = model.flatMap((b) => (b.kind === 'paragraph' && b.tone !== 'normal' ? [b] : []));
    expect(tones.map((b) => b.tone)).toEqual(expect.arrayContaining(['note', 'warning']));
    for (const b of tones) {
      const found = paragraphs.find((p) => p.text === b.text)!;
      expect(found.styles).toEqual(
        wholeText(
          b.text,
          b.tone === 'note'
            ? { ITALIC: true, FOREGROUND_COLOR: '#5f6368' }
            : { BOLD: true, FOREGROUND_COLOR: '#b06000' },
        ),
      );
    }
    // Every other paragraph plain, each heading of the model a heading of the Doc, nothing else.
    const toned = new Set(tones.map((b) => b.text));
    for (const p of paragraphs.filter((x) => !toned.has(x.text!))) expect(p.styles).toEqual([]);
    const items = model.flatMap((b) => (b.kind === 'bullets' ? b.items : []));
    expect(paragraphs.filter((p) => p.type === 'LIST_ITEM').map((p) => [p.text, p.glyphType])).toEqual(
      items.map((t) => [t, 'BULLET']),
    );
    const headings = model.flatMap((b) =>
      b.kind === 'heading'
        ? [`HEADING${b.level}`]
        : b.kind === 'title'
          ? ['TITLE']
          : b.kind === 'subtitle'
            ? ['SUBTITLE']
            : [],
    );
    expect(paragraphs.filter((p) => p.heading !== 'NORMAL').map((p) => p.heading)).toEqual(headings);
  });

  it('finds what it laid down whether or not Docs keeps an empty paragraph after each table', () => {
    const report = smallReport();
    renderGoogleDoc(report);
    type Element = GoogleAppsScript.Docs.Schema.StructuralElement;
    const content = fake.globals.Docs.Documents!.get(fake.documents[0]!.id).body!.content!;
    // The other reading: an empty paragraph after each table, everything after it one index further.
    const moved = new Map<Element, Element>();
    let shift = 0;
    const padded = content.flatMap((e): Element[] => {
      const copy = { ...e, startIndex: (e.startIndex ?? 0) + shift, endIndex: (e.endIndex ?? 0) + shift };
      moved.set(e, copy);
      if (!e.table) return [copy];
      shift += 1;
      const end = copy.endIndex;
      return [
        copy,
        { startIndex: end, endIndex: end + 1, paragraph: { elements: [{ textRun: { content: '\n' } }] } },
      ];
    });
    expect(shift).toBeGreaterThan(0);
    const steps = docSteps(report);
    expect(locateSteps(steps, padded)).toEqual(locateSteps(steps, content).map((e) => moved.get(e)));
  });

  /** The fast path's outline of the small report, to compare the fallbacks with. */
  const fastOutline = () => {
    renderGoogleDoc(smallReport());
    const outline = fake.documents[0]!.outline();
    fake.documents.length = 0;
    return outline;
  };

  it('lays the whole report with DocumentApp alone when the Docs service is off, and says so', () => {
    const expected = fastOutline();
    const docs = Object.getOwnPropertyDescriptor(globalThis, 'Docs');
    Object.defineProperty(globalThis, 'Docs', { value: undefined, configurable: true, writable: true });
    try {
      fake.calls.reset();
      const created = renderGoogleDoc(smallReport());
      expect(fake.documents).toHaveLength(1);
      expect(fake.documents[0]!.outline()).toEqual(expected);
      expect(fake.documents[0]!.closed).toBe(true);
      expect(created.notice).toMatch(/^Mise en page simplifiée : l’API Google Docs n’est pas disponible/);
      expect(fake.calls.count('Docs.')).toBe(0);
    } finally {
      Object.defineProperty(globalThis, 'Docs', docs!);
    }
  });

  it('lays the same Doc again with DocumentApp when the Docs API refuses the batch', () => {
    const expected = fastOutline();
    // The real service reads; its batch is refused, as by a Cloud project where the API is off.
    const docs = Object.getOwnPropertyDescriptor(globalThis, 'Docs');
    const real = fake.globals.Docs.Documents!;
    const refusing = {
      Documents: {
        get: (id: string) => real.get(id),
        batchUpdate: () => {
          throw new Error('Google Docs API has not been used in project 123 before or it is disabled.');
        },
      },
    };
    Object.defineProperty(globalThis, 'Docs', { value: refusing, configurable: true, writable: true });
    try {
      const created = renderGoogleDoc(smallReport());
      // One Doc, laid again from a cleared body: not a second document, nothing left twice.
      expect(fake.documents).toHaveLength(1);
      expect(fake.documents[0]!.outline()).toEqual(expected);
      expect(created.url).toBe(`https://docs.google.com/document/d/${fake.documents[0]!.id}/edit`);
      expect(created.notice).toMatch(/^Mise en page simplifiée/);
      expect(fake.logs).toContainEqual({
        level: 'warn',
        message: expect.stringContaining('has not been used in project 123'),
      });
    } finally {
      Object.defineProperty(globalThis, 'Docs', docs!);
    }
  });

  it('says nothing more when the Docs API lays the report', () => {
    expect(renderGoogleDoc(smallReport()).notice).toBeUndefined();
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

  it('makes as many Document calls for 80 actions as for 1,000, one an element of the outline', () => {
    const callsFor = (actionsPerDomain: number) => {
      fake.calls.reset();
      const data = readWorkbook(buildDemoWorkbook({ actionsPerDomain }));
      const report = buildReport(
        data,
        { problems: [] },
        { year: 2008, scope: { kind: 'contract' }, generatedAt: new Date(), edition: 'google-sheets' },
      );
      renderGoogleDoc(report);
      return { calls: count(fake, DOC_CLASSES), steps: docSteps(report) };
    };
    // From 16 actions a domain on, every fiche territoire has all its parts: the outline no longer grows.
    const few = callsFor(16);
    expect(callsFor(200).calls).toBe(few.calls);
    // One call a run of paragraphs (two for the first, written into the Doc's empty paragraph), a table
    // or the page break; two a chart (its alternative text); five for the document (create, body, URL,
    // id, save) and two for the Docs API (one read, one batch of every style and every other paragraph).
    const budget = few.steps.reduce((n, step, i) => n + (i === 0 || step.kind === 'chart' ? 2 : 1), 0) + 7;
    expect(few.calls).toBe(budget);
    expect(fake.calls.count('Docs.')).toBe(2);
    // The demo with its four decisions (a table and a paragraph in « Suites données aux décisions », and in the domains concerned).
    expect(few.calls).toBeLessThanOrEqual(168);
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
    // The Spreadsheet reads and the Journal's entry, then the Doc: under the report's budget of 300.
    expect(sheetCalls).toBeLessThanOrEqual(66);
    expect(sheetCalls! + docCalls!).toBeLessThanOrEqual(234);
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
