/**
 * The report's tables in Word: column widths worked out from the text they hold (no word cut, figures
 * kept whole, the table's text smaller when it cannot fit), a repeated styled header row, zebra rows,
 * the total row, marks in colour; a long table drawn in parts (see docx-package.ts).
 */
import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  type ParagraphChild,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { type Block, type Cell, cellString, MARK_SYMBOLS, type Mark } from '../core/report/model';
import { RULE, TEXT_WIDTH_TWIPS } from './docx-theme';

export type TableBlock = Extract<Block, { kind: 'table' }>;

const HEADER_FILL = '1F4E79';
const ZEBRA_FILL = 'F2F5FA';
const FOOTER_FILL = 'E3E9F2';

export const MARK_COLORS: Record<Mark, string> = {
  atteint: '1E7B34',
  'en bonne voie': '2B7A78',
  'à surveiller': 'B26A00',
  'en recul': 'C62828',
  'pas de donnée': '757575',
  'donnée à corriger': 'A50E0E',
};

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
export function table(
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
