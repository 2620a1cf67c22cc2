import { Document, Paragraph, type Table } from 'docx';
import { markCell, pageBreak, type ReportDocument, table } from '../src/core/report/model';
import { chartImage } from '../src/local/charts';
import { renderDocx } from '../src/local/docx';
import { packDocx, TablesApart } from '../src/local/docx-package';
import { tableLayout, tableParts, textTwips } from '../src/local/docx-tables';
import { TEXT_WIDTH_TWIPS } from '../src/local/docx-theme';
import { zipText } from './local-helpers';

const REPORT: ReportDocument = {
  name: 'Rapport annuel CUCS de Brest 2008 — 20/01/2009',
  year: 2008,
  scopeLabel: 'ensemble du contrat',
  edition: 'hors-ligne',
  blocks: [
    { kind: 'title', text: 'Rapport annuel du contrat urbain de cohésion sociale' },
    { kind: 'subtitle', text: 'Rapport annuel 2008' },
    { kind: 'paragraph', text: 'Données fictives : classeur de démonstration.', tone: 'warning' },
    pageBreak(),
    { kind: 'heading', level: 1, text: 'Synthèse' },
    { kind: 'paragraph', text: 'En 2008, 32 actions sont suivies.\nDont 8 chantiers prioritaires.' },
    { kind: 'bullets', items: ['Pontanézen', 'Bellevue'] },
    table(
      ['Indicateur', { header: 'Valeur 2008', align: 'right' }, 'Appréciation'],
      [
        ['Taux de chômage des 16-25 ans', '21,5\u00a0%', markCell('en bonne voie')],
        ['Accidents corporels', '290', markCell('en recul')],
      ],
      ['Total', '2', ''],
    ),
    pageBreak(),
    { kind: 'heading', level: 2, text: 'Budget' },
    {
      kind: 'chart',
      chart: {
        kind: 'bar',
        title: 'Budget prévu par domaine (€)',
        categories: ['Santé', 'Prévention'],
        series: [{ name: 'Budget prévu', values: [774000, 918500] }],
        unit: '€',
        description: 'Histogramme du budget prévu de chaque domaine.',
      },
    },
    { kind: 'heading', level: 3, text: 'Détail' },
  ],
};

describe('the report as a Word document', () => {
  let xml = '';
  let charts = 0;

  beforeAll(async () => {
    const docx = await renderDocx(REPORT, {
      chartImage: async (chart) => {
        charts++;
        return chartImage(chart);
      },
    });
    xml = zipText(docx, 'word/document.xml');
  }, 60_000);

  const count = (fragment: string) => xml.split(fragment).length - 1;

  it('uses the real heading styles, so that the navigator shows the outline', () => {
    expect(count('<w:pStyle w:val="Title"/>')).toBe(1);
    expect(count('<w:pStyle w:val="Heading1"/>')).toBe(1);
    expect(count('<w:pStyle w:val="Heading2"/>')).toBe(1);
    expect(count('<w:pStyle w:val="Heading3"/>')).toBe(1);
  });

  it('puts a table of contents after the title page and starts each part on a new page', () => {
    expect(count('<w:docPartGallery w:val="Table of Contents"/>')).toBe(1);
    expect(xml.indexOf('Table of Contents')).toBeGreaterThan(xml.indexOf('Données fictives'));
    expect(xml.indexOf('Table of Contents')).toBeLessThan(xml.indexOf('>Synthèse<'));
    // The contents page, then « Synthèse », then « Budget ».
    expect(count('<w:pageBreakBefore/>')).toBe(3);
  });

  it('writes tables with a repeated, styled header row, figures right-aligned, marks in words', () => {
    expect(count('<w:tblHeader/>')).toBe(1);
    expect(count('<w:shd w:fill="1F4E79"')).toBe(3);
    // The figure's paragraph is right-aligned.
    expect(/<w:jc w:val="right"\/><\/w:pPr><w:r>(?:(?!<\/w:p>).)*?21,5.%/.test(xml)).toBe(true);
    expect(/<w:jc w:val="left"\/><\/w:pPr><w:r>(?:(?!<\/w:p>).)*?21,5.%/.test(xml)).toBe(false);
    expect(count('en bonne voie')).toBe(1);
    expect(count('<w:color w:val="C62828"/>')).toBe(2);
  });

  it('draws each chart as an image described by its alternative text', () => {
    expect(charts).toBe(1);
    expect(count('<pic:pic')).toBe(1);
    expect(count('descr="Histogramme du budget prévu de chaque domaine."')).toBe(1);
  });

  it('keeps line breaks of a paragraph and makes bullet items', () => {
    expect(count('<w:br/>')).toBe(1);
    expect(count('<w:numPr>')).toBe(2);
  });
});

type TableBlock = Extract<ReturnType<typeof table>, { kind: 'table' }>;

describe('table column widths', () => {
  const total = (widths: number[]) => widths.reduce((a, b) => a + b, 0);

  it('fill the text width and never break a figure or a word', () => {
    const figure = '1\u202f234\u202f500\u00a0€';
    const block = table(
      ['Objectif', 'Domaine', { header: 'Budget prévu', align: 'right' }],
      [
        [
          'RU1 — Améliorer la qualité urbaine et résidentielle des quartiers prioritaires',
          'Recouvrance',
          figure,
        ],
      ],
    ) as TableBlock;
    const { widths, size } = tableLayout(block);
    expect(size).toBe('normal');
    expect(total(widths)).toBeLessThanOrEqual(TEXT_WIDTH_TWIPS);
    expect(total(widths)).toBeGreaterThan(TEXT_WIDTH_TWIPS - 10);
    // Each column holds its longest word, in bold, and the cell's margins (160 twips).
    expect(widths[1]).toBeGreaterThanOrEqual(textTwips('Recouvrance', 17, true) + 160);
    expect(widths[2]).toBeGreaterThanOrEqual(textTwips(figure, 17, true) + 160);
    expect(widths[0]).toBeGreaterThan(widths[1]!);
  });

  it('measure text as wide as DejaVu Sans, the widest stand-in for Arial', () => {
    // DejaVu Sans: « Domaine » is 4.07 em, about 692 twips at 8.5 pt; bold is wider still.
    expect(textTwips('Domaine', 17)).toBeGreaterThanOrEqual(692);
    expect(textTwips('Domaine', 17, true)).toBeGreaterThan(textTwips('Domaine', 17));
    expect(textTwips('iiii', 17)).toBeLessThan(textTwips('mmmm', 17));
  });

  it('give the first column room for a name on three lines at most', () => {
    const name =
      'Part des élèves entrant en sixième avec au moins un an de retard dans les collèges du réseau (RE-IND-02, %, baisse souhaitée)';
    const columns = [
      'Indicateur',
      ...['Référence', '2007', '2008', 'Cible', 'Réalisation'].map((h) => ({
        header: h,
        align: 'right' as const,
      })),
    ];
    const block = table(columns, [[name, '21 %', '20 %', '19 %', '15 %', '33 %']]) as TableBlock;
    const { widths, size } = tableLayout(block);
    const usable = widths[0]! - 160;
    expect(Math.ceil(textTwips(name, size === 'normal' ? 17 : 14) / usable)).toBeLessThanOrEqual(3);
  });

  it('use a smaller text for a matrix too wide for the page', () => {
    const figure = '12 · 1\u00a0245\u00a0000\u00a0€';
    const block = table(
      [
        'Territoire',
        'Niveau',
        ...['RU', 'RE', 'IE', 'SA', 'PD', 'Total'].map((h) => ({ header: h, align: 'right' as const })),
      ],
      [['Brest métropole océane', 'agglomération', figure, figure, figure, figure, figure, figure]],
    ) as TableBlock;
    const { widths, size } = tableLayout(block);
    expect(size).toBe('compact');
    expect(total(widths)).toBeLessThanOrEqual(TEXT_WIDTH_TWIPS);
  });
});

describe('a large report (tables drawn one at a time)', () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => [`Action ${i + 1} à Pontanézen`, `${i}\u00a0€`]);
  const block = (n: number) =>
    table(['Action', { header: 'Budget', align: 'right' }], rows(n), ['Total', `${n}\u00a0€`]);
  const whole = (t: TableBlock) => [...tableParts(t, Number.POSITIVE_INFINITY)][0]!;
  it('writes each table in its place, in parts, as docx would have written it whole', () => {
    const tables = [block(5), block(2)] as TableBlock[];
    const document = (draw: (t: TableBlock) => Paragraph | Table) =>
      new Document({
        sections: [
          {
            children: [
              new Paragraph('Avant'),
              draw(tables[0]!),
              new Paragraph('Entre'),
              draw(tables[1]!),
              new Paragraph('Après'),
            ],
          },
        ],
      });
    const inline = zipText(packDocx(document(whole), new TablesApart(() => [])), 'word/document.xml');
    // Parts of two rows: the five-row table is drawn as three tables, then put together.
    const apart = new TablesApart((t: TableBlock) => tableParts(t, 2));
    const drawn = zipText(
      packDocx(
        document((t) => apart.placeholder(t)),
        apart,
      ),
      'word/document.xml',
    );
    expect(drawn).toBe(inline);
    expect(drawn.split('<w:tbl>').length - 1).toBe(2);
    expect(drawn.split('<w:tblHeader/>').length - 1).toBe(2);
  });

  it('keeps every row of a report beyond the page-numbered size', async () => {
    const report: ReportDocument = { ...REPORT, blocks: [...REPORT.blocks, block(1200)] };
    const xml = zipText(await renderDocx(report, { chartImage: async () => null }), 'word/document.xml');
    // The first report's table (header, two rows, total), then the large one's header, rows and total.
    expect(xml.split('<w:tr>').length - 1).toBe(4 + 1 + 1200 + 1);
    expect(xml.split('<w:tblHeader/>').length - 1).toBe(2);
    expect(xml.includes('>Action 1200 à Pontanézen<')).toBe(true);
    expect(xml.includes('tableau-')).toBe(false);
  });
});
