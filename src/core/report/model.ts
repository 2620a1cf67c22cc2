/**
 * The report as a small document tree, neutral about its rendering: the Google Doc, the HTML preview
 * and the offline .docx edition all render this same model. A document is a sequence of blocks;
 * headings give it its outline, tables hold rows of cells, charts hold their data (never an image).
 */
import { frenchSpacing } from '../typography';

/** How an indicator stands against its target (see achievement.ts for the rules). */
export const MARKS = [
  'atteint',
  'en bonne voie',
  'à surveiller',
  'en recul',
  'pas de donnée',
  'donnée à corriger',
] as const;
export type Mark = (typeof MARKS)[number];

/** A symbol for the eye, always shown with its word: a symbol alone is not accessible. */
export const MARK_SYMBOLS: Record<Mark, string> = {
  atteint: '✔',
  'en bonne voie': '➚',
  'à surveiller': '⚠',
  'en recul': '✖',
  'pas de donnée': '–',
  'donnée à corriger': '✎',
};

/**
 * Series colours: Okabe–Ito's eight, distinct for the usual colour blindnesses, then two of Paul Tol's
 * for the ninth and tenth lines of a chart. Every renderer uses them in this order, so that a series
 * keeps its colour from the preview to the Doc.
 */
export const CHART_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#D55E00',
  '#CC79A7',
  '#56B4E9',
  '#F0E442',
  '#000000',
  '#882255',
  '#44AA99',
];

export type Cell = string | { text: string; mark: Mark };

export interface Column {
  header: string;
  /** Figures read better right-aligned (HTML and .docx; the Google Doc keeps its default). */
  align?: 'left' | 'right';
}

export interface Series {
  name: string;
  /** One value per category; null where there is no data. */
  values: (number | null)[];
}

export interface Chart {
  kind: 'bar' | 'stackedBar' | 'line';
  title: string;
  categories: string[];
  series: Series[];
  /** Unit of the values, shown on the value axis: '€', 'actions', '%'. */
  unit: string;
  /** What the chart shows, in one sentence: the image's alternative text. */
  description: string;
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; tone?: 'normal' | 'note' | 'warning' }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; columns: Column[]; rows: Cell[][]; footer?: Cell[] }
  | { kind: 'chart'; chart: Chart }
  | { kind: 'pageBreak' };

export interface ReportDocument {
  /** The file name: « Rapport annuel {contrat} {N} — {date} ». */
  name: string;
  year: number;
  scopeLabel: string;
  /** The edition that renders it: 'google-sheets' (Google Doc, preview) or 'hors-ligne' (.docx). */
  edition: 'google-sheets' | 'hors-ligne';
  /**
   * 'short': the title shares its page, no table of contents (layout.ts). Absent in a report stored
   * by a closing before it existed: 'full'.
   */
  layout?: 'full' | 'short';
  blocks: Block[];
}

export const title = (text: string): Block => ({ kind: 'title', text });
export const subtitle = (text: string): Block => ({ kind: 'subtitle', text });
export const heading = (level: 1 | 2 | 3, text: string): Block => ({ kind: 'heading', level, text });
export const paragraph = (text: string, tone: 'normal' | 'note' | 'warning' = 'normal'): Block => ({
  kind: 'paragraph',
  text,
  tone,
});
export const bullets = (items: string[]): Block => ({ kind: 'bullets', items });
export const chart = (c: Chart): Block => ({ kind: 'chart', chart: c });
export const pageBreak = (): Block => ({ kind: 'pageBreak' });

export function table(columns: (string | Column)[], rows: Cell[][], footer?: Cell[]): Block {
  const cols = columns.map((c) => (typeof c === 'string' ? { header: c } : c));
  return footer ? { kind: 'table', columns: cols, rows, footer } : { kind: 'table', columns: cols, rows };
}

export const markCell = (mark: Mark): Cell => ({ text: mark, mark });

/** A cell as plain text: a mark is its symbol and its word (« ✔ atteint »). */
export function cellString(cell: Cell): string {
  return typeof cell === 'string' ? cell : `${MARK_SYMBOLS[cell.mark]} ${cell.text}`;
}

/** A table as whole string arrays, header row first, footer last: what Body.appendTable takes. */
export function tableStrings(block: Extract<Block, { kind: 'table' }>): string[][] {
  const rows = [block.columns.map((c) => c.header), ...block.rows.map((r) => r.map(cellString))];
  if (block.footer) rows.push(block.footer.map(cellString));
  return rows;
}

/** A block with every text in French print spacing (see typography.ts): what a renderer lays out. */
export function printBlock(block: Block): Block {
  const p = frenchSpacing;
  const cell = (c: Cell): Cell => (typeof c === 'string' ? p(c) : c);
  switch (block.kind) {
    case 'title':
    case 'subtitle':
    case 'heading':
    case 'paragraph':
      return { ...block, text: p(block.text) };
    case 'bullets':
      return { ...block, items: block.items.map(p) };
    case 'table':
      return {
        ...block,
        columns: block.columns.map((c) => ({ ...c, header: p(c.header) })),
        rows: block.rows.map((r) => r.map(cell)),
        ...(block.footer ? { footer: block.footer.map(cell) } : {}),
      };
    case 'chart':
      return {
        ...block,
        chart: { ...block.chart, title: p(block.chart.title), description: p(block.chart.description) },
      };
    case 'pageBreak':
      return block;
  }
}
