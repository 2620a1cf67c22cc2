// The Docs advanced service (Docs API v1): Documents.get and the few batchUpdate requests the add-on sends,
// over the same documents as DocumentApp (document.ts). Indices are the API's: UTF-16 code units, a
// section break at 0, each paragraph its text and its newline, an image or a page break one unit inside
// its own paragraph, a table one unit, each row one, each cell one before its paragraphs, one at its end.

import { assertString, type FakeContext } from './core';
import {
  type BodyChild,
  type DocumentModel,
  newParagraph,
  type ParagraphNode,
  type TableNode,
  type TextModel,
} from './document';

/** Docs' named styles and the DocumentApp headings they are. */
const NAMED_STYLES: Record<string, string> = {
  NORMAL_TEXT: 'NORMAL',
  TITLE: 'TITLE',
  SUBTITLE: 'SUBTITLE',
  HEADING_1: 'HEADING1',
  HEADING_2: 'HEADING2',
  HEADING_3: 'HEADING3',
  HEADING_4: 'HEADING4',
  HEADING_5: 'HEADING5',
  HEADING_6: 'HEADING6',
};
const STYLE_OF_HEADING = Object.fromEntries(Object.entries(NAMED_STYLES).map(([k, v]) => [v, k]));

/** Where a text of the document sits: its model and its first index. */
interface Span {
  text: TextModel;
  start: number;
  /** The body paragraph holding it (null inside a table cell). */
  paragraph: ParagraphNode | null;
}

interface TableSpan {
  node: TableNode;
  start: number;
}

interface Layout {
  spans: Span[];
  tables: TableSpan[];
  content: unknown[];
}

/** The control characters the API strips from inserted text: U+0000–U+0008 and U+000C–U+001F. */
const STRIPPED = (code: number) => code <= 0x08 || (code >= 0x0c && code <= 0x1f);

const isParagraph = (n: BodyChild): n is ParagraphNode => n.type === 'PARAGRAPH' || n.type === 'LIST_ITEM';

/** The API's view of the body, and where each text and table starts. */
function layout(doc: DocumentModel): Layout {
  const spans: Span[] = [];
  const tables: TableSpan[] = [];
  const content: unknown[] = [{ endIndex: 1, sectionBreak: { sectionStyle: {} } }];
  let at = 1;
  const paragraphJson = (text: string, start: number, node: ParagraphNode | null) => ({
    startIndex: start,
    endIndex: start + text.length + 1,
    paragraph: {
      elements: [{ startIndex: start, endIndex: start + text.length + 1, textRun: { content: `${text}\n` } }],
      paragraphStyle: { namedStyleType: STYLE_OF_HEADING[node?.heading ?? 'NORMAL'] ?? 'NORMAL_TEXT' },
      ...(node?.type === 'LIST_ITEM'
        ? { bullet: { listId: 'fake-list', nestingLevel: node.nestingLevel } }
        : {}),
    },
  });
  for (const child of doc.children) {
    if (isParagraph(child)) {
      spans.push({ text: child.text, start: at, paragraph: child });
      content.push(paragraphJson(child.text.text, at, child));
      at += child.text.text.length + 1;
    } else if (child.type === 'TABLE') {
      const start = at;
      tables.push({ node: child, start });
      at += 1;
      const tableRows = child.rows.map((row) => {
        const rowStart = at;
        at += 1;
        const tableCells = row.cells.map((cell) => {
          const cellStart = at;
          at += 1;
          spans.push({ text: cell.text, start: at, paragraph: null });
          const paragraph = paragraphJson(cell.text.text, at, null);
          at += cell.text.text.length + 1;
          return { startIndex: cellStart, endIndex: at, content: [paragraph] };
        });
        return { startIndex: rowStart, endIndex: at, tableCells };
      });
      at += 1;
      content.push({
        startIndex: start,
        endIndex: at,
        table: { rows: child.rows.length, columns: child.rows[0]?.cells.length ?? 0, tableRows },
      });
    } else {
      const element =
        child.type === 'INLINE_IMAGE'
          ? { inlineObjectElement: { inlineObjectId: 'fake-image' } }
          : child.type === 'PAGE_BREAK'
            ? { pageBreak: {} }
            : { horizontalRule: {} };
      content.push({
        startIndex: at,
        endIndex: at + 2,
        paragraph: {
          elements: [
            { startIndex: at, endIndex: at + 1, ...element },
            { startIndex: at + 1, endIndex: at + 2, textRun: { content: '\n' } },
          ],
          paragraphStyle: { namedStyleType: 'NORMAL_TEXT' },
        },
      });
      at += 2;
    }
  }
  return { spans, tables, content };
}

const hex = (v: number) =>
  Math.round(Math.min(1, Math.max(0, v)) * 255)
    .toString(16)
    .padStart(2, '0');

export function createDocsService(ctx: FakeContext, models: Map<string, DocumentModel>): object {
  const fail = (message: string) =>
    ctx.exception(`API call to docs.documents.batchUpdate failed with error: ${message}`);
  const unmodelled = (what: string) =>
    ctx.fakeError(`Docs.Documents.batchUpdate : ${what} n'est pas modélisé`);

  const documentOf = (id: unknown, where: string): DocumentModel => {
    ctx.requireAuth('FULL', where);
    const doc = models.get(assertString(ctx, id, where));
    if (!doc)
      throw ctx.exception(
        `API call to docs.documents.get failed with error: Requested entity was not found.`,
      );
    // DocumentApp keeps its edits until saveAndClose: the API would read or edit the document without them.
    if (!doc.closed) {
      throw ctx.fakeError(
        `${where} : le document est ouvert par DocumentApp, appelez saveAndClose() avant l'API Docs`,
      );
    }
    return doc;
  };

  const range = (r: unknown): [number, number] => {
    const { startIndex, endIndex } = (r ?? {}) as { startIndex?: unknown; endIndex?: unknown };
    if (!Number.isInteger(startIndex) || !Number.isInteger(endIndex)) throw fail('Invalid range.');
    if ((endIndex as number) <= (startIndex as number)) throw fail('The range should not be empty.');
    return [startIndex as number, endIndex as number];
  };
  const fields = (value: unknown, allowed: string[]): string[] => {
    const list = assertString(ctx, value, 'fields')
      .split(',')
      .map((f) => f.trim());
    for (const f of list) if (!allowed.includes(f)) throw unmodelled(`le champ ${f}`);
    return list;
  };
  /** The spans a range touches, with the part of each it covers (offsets in the span's text). */
  const touched = (spans: Span[], [from, to]: [number, number]) =>
    spans.flatMap((s) => {
      const end = s.start + s.text.text.length + 1;
      if (to <= s.start || from >= end) return [];
      return [
        { span: s, first: Math.max(0, from - s.start), last: Math.min(s.text.text.length, to - s.start) - 1 },
      ];
    });
  const color = (c: unknown): string => {
    const rgb = (c as { color?: { rgbColor?: { red?: number; green?: number; blue?: number } } })?.color
      ?.rgbColor;
    if (!rgb) throw unmodelled('une couleur sans rgbColor');
    return `#${hex(rgb.red ?? 0)}${hex(rgb.green ?? 0)}${hex(rgb.blue ?? 0)}`;
  };

  function insertText(doc: DocumentModel, request: Record<string, unknown>): void {
    const index = (request.location as { index?: unknown } | undefined)?.index;
    if (!Number.isInteger(index)) throw unmodelled('insertText sans location.index');
    // Control characters go, as the API strips them.
    const text = Array.from(assertString(ctx, request.text, 'insertText.text'))
      .filter((c) => !STRIPPED(c.charCodeAt(0)))
      .join('');
    const span = layout(doc).spans.find(
      (s) => s.paragraph && (index as number) >= s.start && (index as number) <= s.start + s.text.text.length,
    );
    if (!span) throw fail('The insertion index must be inside the bounds of an existing paragraph.');
    const node = span.paragraph!;
    const offset = (index as number) - span.start;
    // Inserted text takes the style of the text before it: only plain paragraphs are modelled.
    if (node.text.styles.length > 0) throw unmodelled('une insertion dans un paragraphe mis en forme');
    const [head, ...rest] = text.split('\n');
    const before = node.text.text.slice(0, offset);
    const after = node.text.text.slice(offset);
    if (rest.length === 0) {
      node.text.text = before + head + after;
      return;
    }
    // Each newline makes a paragraph with the style of the one it splits, list and bullet included.
    node.text.text = before + head;
    const made = rest.map((t, i) => {
      const p = newParagraph(node.type, i === rest.length - 1 ? t + after : t);
      return {
        ...p,
        heading: node.heading,
        alignment: node.alignment,
        attributes: { ...node.attributes },
        glyphType: node.glyphType,
        nestingLevel: node.nestingLevel,
      };
    });
    doc.children.splice(doc.children.indexOf(node) + 1, 0, ...made);
  }

  function apply(doc: DocumentModel, request: Record<string, unknown>): void {
    const kinds = Object.keys(request);
    if (kinds.length !== 1) throw fail('Each request must have exactly one kind.');
    const kind = kinds[0]!;
    const body = request[kind] as Record<string, unknown>;
    const { spans, tables } = layout(doc);
    switch (kind) {
      case 'insertText':
        insertText(doc, body);
        return;
      case 'updateParagraphStyle': {
        fields(body.fields, ['namedStyleType']);
        const named = (body.paragraphStyle as { namedStyleType?: string } | undefined)?.namedStyleType ?? '';
        if (!(named in NAMED_STYLES)) throw fail(`Invalid value for namedStyleType: ${named}`);
        // Every paragraph the range touches, even in part.
        for (const { span } of touched(spans, range(body.range))) {
          if (!span.paragraph) throw unmodelled('un style de paragraphe dans un tableau');
          span.paragraph.heading = NAMED_STYLES[named]!;
        }
        return;
      }
      case 'updateTextStyle': {
        const style = (body.textStyle ?? {}) as Record<string, unknown>;
        const names = fields(body.fields, ['bold', 'italic', 'foregroundColor']);
        const values: [string, unknown][] = names.map((f) =>
          f === 'foregroundColor'
            ? ['FOREGROUND_COLOR', color(style.foregroundColor)]
            : [f.toUpperCase(), style[f] === true],
        );
        for (const { span, first, last } of touched(spans, range(body.range))) {
          if (last < first) continue;
          for (const [attribute, value] of values)
            span.text.styles.push({ start: first, end: last, attribute, value });
        }
        return;
      }
      case 'updateTableCellStyle': {
        fields(body.fields, ['backgroundColor']);
        const where =
          (body.tableRange as {
            tableCellLocation?: Record<string, unknown>;
            rowSpan?: number;
            columnSpan?: number;
          }) ?? {};
        const cellAt = where.tableCellLocation ?? {};
        const start = (cellAt.tableStartLocation as { index?: number } | undefined)?.index;
        const table = tables.find((t) => t.start === start);
        if (!table) throw fail('Invalid requests: no table starts at the given index.');
        const row0 = Number(cellAt.rowIndex ?? 0);
        const col0 = Number(cellAt.columnIndex ?? 0);
        const background = color(
          (body.tableCellStyle as { backgroundColor?: unknown } | undefined)?.backgroundColor,
        );
        for (let r = row0; r < row0 + (where.rowSpan ?? 1); r++) {
          for (let c = col0; c < col0 + (where.columnSpan ?? 1); c++) {
            const cell = table.node.rows[r]?.cells[c];
            if (!cell) throw fail('The table range is outside the table.');
            cell.attributes.BACKGROUND_COLOR = background;
          }
        }
        return;
      }
      case 'pinTableHeaderRows': {
        const start = (body.tableStartLocation as { index?: number } | undefined)?.index;
        const table = tables.find((t) => t.start === start);
        if (!table) throw fail('Invalid requests: no table starts at the given index.');
        const count = body.pinnedHeaderRowsCount;
        if (!Number.isInteger(count) || (count as number) < 0 || (count as number) > table.node.rows.length) {
          throw fail('Invalid pinnedHeaderRowsCount.');
        }
        table.node.attributes.PINNED_HEADER_ROWS = count;
        return;
      }
      case 'createParagraphBullets':
        for (const { span } of touched(spans, range(body.range))) {
          if (!span.paragraph) throw unmodelled('une puce dans un tableau');
          // The API turns leading tabs into nesting levels and removes them: not used, not modelled.
          if (span.text.text.startsWith('\t')) throw unmodelled('une puce devant une tabulation');
          span.paragraph.type = 'LIST_ITEM';
          span.paragraph.glyphType = 'BULLET';
        }
        return;
      default:
        throw unmodelled(`la requête ${kind}`);
    }
  }

  const documents = ctx.surface('Docs.Documents', {
    get: (id: unknown) => {
      const doc = documentOf(id, 'Docs.Documents.get');
      return { documentId: doc.id, title: doc.name, body: { content: layout(doc).content } };
    },
    batchUpdate: (resource: unknown, id: unknown) => {
      const doc = documentOf(id, 'Docs.Documents.batchUpdate');
      const requests = (resource as { requests?: unknown } | null)?.requests;
      if (!Array.isArray(requests)) throw fail('Invalid JSON payload: requests must be a list.');
      // All or nothing, as the API: the requests apply to a copy that replaces the document once all pass.
      const copy: DocumentModel = structuredClone(doc);
      for (const r of requests) apply(copy, r as Record<string, unknown>);
      doc.children.splice(0, doc.children.length, ...copy.children);
      return { documentId: doc.id, replies: requests.map(() => ({})) };
    },
  });
  return ctx.surface('Docs', { Documents: documents });
}
