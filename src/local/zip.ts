/**
 * Zip archives (.xlsx and .docx are zips) read and written with node:zlib alone: the parts of a
 * workbook are read one at a time, without loading a zip library's model of the whole archive.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  /** The uncompressed size and CRC-32, as the central directory records them. */
  size: number;
  crc: number;
  localHeader: number;
}

/** The entries of a zip archive, read from its central directory; none when it has none. */
export function zipEntries(data: Buffer): ZipEntry[] {
  const end = findEndOfCentralDirectory(data);
  if (end < 0) return [];
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count && offset + 46 <= data.length; i++) {
    if (data.readUInt32LE(offset) !== 0x02014b50) break;
    const nameLength = data.readUInt16LE(offset + 28);
    entries.push({
      name: data.toString('utf8', offset + 46, offset + 46 + nameLength),
      method: data.readUInt16LE(offset + 10),
      compressedSize: data.readUInt32LE(offset + 20),
      size: data.readUInt32LE(offset + 24),
      crc: data.readUInt32LE(offset + 16),
      localHeader: data.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return entries;
}

export function zipEntryNames(data: Buffer): string[] {
  return zipEntries(data).map((e) => e.name);
}

/** The bytes of one entry; throws (zlib's error) when they cannot be inflated. */
export function entryBytes(data: Buffer, entry: ZipEntry): Buffer {
  const raw = storedBytes(data, entry);
  if (entry.method === 0) return raw;
  if (entry.method !== 8) throw new Error(`compression ${entry.method}`);
  return inflateRawSync(raw);
}

/** An entry's bytes as the archive stores them (compressed or not). */
function storedBytes(data: Buffer, entry: ZipEntry): Buffer {
  const local = entry.localHeader;
  const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
  return data.subarray(start, start + entry.compressedSize);
}

/** An entry of another archive, to be written again as it is stored there, without inflating it. */
export interface CopiedEntry {
  from: Buffer;
  entry: ZipEntry;
}

export function entryText(data: Buffer, entry: ZipEntry): string {
  return entryBytes(data, entry).toString('utf8');
}

function findEndOfCentralDirectory(data: Buffer): number {
  const earliest = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= earliest; i--) if (data.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * A zip archive of the given parts, in the given order: deflated, or stored when only read back here;
 * a part copied from another archive keeps its stored bytes, compressed as they were.
 */
export function writeZip(parts: Iterable<[string, Buffer | string | CopiedEntry]>, store = false): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const [name, content] of parts) {
    const { method, crc, size, packed } = packedPart(content, store);
    const nameBytes = Buffer.from(name, 'utf8');
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(method, 8);
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(packed.length, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    header.copy(entry, 6, 4, 30); // the local header's fields, from « version needed » to the name length
    entry.writeUInt32LE(offset, 42);
    chunks.push(header, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
    count++;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, directory, end]);
}

function packedPart(content: Buffer | string | CopiedEntry, store: boolean) {
  if (typeof content !== 'string' && !Buffer.isBuffer(content)) {
    const { from, entry } = content;
    return { method: entry.method, crc: entry.crc, size: entry.size, packed: storedBytes(from, entry) };
  }
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return {
    method: store ? 0 : 8,
    crc: crc32(bytes),
    size: bytes.length,
    packed: store ? bytes : deflateRawSync(bytes),
  };
}
