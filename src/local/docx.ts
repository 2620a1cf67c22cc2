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
  LineRuleType,
  PageBreak,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import {
  type Block,
  type Cell,
  type Chart,
  cellString,
  MARK_SYMBOLS,
  type Mark,
  printBlock,
  type ReportDocument,
} from '../core/report/model';
import { frenchSpacing } from '../core/typography';
import { packDocx, TablesApart } from './docx-package';

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

const FONT = 'Arial';
const INK = '1F2A44';
const ACCENT = '1F4E79';
const MUTED = '5F6368';
const RULE = 'BFC7D5';
const HEADER_FILL = '1F4E79';
const ZEBRA_FILL = 'F2F5FA';
const FOOTER_FILL = 'E3E9F2';
/** A4 with 2 cm margins: the text is 17 cm wide. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
export const TEXT_WIDTH_TWIPS = PAGE.width - 2 * PAGE.margin;
/** The text width in pixels at 96 dpi, for chart images. */
export const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH_TWIPS / 1440) * 96);
const CHART_SHARE = 0.8;

export const MARK_COLORS: Record<Mark, string> = {
  atteint: '1E7B34',
  'en bonne voie': '2B7A78',
  'à surveiller': 'B26A00',
  'en recul': 'C62828',
  'pas de donnée': '757575',
  'donnée à corriger': 'A50E0E',
};

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
type TableBlock = Extract<Block, { kind: 'table' }>;

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

/** Table text: 8.5 pt, or 7 pt for a table too wide for it (half-points, as Word counts). */
const TABLE_FONT = { normal: 17, compact: 14 } as const;
/** A cell's left and right margins (80 twips each) and a little slack for rounding. */
const CELL_PADDING = 200;
/** Lines a row's name may take in the first column, and the share of the width that column may claim. */
const MAX_NAME_LINES = 3;
const MAX_NAME_SHARE = 0.4;

export interface TableLayout {
  /** Column widths in twips, filling the text width. */
  widths: number[];
  size: keyof typeof TABLE_FONT;
}

/**
 * Column widths: each column gets at least its longest word (no word is ever cut) and its longest
 * figure kept whole (« 1 245 000 € »: its spaces do not break), the first column enough for its
 * longest name on MAX_NAME_LINES lines; then the rest of the text width goes to the columns whose
 * content would otherwise wrap the most. When even that does not fit, the table's text gets smaller.
 */
export function tableLayout(block: Extract<Block, { kind: 'table' }>): TableLayout {
  const normal = layoutAt(block, 'normal');
  return (
    normal ?? layoutAt(block, 'compact') ?? { widths: scaledMinimums(block, 'compact'), size: 'compact' }
  );
}

/**
 * Width of a text in twips, from character classes measured on DejaVu Sans, the widest of the fonts
 * that stand in for Arial (LibreOffice on Linux): what fits there fits in Arial too.
 */
export function textTwips(text: string, halfPoints: number, bold = false): number {
  let em = 0;
  for (const c of text) {
    if (/[iljtfrI.,:;!'’|()[\] \u00a0\u202f]/.test(c)) em += 0.36;
    else if (/[mwMW]/.test(c)) em += 0.95;
    else if (/[A-ZÀ-Ý€%‰]/.test(c)) em += 0.76;
    else em += 0.64;
  }
  return Math.ceil(em * (bold ? 1.1 : 1) * halfPoints * 10);
}

function columnNeeds(block: Extract<Block, { kind: 'table' }>, size: keyof typeof TABLE_FONT) {
  const rows = [...block.rows, ...(block.footer ? [block.footer] : [])];
  const half = TABLE_FONT[size];
  const width = (text: string, bold = false) => textTwips(text, half, bold);
  return block.columns.map((column, i) => {
    // Words break at ordinary spaces only: no-break spaces hold a figure or « : » together.
    const words = (text: string) => text.split(/[ \n]+/);
    const cells = rows.map((r) => cellString(r[i] ?? ''));
    const longestWord = Math.max(
      width('Total'),
      ...words(column.header).map((w) => width(w, true)),
      ...cells.flatMap(words).map((w) => width(w, true)),
    );
    const longestCell = Math.max(0, ...cells.map((c) => width(c)));
    // The first column names the row (an indicator, an action): it never runs past MAX_NAME_LINES.
    const name =
      i === 0 ? Math.min((longestCell * 1.2) / MAX_NAME_LINES, MAX_NAME_SHARE * TEXT_WIDTH_TWIPS) : 0;
    const min = Math.max(longestWord, name) + CELL_PADDING;
    return { min, wanted: Math.max(min, Math.min(longestCell, TEXT_WIDTH_TWIPS) + CELL_PADDING) };
  });
}

function layoutAt(
  block: Extract<Block, { kind: 'table' }>,
  size: keyof typeof TABLE_FONT,
): TableLayout | null {
  const needs = columnNeeds(block, size);
  const minTotal = needs.reduce((sum, n) => sum + n.min, 0);
  if (minTotal > TEXT_WIDTH_TWIPS) return null;
  const extraWanted = needs.reduce((sum, n) => sum + (n.wanted - n.min), 0);
  const spare = TEXT_WIDTH_TWIPS - minTotal;
  if (extraWanted > spare) {
    return { widths: needs.map((n) => Math.floor(n.min + (spare * (n.wanted - n.min)) / extraWanted)), size };
  }
  // Everything fits on one line: the width left is shared in proportion to what each column holds.
  const wantedTotal = minTotal + extraWanted;
  return { widths: needs.map((n) => Math.floor((n.wanted / wantedTotal) * TEXT_WIDTH_TWIPS)), size };
}

function scaledMinimums(block: Extract<Block, { kind: 'table' }>, size: keyof typeof TABLE_FONT): number[] {
  const needs = columnNeeds(block, size);
  const total = needs.reduce((sum, n) => sum + n.min, 0);
  return needs.map((n) => Math.floor((n.min / total) * TEXT_WIDTH_TWIPS));
}

/** Rows of a table drawn in parts (see docx-package.ts): few enough to keep each part's XML small. */
const TABLE_PART_ROWS = 200;

/** A table as parts of TABLE_PART_ROWS rows, each under the header row, laid out once. */
export function* tableParts(block: TableBlock, rowsPerPart = TABLE_PART_ROWS): Generator<Table> {
  const layout = tableLayout(block);
  const total = block.rows.length;
  for (let from = 0; from === 0 || from < total; from += rowsPerPart) {
    yield table(block, { layout, from, to: Math.min(from + rowsPerPart, total) });
  }
}

/** A table, or the part of it from row `from` to `to` (the total row in the last part). */
function table(
  block: TableBlock,
  part: { layout: TableLayout; from: number; to: number } = {
    layout: tableLayout(block),
    from: 0,
    to: block.rows.length,
  },
): Table {
  const { widths, size } = part.layout;
  const fontSize = TABLE_FONT[size];
  const alignOf = (i: number) =>
    block.columns[i]?.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: block.columns.map(
      (column, i) =>
        new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL },
          children: [
            new Paragraph({
              alignment: alignOf(i),
              style: 'TableText',
              children: [new TextRun({ text: column.header, bold: true, color: 'FFFFFF', size: fontSize })],
            }),
          ],
        }),
    ),
  });
  const row = (cells: Cell[], kind: 'even' | 'odd' | 'footer') =>
    new TableRow({
      cantSplit: true,
      children: block.columns.map((_, i) => {
        const fill = kind === 'footer' ? FOOTER_FILL : kind === 'odd' ? ZEBRA_FILL : 'FFFFFF';
        return new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          shading: { type: ShadingType.CLEAR, color: 'auto', fill },
          children: [
            new Paragraph({
              alignment: alignOf(i),
              style: 'TableText',
              children: cellRuns(cells[i] ?? '', kind === 'footer', fontSize),
            }),
          ],
        });
      }),
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: RULE };
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [
      header,
      ...block.rows
        .slice(part.from, part.to)
        .map((cells, r) => row(cells, (part.from + r) % 2 === 1 ? 'odd' : 'even')),
      ...(block.footer && part.to === block.rows.length ? [row(block.footer, 'footer')] : []),
    ],
  });
}

function cellRuns(cell: Cell, bold: boolean, size: number): ParagraphChild[] {
  if (typeof cell === 'string') {
    return cell.split('\n').map((line, i) => new TextRun({ text: line, bold, size, break: i > 0 ? 1 : 0 }));
  }
  const color = MARK_COLORS[cell.mark];
  return [
    new TextRun({ text: `${MARK_SYMBOLS[cell.mark]} `, bold: true, color, size }),
    new TextRun({ text: cell.text, bold: true, color, size }),
  ];
}

const STYLES = {
  default: {
    document: {
      run: { font: FONT, size: 20, color: INK },
      paragraph: { spacing: { after: 100, line: 276, lineRule: LineRuleType.AUTO } },
    },
    title: {
      run: { font: FONT, size: 52, bold: true, color: ACCENT },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 3600, after: 360 } },
    },
    heading1: {
      run: { font: FONT, size: 32, bold: true, color: ACCENT },
      paragraph: {
        spacing: { before: 240, after: 160 },
        keepNext: true,
        border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: ACCENT, space: 4 } },
      },
    },
    heading2: {
      run: { font: FONT, size: 26, bold: true, color: ACCENT },
      paragraph: { spacing: { before: 280, after: 120 }, keepNext: true },
    },
    heading3: {
      run: { font: FONT, size: 22, bold: true, color: INK },
      paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
    },
    caption: {
      run: { font: FONT, size: 17, italics: true, color: MUTED },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
    },
  },
  paragraphStyles: [
    {
      id: 'Subtitle',
      name: 'Subtitle',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: FONT, size: 30, color: MUTED },
      paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 240 } },
    },
    {
      id: 'ContentsTitle',
      name: 'Contents Title',
      basedOn: 'Normal',
      next: 'Normal',
      run: { font: FONT, size: 32, bold: true, color: ACCENT },
      paragraph: { spacing: { after: 240 } },
    },
    {
      id: 'TableText',
      name: 'Table Text',
      basedOn: 'Normal',
      run: { size: 17 },
      paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: 'AfterTable',
      name: 'After Table',
      basedOn: 'Normal',
      run: { size: 8 },
      paragraph: { spacing: { before: 0, after: 120, line: 240, lineRule: LineRuleType.AUTO } },
    },
    {
      id: 'Warning',
      name: 'Warning',
      basedOn: 'Normal',
      paragraph: {
        spacing: { before: 120, after: 160 },
        shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'FFF4E0' },
        border: { left: { style: BorderStyle.SINGLE, size: 24, color: 'E39B2D', space: 8 } },
        indent: { left: 160, right: 160 },
      },
    },
  ],
};
