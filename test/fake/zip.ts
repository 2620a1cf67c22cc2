// Utilities.unzip's reading of a zip archive, with Node's zlib: every entry but folders, by its path.

import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipPart {
  name: string;
  bytes: Uint8Array;
}

/**
 * The entries of an archive, from its central directory; null when the bytes hold no zip at all.
 * A damaged entry (unknown compression, bad deflate data, wrong CRC) throws, as Java's zip reader does.
 */
export function unzipParts(bytes: Uint8Array): ZipPart[] | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = data.length - 22;
  while (end >= 0 && data.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) return null;
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  const parts: ZipPart[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== 0x02014b50)
      throw new Error('central directory');
    const method = data.readUInt16LE(offset + 10);
    const crc = data.readUInt32LE(offset + 16);
    const size = data.readUInt32LE(offset + 20);
    const nameLength = data.readUInt16LE(offset + 28);
    const local = data.readUInt32LE(offset + 42);
    const name = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
    if (name.endsWith('/')) continue;
    if (local + 30 > data.length || data.readUInt32LE(local) !== 0x04034b50)
      throw new Error(`local header of ${name}`);
    const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
    const raw = data.subarray(start, start + size);
    if (method !== 0 && method !== 8) throw new Error(`compression ${method} of ${name}`);
    const content = method === 0 ? raw : inflateRawSync(raw);
    if (crc32(content) !== crc) throw new Error(`CRC of ${name}`);
    parts.push({ name, bytes: Uint8Array.from(content) });
  }
  return parts;
}
