/**
 * The report model (core/report) as a Word document: real Heading 1–3 styles (the navigator of Word
 * and LibreOffice shows the outline), a table of contents, tables with a repeated styled header row,
 * page breaks between parts, charts as images with their description as alternative text, and a
 * title page without header or footer.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  PageBreak,
  PageNumber,
  Paragraph,
  type Table,
  TableOfContents,
  TabStopType,
  TextRun,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import { type Block, type Chart, printBlock, type ReportDocument } from '../core/report/model';
import { frenchSpacing } from '../core/typography';
import { packDocx, TablesApart } from './docx-package';
import { type TableBlock, table, tableParts } from './docx-tables';
import { FONT, MUTED, PAGE, RULE, STYLES, TEXT_WIDTH_PX, TEXT_WIDTH_TWIPS } from './docx-theme';

export interface ChartImage {
  png: Uint8Array;
  /** Size on the page, in pixels at 96 dpi. */
  width: number;
  height: number;
}

export interface DocxOptions {
  /** The chart as an image; null leaves its description in its place. */
  chartImage: (chart: Chart) => Promise<ChartImage | null>;
  /** Called once the blocks are drawn, before the pages are laid out and the file packed. */
  onLayout?: () => void;
}

const CHART_SHARE = 0.8;

/**
 * The table of contents is written with its page numbers, worked out by laying the pages out as Word
 * does, for readers that do not update fields (LibreOffice, viewers, PDF conversions). That layout
 * costs about 0.3 s a page: beyond some 1,000 table rows (60 pages or so), the numbers are left for
 * Word to fill (F9) or LibreOffice (Outils › Actualiser › Tout).
 */
const MAX_ROWS_FOR_PAGE_NUMBERS = 1000;

function tableRows(report: ReportDocument): number {
  return report.blocks.reduce((n, b) => n + (b.kind === 'table' ? b.rows.length : 0), 0);
}

export async function renderDocx(report: ReportDocument, options: DocxOptions): Promise<Buffer> {
  const { cover, body } = splitCover(report.blocks.map(printBlock));
  // A short report (layout.ts) has neither a title page of its own nor a table of contents.
  const short = report.layout === 'short';
  const withPageNumbers = tableRows(report) <= MAX_ROWS_FOR_PAGE_NUMBERS;
  // Without page numbers to work out (they need the tables in place), each table is drawn only when
  // the file is written (docx-package.ts): all tables' objects and XML would otherwise be held at once.
  const tablesApart = new TablesApart(tableParts);
  const drawTable = withPageNumbers
    ? (block: TableBlock) => table(block)
    : (block: TableBlock) => tablesApart.placeholder(block);
  const coverChildren = await renderBlocks(cover, options, short ? 'shared' : 'page', drawTable);
  const bodyChildren = await renderBlocks(body, options, 'body', drawTable);
  options.onLayout?.();
  const document = new Document({
    title: report.name,
    subject: `Rapport annuel ${report.year} — ${report.scopeLabel}`,
    creator: 'Pilotage CUCS',
    description: report.name,
    styles: STYLES,
    ...(withPageNumbers ? { pageNumbers: estimatePageNumbersWith({ guess: true }) } : {}),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
          titlePage: !short,
        },
        footers: { default: pageFooter(report), first: new Footer({ children: [new Paragraph('')] }) },
        children: [...coverChildren, ...(short ? [] : contents()), ...bodyChildren],
      },
    ],
  });
  return packDocx(document, tablesApart);
}

/**
 * The title page is what comes before the first page break or heading (title, subtitle, notices);
 * a short report's has no break after it and shares its page with the first part.
 */
function splitCover(blocks: Block[]): { cover: Block[]; body: Block[] } {
  const end = blocks.findIndex((b) => b.kind === 'pageBreak' || b.kind === 'heading');
  if (end < 0 || !blocks.slice(0, end).some((b) => b.kind === 'title')) {
    return { cover: [], body: blocks };
  }
  return { cover: blocks.slice(0, end), body: blocks.slice(end) };
}

function contents(): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({ text: 'Sommaire', style: 'ContentsTitle', pageBreakBefore: true }),
    new TableOfContents('Sommaire', { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

function pageFooter(report: ReportDocument): Footer {
  const small = { size: 16, color: MUTED, font: FONT };
  return new Footer({
    children: [
      new Paragraph({
        tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH_TWIPS }],
        border: { top: { style: BorderStyle.SINGLE, size: 4, color: RULE, space: 4 } },
        children: [
          new TextRun({
            text: frenchSpacing(`Rapport annuel ${report.year} — ${report.scopeLabel}`),
            ...small,
          }),
          new TextRun({
            children: ['\tPage ', PageNumber.CURRENT, ' sur ', PageNumber.TOTAL_PAGES],
            ...small,
          }),
        ],
      }),
    ],
  });
}

type Child = Paragraph | Table | TableOfContents;
/** What the blocks are: the body, or the cover on its own page or sharing the first page (short report). */
type Part = 'body' | 'page' | 'shared';

async function renderBlocks(
  blocks: Block[],
  options: DocxOptions,
  part: Part,
  drawTable: (block: TableBlock) => Child,
): Promise<Child[]> {
  const children: Child[] = [];
  let breakBefore = false;
  for (const block of blocks) {
    if (block.kind === 'pageBreak') {
      breakBefore = true;
      continue;
    }
    // A table cannot start a page by itself: an empty paragraph carries the break.
    if (breakBefore && block.kind === 'table') children.push(new Paragraph({ children: [new PageBreak()] }));
    const pageBreakBefore = breakBefore && block.kind !== 'table';
    const rendered = await renderBlock(block, options, part, pageBreakBefore, drawTable);
    children.push(...rendered);
    breakBefore = false;
  }
  return children;
}

async function renderBlock(
  block: Exclude<Block, { kind: 'pageBreak' }>,
  options: DocxOptions,
  part: Part,
  pageBreakBefore: boolean,
  drawTable: (block: TableBlock) => Child,
): Promise<Child[]> {
  const cover = part !== 'body';
  switch (block.kind) {
    case 'title': {
      // The title page's deep top margin would leave a shared first page a third empty.
      const spacing = part === 'shared' ? { spacing: { before: 240, after: 240 } } : {};
      return [new Paragraph({ text: block.text, heading: HeadingLevel.TITLE, pageBreakBefore, ...spacing })];
    }
    case 'subtitle':
      return [new Paragraph({ text: block.text, style: 'Subtitle', pageBreakBefore })];
    case 'heading':
      return [new Paragraph({ text: block.text, heading: HEADINGS[block.level], pageBreakBefore })];
    case 'paragraph':
      return [paragraph(block.text, block.tone ?? 'normal', cover, pageBreakBefore)];
    case 'bullets':
      return block.items.map(
        (item, i) =>
          new Paragraph({
            children: [new TextRun(item)],
            bullet: { level: 0 },
            pageBreakBefore: pageBreakBefore && i === 0,
          }),
      );
    case 'table':
      return [drawTable(block), new Paragraph({ text: '', style: 'AfterTable' })];
    case 'chart':
      return chartBlock(block.chart, await options.chartImage(block.chart), pageBreakBefore);
  }
}

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

/** How each tone looks: the runs' emphasis; a warning also has its boxed style. */
const TONE_RUNS = {
  normal: {},
  note: { italics: true, color: MUTED },
  warning: { bold: true, color: '7A4100' },
} as const;

function paragraph(
  text: string,
  tone: 'normal' | 'note' | 'warning',
  cover: boolean,
  pageBreakBefore: boolean,
): Paragraph {
  return new Paragraph({
    children: text
      .split('\n')
      .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, ...TONE_RUNS[tone] })),
    ...(tone === 'warning' ? { style: 'Warning' } : {}),
    alignment: cover ? AlignmentType.CENTER : AlignmentType.LEFT,
    pageBreakBefore,
  });
}

function chartBlock(chart: Chart, image: ChartImage | null, pageBreakBefore: boolean): Paragraph[] {
  if (!image) {
    return [
      new Paragraph({ children: [new TextRun({ text: chart.description, italics: true })], pageBreakBefore }),
    ];
  }
  // Four fifths of the text width: the chart stays legible and leaves room for its neighbours.
  const width = Math.min(image.width, Math.round(TEXT_WIDTH_PX * CHART_SHARE));
  const height = Math.round((image.height * width) / image.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      pageBreakBefore,
      spacing: { before: 120, after: 60 },
      children: [
        new ImageRun({
          type: 'png',
          data: image.png,
          transformation: { width, height },
          altText: { name: chart.title, description: chart.description, title: chart.title },
        }),
      ],
    }),
    new Paragraph({ text: chart.description, style: 'Caption' }),
  ];
}
