/**
 * The report model as one self-contained HTML page: the « Aperçu » of the dialog shows it before the
 * Google Doc is created. Every text of the workbook is escaped; charts are inline SVG (svg.ts).
 * The output is line-oriented so that its snapshot in the tests reads like the report.
 */

import { escapeXml } from '../markup';
import { frenchSpacing } from '../typography';
import {
  type Block,
  type Cell,
  type Column,
  cellString,
  MARKS,
  type Mark,
  type ReportDocument,
} from './model';
import { chartToSvg } from './svg';

/** Workbook or report text as HTML: escaped, with French print spacing. */
const text = (s: string): string => escapeXml(frenchSpacing(s));

export const PREVIEW_CHART_SIZE = { width: 720, height: 380 };

const MARK_CLASSES: Record<Mark, string> = {
  atteint: 'reached',
  'en bonne voie': 'on-track',
  'à surveiller': 'watch',
  'en recul': 'backward',
  'pas de donnée': 'no-data',
  'donnée à corriger': 'to-correct',
};

const STYLE = `
body{font:14px/1.5 'DejaVu Sans',Arial,sans-serif;color:#202124;margin:24px auto;max-width:960px;padding:0 16px}
h1.title{font-size:28px;margin:48px 0 8px}
p.subtitle{font-size:20px;color:#5f6368;margin:0 0 24px}
h2{font-size:22px;border-bottom:2px solid #1a73e8;padding-bottom:4px;margin-top:32px}
h3{font-size:18px;margin-top:24px}
h4{font-size:16px}
p.note{color:#5f6368;font-size:13px}
p.warning{background:#fef7e0;border-left:4px solid #f9ab00;padding:8px 12px}
table{border-collapse:collapse;width:100%;margin:12px 0;font-size:13px}
th,td{border:1px solid #dadce0;padding:4px 6px;vertical-align:top;text-align:left}
thead th{background:#e8f0fe;font-weight:bold}
tfoot td{font-weight:bold;background:#f1f3f4}
td.num,th.num{text-align:right;white-space:nowrap}
.mark{white-space:nowrap;font-weight:bold}
.mark-reached{color:#137333}.mark-on-track{color:#1a73e8}.mark-watch{color:#b06000}
.mark-backward{color:#c5221f}.mark-no-data{color:#5f6368}.mark-to-correct{color:#a50e0e}
figure{margin:16px 0}figure svg{max-width:100%;height:auto}figcaption{color:#5f6368;font-size:12px}
hr.page-break{border:0;border-top:1px dashed #dadce0;margin:32px 0;page-break-after:always}
@media print{hr.page-break{border:0;margin:0}}
`;

export function reportToHtml(doc: ReportDocument): string {
  return [
    '<!doctype html>',
    '<html lang="fr">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${text(doc.name)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...doc.blocks.map(blockToHtml),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

export function blockToHtml(block: Block): string {
  switch (block.kind) {
    case 'title':
      return `<h1 class="title">${text(block.text)}</h1>`;
    case 'subtitle':
      return `<p class="subtitle">${text(block.text)}</p>`;
    case 'heading':
      // The document title is the page's h1: report headings start one level below.
      return `<h${block.level + 1}>${text(block.text)}</h${block.level + 1}>`;
    case 'paragraph':
      return block.tone && block.tone !== 'normal'
        ? `<p class="${block.tone}">${text(block.text)}</p>`
        : `<p>${text(block.text)}</p>`;
    case 'bullets':
      return ['<ul>', ...block.items.map((i) => `  <li>${text(i)}</li>`), '</ul>'].join('\n');
    case 'table':
      return tableToHtml(block.columns, block.rows, block.footer);
    case 'chart':
      return [
        '<figure>',
        chartToSvg(block.chart, PREVIEW_CHART_SIZE),
        `<figcaption>${text(block.chart.description)}</figcaption>`,
        '</figure>',
      ].join('\n');
    case 'pageBreak':
      return '<hr class="page-break">';
  }
}

function cellHtml(tag: 'td' | 'th', cell: Cell, column: Column | undefined): string {
  const numeric = column?.align === 'right' ? ' class="num"' : '';
  if (typeof cell === 'string') return `<${tag}${numeric}>${text(cell)}</${tag}>`;
  const cls = MARKS.includes(cell.mark) ? ` mark-${MARK_CLASSES[cell.mark]}` : '';
  return `<${tag}${numeric}><span class="mark${cls}">${text(cellString(cell))}</span></${tag}>`;
}

function tableToHtml(columns: Column[], rows: Cell[][], footer?: Cell[]): string {
  const row = (cells: Cell[], tag: 'td' | 'th') =>
    `    <tr>${cells.map((c, i) => cellHtml(tag, c, columns[i])).join('')}</tr>`;
  return [
    '<table>',
    '  <thead>',
    row(
      columns.map((c) => c.header),
      'th',
    ),
    '  </thead>',
    '  <tbody>',
    ...rows.map((r) => row(r, 'td')),
    '  </tbody>',
    ...(footer ? ['  <tfoot>', row(footer, 'td'), '  </tfoot>'] : []),
    '</table>',
  ].join('\n');
}
