/**
 * An .xlsx file's bytes as the package src/files reads (xlsx-package.ts, xlsx-grids.ts), unzipped part by
 * part with Node's zlib: a large workbook's sheets are inflated one at a time. The zip's entries are
 * kept, for exceljs to be handed the same package (exceljs-reading.ts).
 */
import { PartError, XlsxPackage } from '../files/xlsx-package';
import { entryBytes, type ZipEntry, zipEntries } from './zip';

export class XlsxArchive extends XlsxPackage {
  readonly entries: Map<string, ZipEntry>;

  constructor(readonly data: Buffer) {
    const entries = new Map(zipEntries(data).map((e) => [e.name.replace(/^\//, ''), e]));
    super({
      has: (path) => entries.has(path),
      text: (path) => entryBytes(data, entries.get(path)!).toString('utf8'),
    });
    this.entries = entries;
  }

  /** A part's bytes (throws a PartError naming it when they cannot be read). */
  bytes(path: string): Buffer {
    const entry = this.entries.get(path);
    if (!entry) throw new PartError(this.describe(path));
    try {
      return entryBytes(this.data, entry);
    } catch {
      throw new PartError(this.describe(path));
    }
  }
}
