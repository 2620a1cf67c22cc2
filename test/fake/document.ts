// DocumentApp: documents made of paragraphs, list items, tables, page breaks, rules and images.

import { type BlobModel, createBlob } from './blob';
import { assertInt, assertString, type FakeContext, internalOf } from './core';
import {
  Attribute,
  ElementType,
  GlyphType,
  HorizontalAlignment,
  ParagraphHeading,
  VerticalAlignment,
} from './enums';

/** A style applied to the characters start..end (inclusive), e.g. { attribute: 'BOLD', value: true }. */
export interface StyleOp {
  start: number;
  end: number;
  attribute: string;
  value: unknown;
}

export interface TextModel {
  text: string;
  styles: StyleOp[];
}

export interface ParagraphNode {
  type: 'PARAGRAPH' | 'LIST_ITEM';
  text: TextModel;
  heading: string;
  alignment: string | null;
  attributes: Record<string, unknown>;
  glyphType: string | null;
  nestingLevel: number;
}

export interface CellNode {
  text: TextModel;
  attributes: Record<string, unknown>;
}

export interface RowNode {
  cells: CellNode[];
  attributes: Record<string, unknown>;
  /** Styles applied through TableRow.editAsText(), offsets in the row text (cells joined by tabs). */
  styles: StyleOp[];
}

export interface TableNode {
  type: 'TABLE';
  rows: RowNode[];
  attributes: Record<string, unknown>;
  columnWidths: Record<number, number>;
}

export interface ImageNode {
  type: 'INLINE_IMAGE';
  blob: BlobModel;
  attributes: Record<string, unknown>;
}

export type BodyChild = ParagraphNode | TableNode | ImageNode | { type: 'PAGE_BREAK' | 'HORIZONTAL_RULE' };

export interface DocumentModel {
  id: string;
  name: string;
  closed: boolean;
  children: BodyChild[];
  attributes: Record<string, unknown>;
  bodyStyles: StyleOp[];
}

export type OutlineEntry =
  | { type: 'PARAGRAPH'; heading: string; text: string }
  | { type: 'LIST_ITEM'; text: string }
  | { type: 'TABLE'; rows: string[][] }
  | { type: 'PAGE_BREAK' | 'HORIZONTAL_RULE' | 'INLINE_IMAGE' };

/** Test-side view of a document created through DocumentApp.create (never reachable from the script). */
export interface FakeDocument {
  readonly id: string;
  readonly name: string;
  readonly closed: boolean;
  /** Body children in order; a new document starts with one empty paragraph, as in Google Docs. */
  outline(): OutlineEntry[];
  /** Deep plain copy of everything recorded: attributes, text styles, list glyphs, table cells, images. */
  inspect(): unknown;
  text(): string;
}

export const newParagraph = (type: ParagraphNode['type'], text: string): ParagraphNode => ({
  type,
  text: { text, styles: [] },
  heading: 'NORMAL',
  alignment: null,
  attributes: {},
  glyphType: type === 'LIST_ITEM' ? 'BULLET' : null,
  nestingLevel: 0,
});

const isParagraph = (node: BodyChild): node is ParagraphNode =>
  node.type === 'PARAGRAPH' || node.type === 'LIST_ITEM';

function nodeText(node: BodyChild): string {
  if (isParagraph(node)) return node.text.text;
  if (node.type === 'TABLE')
    return node.rows.map((r) => r.cells.map((c) => c.text.text).join('\t')).join('\n');
  return '';
}

function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bytes.length >= 24 ? [view.getUint32(16), view.getUint32(20)] : [0, 0];
}

const DOCUMENT_DEFAULTS: Record<string, number> = {
  MARGIN_TOP: 72,
  MARGIN_BOTTOM: 72,
  MARGIN_LEFT: 72,
  MARGIN_RIGHT: 72,
  PAGE_WIDTH: 612,
  PAGE_HEIGHT: 792,
};

/** `models` is shared with the Docs advanced service (docs-api.ts), which edits the same documents. */
export function createDocumentApp(
  ctx: FakeContext,
  documents: FakeDocument[],
  models = new Map<string, DocumentModel>(),
): object {
  const surfaces = new WeakMap<object, object>();
  const cached = (node: object, make: () => object) => {
    let s = surfaces.get(node);
    if (!s) {
      s = make();
      surfaces.set(node, s);
    }
    return s;
  };

  const checkAttributes = (attrs: unknown, where: string): Record<string, unknown> => {
    if (typeof attrs !== 'object' || attrs === null)
      throw ctx.exception(`Invalid argument: attributes (${where})`);
    for (const key of Object.keys(attrs)) {
      if (!(key in Attribute)) throw ctx.fakeError(`${where}: attribut inconnu ${key}`);
    }
    return { ...attrs };
  };
  const enumValue = (value: unknown, values: object, where: string) => {
    const v = assertString(ctx, value, where);
    if (!(v in values)) throw ctx.exception(`Invalid argument: ${v} (${where})`);
    return v;
  };
  const childIndex = (i: unknown, count: number, where: string) => {
    const index = assertInt(ctx, i, where);
    if (index < 0 || index >= count) {
      throw ctx.exception(
        `Child index (${index}) must be less than the number of child elements (${count}).`,
      );
    }
    return index;
  };

  function documentSurfaces(doc: DocumentModel) {
    const guard = () => {
      if (doc.closed) throw ctx.exception('Document is closed, its contents cannot be updated.');
    };
    const surface = <T extends object>(className: string, members: T, internal?: unknown) =>
      ctx.surface(className, members, { guard, internal });

    /** A Text over target's characters from base: all of them, or fixedLength of them (Paragraph.appendText). */
    function text(target: TextModel, base = 0, fixedLength?: number): object {
      let segment = fixedLength;
      const length = () => segment ?? target.text.length - base;
      const span = (args: unknown[], where: string): [number, number, unknown] => {
        if (args.length < 3) return [base, base + length() - 1, args[0]];
        const start = assertInt(ctx, args[0], where);
        const end = assertInt(ctx, args[1], where);
        if (start < 0 || end < start || end >= length()) {
          throw ctx.exception(`Index (${end}) must be less than the content length (${length()}).`);
        }
        return [base + start, base + end, args[2]];
      };
      const style =
        (attribute: string, where: string) =>
        (...args: unknown[]) => {
          const [start, end, value] = span(args, where);
          if (end >= start) target.styles.push({ start, end, attribute, value });
          return self;
        };
      const read =
        (attribute: string) =>
        (offset?: unknown): unknown => {
          const at = base + (offset === undefined ? 0 : assertInt(ctx, offset, `Text.${attribute}`));
          const ops = target.styles.filter((s) => s.attribute === attribute && s.start <= at && s.end >= at);
          return ops[ops.length - 1]?.value ?? null;
        };
      const self: object = surface('Text', {
        getType: () => ElementType.TEXT,
        getText: () => target.text.slice(base, base + length()),
        setText: (t: unknown) => {
          const value = assertString(ctx, t, 'Text.setText');
          const after = segment === undefined ? '' : target.text.slice(base + segment);
          target.text = target.text.slice(0, base) + value + after;
          if (segment === undefined && base === 0) target.styles = [];
          else segment = value.length;
          return self;
        },
        appendText: (t: unknown) => {
          const value = assertString(ctx, t, 'Text.appendText');
          if (segment === undefined) target.text += value;
          else {
            target.text = target.text.slice(0, base + segment) + value + target.text.slice(base + segment);
            segment += value.length;
          }
          return self;
        },
        setBold: style('BOLD', 'Text.setBold'),
        setItalic: style('ITALIC', 'Text.setItalic'),
        setUnderline: style('UNDERLINE', 'Text.setUnderline'),
        setStrikethrough: style('STRIKETHROUGH', 'Text.setStrikethrough'),
        setFontSize: style('FONT_SIZE', 'Text.setFontSize'),
        setFontFamily: style('FONT_FAMILY', 'Text.setFontFamily'),
        setForegroundColor: style('FOREGROUND_COLOR', 'Text.setForegroundColor'),
        setBackgroundColor: style('BACKGROUND_COLOR', 'Text.setBackgroundColor'),
        setLinkUrl: style('LINK_URL', 'Text.setLinkUrl'),
        setAttributes: (...args: unknown[]) => {
          const [start, end, attrs] = span(args, 'Text.setAttributes');
          for (const [attribute, value] of Object.entries(checkAttributes(attrs, 'Text.setAttributes'))) {
            if (end >= start) target.styles.push({ start, end, attribute, value });
          }
          return self;
        },
        isBold: read('BOLD'),
        isItalic: read('ITALIC'),
        getFontSize: read('FONT_SIZE'),
        getForegroundColor: read('FOREGROUND_COLOR'),
        getLinkUrl: read('LINK_URL'),
      });
      return self;
    }

    function paragraph(node: ParagraphNode): object {
      const isItem = node.type === 'LIST_ITEM';
      const set = (fn: () => void) => {
        fn();
        return self;
      };
      const attribute = (key: string) => ({
        [`set${key}`]: (v: unknown) =>
          set(() => {
            node.attributes[camelToAttribute(key)] = v;
          }),
        [`get${key}`]: () => node.attributes[camelToAttribute(key)] ?? null,
      });
      const members: Record<string, (...args: never[]) => unknown> = {
        getType: () => node.type,
        getText: () => node.text.text,
        setText: (t: unknown) =>
          set(() => {
            node.text.text = assertString(ctx, t, 'Paragraph.setText');
            node.text.styles = [];
          }),
        appendText: (t: unknown) => {
          const start = node.text.text.length;
          const added = assertString(ctx, t, 'Paragraph.appendText');
          node.text.text += added;
          return text(node.text, start, added.length);
        },
        editAsText: () => text(node.text),
        getHeading: () => node.heading,
        setHeading: (h: unknown) =>
          set(() => {
            node.heading = enumValue(h, ParagraphHeading, 'Paragraph.setHeading');
          }),
        getAlignment: () => node.alignment,
        setAlignment: (a: unknown) =>
          set(() => {
            node.alignment = enumValue(a, HorizontalAlignment, 'Paragraph.setAlignment');
          }),
        getAttributes: () => ({
          ...node.attributes,
          HEADING: node.heading,
          HORIZONTAL_ALIGNMENT: node.alignment,
        }),
        setAttributes: (attrs: unknown) =>
          set(() => {
            const checked = checkAttributes(attrs, 'Paragraph.setAttributes');
            if (typeof checked.HEADING === 'string') node.heading = checked.HEADING;
            Object.assign(node.attributes, checked);
          }),
        setLinkUrl: (url: unknown) => set(() => pushWhole(node.text, 'LINK_URL', url)),
        getParent: () => body(),
        removeFromParent: () => removeChild(node),
        ...attribute('SpacingBefore'),
        ...attribute('SpacingAfter'),
        ...attribute('LineSpacing'),
        ...attribute('IndentStart'),
        ...attribute('IndentEnd'),
        ...attribute('IndentFirstLine'),
        ...attribute('LeftToRight'),
      };
      if (isItem) {
        Object.assign(members, {
          getGlyphType: () => node.glyphType,
          setGlyphType: (g: unknown) =>
            set(() => {
              node.glyphType = enumValue(g, GlyphType, 'ListItem.setGlyphType');
            }),
          getNestingLevel: () => node.nestingLevel,
          setNestingLevel: (n: unknown) =>
            set(() => {
              const level = assertInt(ctx, n, 'ListItem.setNestingLevel');
              if (level < 0 || level > 8) throw ctx.exception(`Invalid nesting level: ${level}`);
              node.nestingLevel = level;
            }),
        });
      }
      const self: object = surface(isItem ? 'ListItem' : 'Paragraph', members, node);
      return self;
    }

    function pushWhole(target: TextModel, attribute: string, value: unknown): void {
      if (target.text.length > 0)
        target.styles.push({ start: 0, end: target.text.length - 1, attribute, value });
    }

    function attributeMembers(
      attrs: Record<string, unknown>,
      self: () => object,
      keys: Record<string, string>,
    ) {
      const members: Record<string, (v?: unknown) => unknown> = {
        getAttributes: () => ({ ...attrs }),
        setAttributes: (v) => {
          Object.assign(attrs, checkAttributes(v, 'setAttributes'));
          return self();
        },
      };
      for (const [name, attribute] of Object.entries(keys)) {
        members[`set${name}`] = (v) => {
          attrs[attribute] = v;
          return self();
        };
        members[`get${name}`] = () => attrs[attribute] ?? null;
      }
      return members;
    }

    function cell(node: CellNode, row: RowNode): object {
      const self: object = surface('TableCell', {
        getType: () => ElementType.TABLE_CELL,
        getText: () => node.text.text,
        setText: (t: unknown) => {
          node.text.text = assertString(ctx, t, 'TableCell.setText');
          node.text.styles = [];
          return self;
        },
        editAsText: () => text(node.text),
        getParentRow: () => tableRow(row),
        setVerticalAlignment: (a: unknown) => {
          node.attributes.VERTICAL_ALIGNMENT = enumValue(
            a,
            VerticalAlignment,
            'TableCell.setVerticalAlignment',
          );
          return self;
        },
        getVerticalAlignment: () => node.attributes.VERTICAL_ALIGNMENT ?? null,
        ...attributeMembers(node.attributes, () => self, {
          BackgroundColor: 'BACKGROUND_COLOR',
          PaddingTop: 'PADDING_TOP',
          PaddingBottom: 'PADDING_BOTTOM',
          PaddingLeft: 'PADDING_LEFT',
          PaddingRight: 'PADDING_RIGHT',
          Width: 'WIDTH',
        }),
      });
      return self;
    }

    function tableRow(node: RowNode): object {
      return cached(node, () => {
        const rowText: TextModel = {
          get text() {
            return node.cells.map((c) => c.text.text).join('\t');
          },
          set text(_value: string) {
            throw ctx.fakeError("TableRow.editAsText().setText n'est pas pris en charge");
          },
          styles: node.styles,
        };
        const self: object = surface('TableRow', {
          getType: () => ElementType.TABLE_ROW,
          getNumCells: () => node.cells.length,
          getCell: (j: unknown) => {
            const c = node.cells[childIndex(j, node.cells.length, 'TableRow.getCell')] as CellNode;
            return cached(c, () => cell(c, node));
          },
          appendTableCell: (t: unknown = '') => {
            const c: CellNode = {
              text: { text: assertString(ctx, t, 'TableRow.appendTableCell'), styles: [] },
              attributes: {},
            };
            node.cells.push(c);
            return cached(c, () => cell(c, node));
          },
          getText: () => rowText.text,
          editAsText: () => text(rowText),
          ...attributeMembers(node.attributes, () => self, { MinimumHeight: 'MINIMUM_HEIGHT' }),
        });
        return self;
      });
    }

    function table(node: TableNode): object {
      const self: object = surface(
        'Table',
        {
          getType: () => ElementType.TABLE,
          getNumRows: () => node.rows.length,
          getRow: (i: unknown) =>
            tableRow(node.rows[childIndex(i, node.rows.length, 'Table.getRow')] as RowNode),
          getCell: (i: unknown, j: unknown) => {
            const row = node.rows[childIndex(i, node.rows.length, 'Table.getCell')] as RowNode;
            const c = row.cells[childIndex(j, row.cells.length, 'Table.getCell')] as CellNode;
            return cached(c, () => cell(c, row));
          },
          appendTableRow: () => {
            const row: RowNode = { cells: [], attributes: {}, styles: [] };
            node.rows.push(row);
            return tableRow(row);
          },
          removeRow: (i: unknown) => {
            const [row] = node.rows.splice(childIndex(i, node.rows.length, 'Table.removeRow'), 1);
            return tableRow(row as RowNode);
          },
          setColumnWidth: (col: unknown, width: unknown) => {
            node.columnWidths[assertInt(ctx, col, 'Table.setColumnWidth')] = Number(width);
            return self;
          },
          getColumnWidth: (col: unknown) =>
            node.columnWidths[assertInt(ctx, col, 'Table.getColumnWidth')] ?? null,
          getText: () => nodeText(node),
          getParent: () => body(),
          removeFromParent: () => removeChild(node),
          ...attributeMembers(node.attributes, () => self, {
            BorderColor: 'BORDER_COLOR',
            BorderWidth: 'BORDER_WIDTH',
          }),
        },
        node,
      );
      return self;
    }

    function image(node: ImageNode): object {
      const self: object = surface('InlineImage', {
        getType: () => ElementType.INLINE_IMAGE,
        getBlob: () => createBlob(ctx, { ...node.blob, bytes: node.blob.bytes.slice() }),
        getParent: () => body(),
        removeFromParent: () => removeChild(node),
        ...attributeMembers(node.attributes, () => self, {
          Width: 'WIDTH',
          Height: 'HEIGHT',
          AltTitle: 'ALT_TITLE',
          AltDescription: 'ALT_DESCRIPTION',
          LinkUrl: 'LINK_URL',
        }),
      });
      return self;
    }

    function element(node: BodyChild): object {
      return cached(node, () => {
        if (isParagraph(node)) return paragraph(node);
        if (node.type === 'TABLE') return table(node);
        if (node.type === 'INLINE_IMAGE') return image(node);
        const className = node.type === 'PAGE_BREAK' ? 'PageBreak' : 'HorizontalRule';
        return surface(className, {
          getType: () => node.type,
          getParent: () => body(),
          removeFromParent: () => removeChild(node),
        });
      });
    }

    function removeChild(node: BodyChild): object {
      const index = doc.children.indexOf(node);
      if (index < 0) throw ctx.exception('Element does not contain the specified child element.');
      if (isParagraph(node) && index === doc.children.length - 1) {
        throw ctx.exception("Can't remove the last paragraph in a document section.");
      }
      doc.children.splice(index, 1);
      return element(node);
    }

    function insert(node: BodyChild, index = doc.children.length): object {
      if (index < 0 || index > doc.children.length) throw ctx.exception(`Invalid child index: ${index}`);
      doc.children.splice(index, 0, node);
      return element(node);
    }

    function tableCells(cells: unknown): RowNode[] {
      if (cells === undefined) return [];
      const ok =
        Array.isArray(cells) && cells.every((r) => Array.isArray(r) && r.every((c) => typeof c === 'string'));
      if (!ok)
        throw ctx.exception(
          "The parameters don't match the method signature for DocumentApp.Body.appendTable.",
        );
      const rows = cells as string[][];
      if (rows.length === 0) throw ctx.exception('A table needs at least one row.');
      if (rows.some((r) => r.length !== rows[0]?.length)) {
        throw ctx.exception(
          'Invalid argument: cells (every row of a table must have the same number of cells).',
        );
      }
      return rows.map((r) => ({
        cells: r.map((t) => ({ text: { text: t, styles: [] }, attributes: {} })),
        attributes: {},
        styles: [],
      }));
    }

    const bodyText: TextModel = {
      get text() {
        return doc.children.map(nodeText).join('\n');
      },
      set text(value: string) {
        doc.children.splice(0, doc.children.length, newParagraph('PARAGRAPH', value));
      },
      get styles() {
        return doc.bodyStyles;
      },
      set styles(value: StyleOp[]) {
        doc.bodyStyles = value;
      },
    };

    // Chart images come out at the chart's dimensions, other images at their PNG header size.
    const imageNode = (blob: unknown, where: string): ImageNode => {
      const model = internalOf<BlobModel>(ctx, blob, 'Blob', where);
      const [pngWidth, pngHeight] = pngSize(model.bytes);
      return {
        type: 'INLINE_IMAGE',
        blob: { ...model, bytes: model.bytes.slice() },
        attributes: {
          WIDTH: model.chartSpec?.width ?? pngWidth,
          HEIGHT: model.chartSpec?.height ?? pngHeight,
        },
      };
    };
    const paragraphText = (t: unknown, where: string) => assertString(ctx, t, where);

    const body = (): object =>
      cached(doc, () => {
        const self: object = surface('Body', {
          getType: () => ElementType.BODY_SECTION,
          appendParagraph: (t: unknown) =>
            insert(newParagraph('PARAGRAPH', paragraphText(t, 'Body.appendParagraph'))),
          insertParagraph: (i: unknown, t: unknown) =>
            insert(
              newParagraph('PARAGRAPH', paragraphText(t, 'Body.insertParagraph')),
              assertInt(ctx, i, 'insertParagraph'),
            ),
          appendListItem: (t: unknown) =>
            insert(newParagraph('LIST_ITEM', paragraphText(t, 'Body.appendListItem'))),
          insertListItem: (i: unknown, t: unknown) =>
            insert(
              newParagraph('LIST_ITEM', paragraphText(t, 'Body.insertListItem')),
              assertInt(ctx, i, 'insertListItem'),
            ),
          appendTable: (cells?: unknown) =>
            insert({ type: 'TABLE', rows: tableCells(cells), attributes: {}, columnWidths: {} }),
          insertTable: (i: unknown, cells?: unknown) =>
            insert(
              { type: 'TABLE', rows: tableCells(cells), attributes: {}, columnWidths: {} },
              assertInt(ctx, i, 'Body.insertTable'),
            ),
          appendPageBreak: () => insert({ type: 'PAGE_BREAK' }),
          appendHorizontalRule: () => insert({ type: 'HORIZONTAL_RULE' }),
          appendImage: (blob: unknown) => insert(imageNode(blob, 'Body.appendImage')),
          insertImage: (i: unknown, blob: unknown) =>
            insert(imageNode(blob, 'Body.insertImage'), assertInt(ctx, i, 'Body.insertImage')),
          getNumChildren: () => doc.children.length,
          getChild: (i: unknown) =>
            element(doc.children[childIndex(i, doc.children.length, 'Body.getChild')] as BodyChild),
          getChildIndex: (child: unknown) => doc.children.findIndex((n) => surfaces.get(n) === child),
          removeChild: (child: unknown) => {
            const node = doc.children.find((n) => surfaces.get(n) === child);
            if (!node) throw ctx.exception('Element does not contain the specified child element.');
            return removeChild(node);
          },
          // Like Apps Script, getParagraphs includes list items.
          getParagraphs: () => doc.children.filter(isParagraph).map(element),
          getListItems: () => doc.children.filter((n) => n.type === 'LIST_ITEM').map(element),
          getTables: () => doc.children.filter((n) => n.type === 'TABLE').map(element),
          getText: () => bodyText.text,
          editAsText: () => text(bodyText),
          clear: () => {
            doc.children.splice(0, doc.children.length, newParagraph('PARAGRAPH', ''));
            return self;
          },
          replaceText: (pattern: unknown, replacement: unknown) => {
            const re = new RegExp(assertString(ctx, pattern, 'Body.replaceText'), 'g');
            const by = assertString(ctx, replacement, 'Body.replaceText');
            for (const t of textsOf(doc)) t.text = t.text.replace(re, by);
            return self;
          },
          ...attributeMembers(doc.attributes, () => self, {
            MarginTop: 'MARGIN_TOP',
            MarginBottom: 'MARGIN_BOTTOM',
            MarginLeft: 'MARGIN_LEFT',
            MarginRight: 'MARGIN_RIGHT',
            PageWidth: 'PAGE_WIDTH',
            PageHeight: 'PAGE_HEIGHT',
          }),
        });
        return self;
      });

    return { body };
  }

  function textsOf(doc: DocumentModel): TextModel[] {
    return doc.children.flatMap((n) => {
      if (isParagraph(n)) return [n.text];
      if (n.type === 'TABLE') return n.rows.flatMap((r) => r.cells.map((c) => c.text));
      return [];
    });
  }

  function documentSurface(doc: DocumentModel): object {
    const { body } = documentSurfaces(doc);
    const readable = new Set(['getId', 'getName', 'getUrl']);
    const self: object = ctx.surface(
      'Document',
      {
        getId: () => doc.id,
        getName: () => doc.name,
        setName: (n: unknown) => {
          doc.name = assertString(ctx, n, 'Document.setName');
          return self;
        },
        getUrl: () => `https://docs.google.com/document/d/${doc.id}/edit`,
        getBody: body,
        saveAndClose: () => {
          doc.closed = true;
        },
      },
      {
        internal: doc,
        guard: (method) => {
          if (doc.closed && !readable.has(method)) {
            throw ctx.exception('Document is closed, its contents cannot be updated.');
          }
        },
      },
    );
    return self;
  }

  function create(name: unknown): object {
    ctx.requireAuth('FULL', 'DocumentApp.create');
    const doc: DocumentModel = {
      id: ctx.nextId('fake-document-'),
      name: assertString(ctx, name, 'DocumentApp.create'),
      closed: false,
      children: [newParagraph('PARAGRAPH', '')],
      attributes: { ...DOCUMENT_DEFAULTS },
      bodyStyles: [],
    };
    models.set(doc.id, doc);
    documents.push(fakeDocument(doc));
    return documentSurface(doc);
  }

  function open(id: string): object {
    ctx.requireAuth('FULL', 'DocumentApp.openById');
    const doc = models.get(id);
    if (!doc)
      throw ctx.exception(
        `No item with the given ID could be found, or you do not have permission to access it.`,
      );
    doc.closed = false;
    return documentSurface(doc);
  }

  return ctx.surface('DocumentApp', {
    ParagraphHeading,
    HorizontalAlignment,
    VerticalAlignment,
    GlyphType,
    Attribute,
    ElementType,
    create,
    openById: (id: unknown) => open(assertString(ctx, id, 'DocumentApp.openById')),
    openByUrl: (url: unknown) => {
      const m = /\/document\/d\/([^/]+)/.exec(assertString(ctx, url, 'DocumentApp.openByUrl'));
      return open(m?.[1] ?? '');
    },
  });
}

function camelToAttribute(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
}

function fakeDocument(doc: DocumentModel): FakeDocument {
  return {
    get id() {
      return doc.id;
    },
    get name() {
      return doc.name;
    },
    get closed() {
      return doc.closed;
    },
    outline: () => doc.children.map(outlineEntry),
    inspect: () => inspectDocument(doc),
    text: () => doc.children.map(nodeText).join('\n'),
  };
}

function outlineEntry(node: BodyChild): OutlineEntry {
  if (node.type === 'PARAGRAPH') return { type: node.type, heading: node.heading, text: node.text.text };
  if (node.type === 'LIST_ITEM') return { type: node.type, text: node.text.text };
  if (node.type === 'TABLE')
    return { type: node.type, rows: node.rows.map((r) => r.cells.map((c) => c.text.text)) };
  return { type: node.type };
}

function inspectDocument(doc: DocumentModel): unknown {
  const copyText = (t: TextModel) => ({ text: t.text, styles: t.styles.map((s) => ({ ...s })) });
  const child = (node: BodyChild): unknown => {
    if (isParagraph(node))
      return {
        ...node,
        text: node.text.text,
        styles: copyText(node.text).styles,
        attributes: { ...node.attributes },
      };
    if (node.type === 'TABLE') {
      return {
        type: node.type,
        attributes: { ...node.attributes },
        columnWidths: { ...node.columnWidths },
        rows: node.rows.map((r) => ({
          attributes: { ...r.attributes },
          styles: r.styles.map((st) => ({ ...st })),
          cells: r.cells.map((c) => ({ ...copyText(c.text), attributes: { ...c.attributes } })),
        })),
      };
    }
    if (node.type === 'INLINE_IMAGE') {
      const { bytes, ...blob } = node.blob;
      return {
        type: node.type,
        attributes: { ...node.attributes },
        blob: { ...blob, byteLength: bytes.length },
      };
    }
    return { type: node.type };
  };
  return {
    id: doc.id,
    name: doc.name,
    closed: doc.closed,
    attributes: { ...doc.attributes },
    bodyStyles: doc.bodyStyles.map((s) => ({ ...s })),
    children: doc.children.map(child),
  };
}
