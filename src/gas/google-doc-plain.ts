/**
 * The report laid with DocumentApp alone, one call or two per block: the fallback when the Docs API
 * (the fast path of google-doc.ts) is not available to the script or refuses the document. Slower and
 * plainer — a table's header row is not repeated on each page — but the same text, tables and charts.
 */
import { type Block, printBlock, type ReportDocument, tableStrings } from '../core/report/model';
import { appendChart } from './google-doc-chart';

type Body = GoogleAppsScript.Document.Body;

const HEADER_STYLE = { BOLD: true, BACKGROUND_COLOR: '#e8f0fe' };
const FOOTER_STYLE = { BOLD: true };
const NOTE_STYLE = { ITALIC: true, FOREGROUND_COLOR: '#5f6368' };
const WARNING_STYLE = { BOLD: true, FOREGROUND_COLOR: '#b06000' };

/** Lays the report into an empty body (a new Doc's, or a cleared one: one empty paragraph). */
export function layPlainDoc(body: Body, report: ReportDocument): void {
  const blocks = report.blocks.map(printBlock);
  const [head, ...rest] = blocks;
  // The title goes into the body's empty paragraph rather than below a blank line.
  if (head?.kind === 'title') {
    const first = body.getParagraphs()[0]!;
    first.setText(head.text);
    first.setHeading(DocumentApp.ParagraphHeading.TITLE);
  }
  for (const block of head?.kind === 'title' ? rest : blocks) appendBlock(body, block);
}

const HEADINGS = () =>
  ({
    1: DocumentApp.ParagraphHeading.HEADING1,
    2: DocumentApp.ParagraphHeading.HEADING2,
    3: DocumentApp.ParagraphHeading.HEADING3,
  }) as const;

function appendBlock(body: Body, block: Block): void {
  switch (block.kind) {
    case 'title':
      body.appendParagraph(block.text).setHeading(DocumentApp.ParagraphHeading.TITLE);
      return;
    case 'subtitle':
      body.appendParagraph(block.text).setHeading(DocumentApp.ParagraphHeading.SUBTITLE);
      return;
    case 'heading':
      body.appendParagraph(block.text).setHeading(HEADINGS()[block.level]);
      return;
    case 'paragraph': {
      const paragraph = body.appendParagraph(block.text);
      if (block.tone === 'note') paragraph.setAttributes(NOTE_STYLE);
      if (block.tone === 'warning') paragraph.setAttributes(WARNING_STYLE);
      return;
    }
    case 'bullets':
      for (const item of block.items) body.appendListItem(item);
      return;
    case 'table': {
      const table = body.appendTable(tableStrings(block));
      table.getRow(0).setAttributes(HEADER_STYLE);
      if (block.footer) table.getRow(block.rows.length + 1).setAttributes(FOOTER_STYLE);
      return;
    }
    case 'chart':
      appendChart(body, block.chart);
      return;
    case 'pageBreak':
      body.appendPageBreak();
      return;
  }
}
