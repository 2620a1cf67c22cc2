/**
 * The report's .docx file: docx writes the parts, zlib zips them (docx would zip with fflate, in
 * JavaScript: several times slower, and it keeps more in memory). A large report's tables are drawn
 * one at a time into the document's XML, so that the objects and the XML of all of them are never
 * held at once.
 */
import { randomUUID } from 'node:crypto';
import { Document, Packer, Paragraph, type Table } from 'docx';
import { writeZip } from './zip';

const DOCUMENT_PART = 'word/document.xml';

/** The file of a document whose tables left apart are drawn in their places. */
export function packDocx<T>(document: Document, tablesApart: TablesApart<T>): Buffer {
  const parts = compileParts(document);
  const documentXml = parts.get(DOCUMENT_PART);
  if (typeof documentXml === 'string' && tablesApart.count > 0) {
    parts.set(DOCUMENT_PART, tablesApart.drawInto(documentXml));
  }
  return writeZip(
    [...parts].map(([name, data]): [string, Buffer | string] => [
      name,
      typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    ]),
  );
}

/** The parts of a document's package as docx writes them, before zipping (Packer's own compiler). */
function compileParts(document: Document): Map<string, string | Uint8Array> {
  const { compiler } = Packer as unknown as {
    compiler: { compile(file: Document): Map<string, string | Uint8Array> };
  };
  return compiler.compile(document);
}

/**
 * Tables kept out of the document until it is written: each stands as a marked paragraph, then is
 * built alone, written as XML and put in its marker's place. A long table is drawn in parts, each a
 * table of a few rows under the header row: only the first part's header row is kept.
 */
export class TablesApart<T> {
  private readonly tables: T[] = [];
  private readonly token = randomUUID();

  get count(): number {
    return this.tables.length;
  }

  constructor(private readonly draw: (block: T) => Iterable<Table>) {}

  placeholder(block: T): Paragraph {
    this.tables.push(block);
    return new Paragraph({ text: this.marker(this.tables.length - 1) });
  }

  /** The document's XML with its tables in place, as UTF-8 (half the size of a string in memory). */
  drawInto(documentXml: string): Buffer {
    const pieces: Buffer[] = [];
    let from = 0;
    this.tables.forEach((block, i) => {
      const at = documentXml.indexOf(this.marker(i), from);
      pieces.push(Buffer.from(documentXml.slice(from, documentXml.lastIndexOf('<w:p>', at))));
      this.drawTable(block, pieces);
      from = documentXml.indexOf('</w:p>', at) + '</w:p>'.length;
    });
    pieces.push(Buffer.from(documentXml.slice(from)));
    return Buffer.concat(pieces);
  }

  /** A table's XML, each part from a document that holds it alone. */
  private drawTable(block: T, pieces: Buffer[]): void {
    let first = true;
    for (const part of this.draw(block)) {
      const xml = compileParts(new Document({ sections: [{ children: [part] }] })).get(
        DOCUMENT_PART,
      ) as string;
      const rows = first
        ? xml.indexOf('<w:tbl>')
        : xml.indexOf('</w:tr>', xml.indexOf('<w:tbl>')) + '</w:tr>'.length;
      pieces.push(Buffer.from(xml.slice(rows, xml.lastIndexOf('</w:tbl>'))));
      first = false;
    }
    pieces.push(Buffer.from('</w:tbl>'));
  }

  private marker(index: number): string {
    return `tableau-${index}-${this.token}`;
  }
}
