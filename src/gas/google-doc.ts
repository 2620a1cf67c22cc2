/**
 * The Google Doc renderer of the report model, in a number of Apps Script calls that depends on the
 * report's outline, never on its rows, and as few as the outline allows. DocumentApp lays down one
 * element a run: each table (one appendTable, whole), each chart image with its alternative text, the
 * page break, and the first paragraph of each run of text. Then the Docs advanced service, in one read
 * and one batchUpdate, writes the rest of each run (its paragraphs, after the first, in one insertText)
 * and every style: headings, notes, bullets, the tables' header and footer rows.
 */
import type { GeneratedReport } from '../core/api';
import { type Block, type Chart, printBlock, type ReportDocument, tableStrings } from '../core/report/model';
import { appendChart } from './google-doc-chart';
import { layPlainDoc } from './google-doc-plain';

type Docs = GoogleAppsScript.Docs;
type StructuralElement = GoogleAppsScript.Docs.Schema.StructuralElement;
interface IndexRange {
  startIndex: number;
  endIndex: number;
}
interface RgbColor {
  color: { rgbColor: { red: number; green: number; blue: number } };
}
interface TextStyle {
  bold?: boolean;
  italic?: boolean;
  foregroundColor?: RgbColor;
}
/** The batchUpdate requests the renderer sends (the typings at hand predate updateTableCellStyle). */
export type Request =
  | { insertText: { location: { index: number }; text: string } }
  | {
      updateParagraphStyle: {
        range: IndexRange;
        paragraphStyle: { namedStyleType: NamedStyle };
        fields: 'namedStyleType';
      };
    }
  | { updateTextStyle: { range: IndexRange; textStyle: TextStyle; fields: string } }
  | { createParagraphBullets: { range: IndexRange; bulletPreset: 'BULLET_DISC_CIRCLE_SQUARE' } }
  | { pinTableHeaderRows: { tableStartLocation: { index: number }; pinnedHeaderRowsCount: number } }
  | {
      updateTableCellStyle: {
        tableRange: {
          tableCellLocation: { tableStartLocation: { index: number }; rowIndex: number; columnIndex: number };
          rowSpan: number;
          columnSpan: number;
        };
        tableCellStyle: { backgroundColor: RgbColor };
        fields: 'backgroundColor';
      };
    };
type TableBlock = Extract<Block, { kind: 'table' }>;

const HEADER_BACKGROUND = '#e8f0fe';
const NOTE_COLOR = '#5f6368';
const WARNING_COLOR = '#b06000';

type NamedStyle = 'TITLE' | 'SUBTITLE' | 'HEADING_1' | 'HEADING_2' | 'HEADING_3' | 'NORMAL_TEXT';

/** A paragraph as the Doc shows it. */
export interface DocParagraph {
  text: string;
  style: NamedStyle;
  tone?: 'note' | 'warning';
  bullet?: boolean;
}

/** What the renderer lays down: a run of paragraphs, or one table, chart or page break. */
export type DocStep =
  | { kind: 'text'; paragraphs: DocParagraph[] }
  | { kind: 'table'; table: TableBlock }
  | { kind: 'chart'; chart: Chart }
  | { kind: 'pageBreak' };

/**
 * A paragraph's text as one line: a newline would split it in two and control characters are dropped
 * by the Docs API, either of which would move the indices computed from it.
 */
const oneLine = (text: string) =>
  Array.from(text, (c) => {
    if (c === '\n' || c === '\u2028' || c === '\u2029') return ' ';
    return c.charCodeAt(0) < 0x20 && c !== '\t' ? '' : c;
  }).join('');

function paragraphsOf(block: Block): DocParagraph[] {
  switch (block.kind) {
    case 'title':
      return [{ text: oneLine(block.text), style: 'TITLE' }];
    case 'subtitle':
      return [{ text: oneLine(block.text), style: 'SUBTITLE' }];
    case 'heading':
      return [{ text: oneLine(block.text), style: `HEADING_${block.level}` }];
    case 'paragraph':
      return [
        {
          text: oneLine(block.text),
          style: 'NORMAL_TEXT',
          ...(block.tone === 'note' || block.tone === 'warning' ? { tone: block.tone } : {}),
        },
      ];
    case 'bullets':
      return block.items.map((item) => ({ text: oneLine(item), style: 'NORMAL_TEXT', bullet: true }));
    default:
      return [];
  }
}

/** The report's blocks in French print, consecutive texts gathered into runs. */
export function docSteps(report: ReportDocument): DocStep[] {
  const steps: DocStep[] = [];
  for (const block of report.blocks.map(printBlock)) {
    const paragraphs = paragraphsOf(block);
    const last = steps[steps.length - 1];
    if (paragraphs.length > 0) {
      if (last?.kind === 'text') last.paragraphs.push(...paragraphs);
      else steps.push({ kind: 'text', paragraphs });
    } else if (block.kind === 'table') steps.push({ kind: 'table', table: block });
    else if (block.kind === 'chart') steps.push({ kind: 'chart', chart: block.chart });
    else if (block.kind === 'pageBreak') steps.push({ kind: 'pageBreak' });
  }
  return steps;
}

/**
 * Lays the report into a new Google Doc. Without the Docs API (its advanced service off for this script,
 * or refused by the add-on's Cloud project), or if the API refuses the batch, the same Doc is laid by
 * DocumentApp alone: slower and plainer, never incomplete. The answer says which way it went.
 */
export function renderGoogleDoc(report: ReportDocument): GeneratedReport {
  const docs = docsService();
  const doc = DocumentApp.create(report.name);
  const url = doc.getUrl();
  if (!docs) {
    layPlainDoc(doc.getBody(), report);
    doc.saveAndClose();
    return { name: report.name, url, notice: PLAIN_NOTICE };
  }
  const steps = docSteps(report);
  layElements(doc.getBody(), steps);
  const id = doc.getId();
  // The Docs API sees DocumentApp's work once it is saved.
  doc.saveAndClose();
  try {
    const content = docs.Documents!.get(id).body?.content ?? [];
    const requests = styleRequests(steps, content);
    docs.Documents!.batchUpdate({ requests } as GoogleAppsScript.Docs.Schema.BatchUpdateDocumentRequest, id);
    return { name: report.name, url };
  } catch (error) {
    // The batch is all or nothing: the Doc holds the elements alone, laid again from a cleared body.
    console.warn(`API Google Docs : ${error instanceof Error ? error.message : String(error)}`);
    const again = DocumentApp.openById(id);
    layPlainDoc(again.getBody().clear(), report);
    again.saveAndClose();
    return { name: report.name, url, notice: PLAIN_NOTICE };
  }
}

const PLAIN_NOTICE =
  'Mise en page simplifiée : l’API Google Docs n’est pas disponible pour le module (elle s’active dans l’éditeur Apps Script, Services › Google Docs API, ou dans le projet Google Cloud du module). Le rapport est complet ; les en-têtes des tableaux ne se répètent pas en haut de chaque page.';

/** DocumentApp's part: each table, chart and page break, and the first paragraph of each run of text. */
function layElements(body: GoogleAppsScript.Document.Body, steps: readonly DocStep[]): void {
  steps.forEach((step, i) => {
    switch (step.kind) {
      case 'text': {
        const first = step.paragraphs[0]!.text;
        // A new Doc holds one empty paragraph: the first run starts there rather than below a blank line.
        if (i === 0) body.getParagraphs()[0]!.setText(first);
        else body.appendParagraph(first);
        return;
      }
      case 'table':
        body.appendTable(tableStrings(step.table));
        return;
      case 'chart':
        appendChart(body, step.chart);
        return;
      case 'pageBreak':
        body.appendPageBreak();
        return;
    }
  });
}

/** The Docs advanced service, declared by appsscript.json (dependencies › enabledAdvancedServices). */
export function docsService(): Docs | null {
  return typeof Docs === 'undefined' || !Docs?.Documents ? null : Docs;
}

// ---------------------------------------------------------------------------------------------
// Docs API requests

const textOf = (e: StructuralElement) =>
  (e.paragraph?.elements ?? []).map((x) => x.textRun?.content ?? '').join('');
const holds = (e: StructuralElement, what: 'inlineObjectElement' | 'pageBreak') =>
  (e.paragraph?.elements ?? []).some((x) => x[what] !== undefined);

/**
 * The element of the document each step laid down, in order. The walk skips what it does not expect
 * (the section break, and an empty paragraph Docs may keep after a table), never what it does.
 */
export function locateSteps(
  steps: readonly DocStep[],
  content: readonly StructuralElement[],
): StructuralElement[] {
  let at = 0;
  return steps.map((step) => {
    const matches = (e: StructuralElement) => {
      if (step.kind === 'table') return e.table !== undefined;
      if (!e.paragraph) return false;
      if (step.kind === 'chart') return holds(e, 'inlineObjectElement');
      if (step.kind === 'pageBreak') return holds(e, 'pageBreak');
      return textOf(e) === `${step.paragraphs[0]!.text}\n`;
    };
    while (at < content.length && !matches(content[at]!)) at++;
    const found = content[at++];
    if (!found) {
      throw new Error(
        'Le document créé ne correspond pas au rapport (un élément manque) : ses styles n’ont pas pu être appliqués.',
      );
    }
    return found;
  });
}

const rgb = (hex: string) => ({
  color: {
    rgbColor: {
      red: Number.parseInt(hex.slice(1, 3), 16) / 255,
      green: Number.parseInt(hex.slice(3, 5), 16) / 255,
      blue: Number.parseInt(hex.slice(5, 7), 16) / 255,
    },
  },
});

const TONES = {
  note: { textStyle: { italic: true, foregroundColor: rgb(NOTE_COLOR) }, fields: 'italic,foregroundColor' },
  warning: { textStyle: { bold: true, foregroundColor: rgb(WARNING_COLOR) }, fields: 'bold,foregroundColor' },
} as const;

/** A run: its paragraphs after the first inserted at the end of the first, then each one's style. */
function textRequests(paragraphs: readonly DocParagraph[], start: number): Request[] {
  const [first, ...rest] = paragraphs;
  const requests: Request[] = [];
  if (rest.length > 0) {
    const index = start + first!.text.length;
    requests.push({ insertText: { location: { index }, text: `\n${rest.map((p) => p.text).join('\n')}` } });
  }
  let at = start;
  /** The range of the list under way: consecutive items make one list. */
  let list: IndexRange | null = null;
  const endList = (next: IndexRange | null) => {
    if (list && !next) {
      requests.push({ createParagraphBullets: { range: list, bulletPreset: 'BULLET_DISC_CIRCLE_SQUARE' } });
    }
    list = next;
  };
  for (const p of paragraphs) {
    const end = at + p.text.length + 1;
    // Every paragraph gets its style, the normal one too: a paragraph appended may take its neighbour's.
    requests.push({
      updateParagraphStyle: {
        range: { startIndex: at, endIndex: end },
        paragraphStyle: { namedStyleType: p.style },
        fields: 'namedStyleType',
      },
    });
    if (p.tone && p.text.length > 0) {
      requests.push({ updateTextStyle: { range: { startIndex: at, endIndex: end - 1 }, ...TONES[p.tone] } });
    }
    endList(p.bullet ? { startIndex: (list as IndexRange | null)?.startIndex ?? at, endIndex: end } : null);
    at = end;
  }
  endList(null);
  return requests;
}

/** The header row bold on its background and repeated atop each page, the footer row bold. */
function tableRequests(block: TableBlock, element: StructuralElement): Request[] {
  const start = { index: element.startIndex ?? 0 };
  const rows = element.table?.tableRows ?? [];
  const bold = (row: number): Request[] =>
    (rows[row]?.tableCells ?? []).flatMap((cell) => {
      const paragraphs = cell.content ?? [];
      const startIndex = paragraphs[0]?.startIndex ?? 0;
      const endIndex = (paragraphs[paragraphs.length - 1]?.endIndex ?? 0) - 1;
      return endIndex > startIndex
        ? [
            {
              updateTextStyle: { range: { startIndex, endIndex }, textStyle: { bold: true }, fields: 'bold' },
            },
          ]
        : [];
    });
  return [
    { pinTableHeaderRows: { tableStartLocation: start, pinnedHeaderRowsCount: 1 } },
    {
      updateTableCellStyle: {
        tableRange: {
          tableCellLocation: {
            tableStartLocation: start,
            rowIndex: 0,
            columnIndex: 0,
          },
          rowSpan: 1,
          columnSpan: block.columns.length,
        },
        tableCellStyle: { backgroundColor: rgb(HEADER_BACKGROUND) },
        fields: 'backgroundColor',
      },
    },
    ...bold(0),
    ...(block.footer ? bold(rows.length - 1) : []),
  ];
}

/**
 * Every request of the batch, from the end of the document back to its start: an insertion moves
 * only what follows it, which is already styled by then.
 */
export function styleRequests(steps: readonly DocStep[], content: readonly StructuralElement[]): Request[] {
  const elements = locateSteps(steps, content);
  return steps
    .map((step, i): Request[] => {
      const element = elements[i]!;
      if (step.kind === 'text') return textRequests(step.paragraphs, element.startIndex ?? 0);
      if (step.kind === 'table') return tableRequests(step.table, element);
      return [];
    })
    .reverse()
    .flat();
}
