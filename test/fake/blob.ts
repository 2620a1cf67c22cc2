// Utilities.newBlob / chart images: bytes with a content type and a name.

import { assertString, type FakeContext } from './core';

export interface ChartSpec {
  type: string;
  title: string | null;
  width: number | null;
  height: number | null;
  columns: { type: string; label: string }[];
  rows: unknown[][];
  options: Record<string, unknown>;
}

export interface BlobModel {
  bytes: Uint8Array;
  contentType: string | null;
  name: string | null;
  chartSpec?: ChartSpec;
}

/** Apps Script byte arrays are Java bytes: signed integers in -128..127. */
export function toSignedBytes(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}

export function bytesOf(ctx: FakeContext, data: unknown, method: string): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (Array.isArray(data) && data.every((b) => Number.isInteger(b) && b >= -128 && b <= 255)) {
    return Uint8Array.from(data as number[], (b) => b & 0xff);
  }
  throw ctx.exception(`The parameters don't match the method signature for ${method}.`);
}

export function createBlob(ctx: FakeContext, model: BlobModel): object {
  const blob: object = ctx.surface(
    'Blob',
    {
      getBytes: () => toSignedBytes(model.bytes),
      setBytes: (data: unknown) => {
        model.bytes = bytesOf(ctx, data, 'Blob.setBytes');
        return blob;
      },
      getDataAsString: (charset?: unknown) => {
        const name = charset === undefined ? 'UTF-8' : assertString(ctx, charset, 'Blob.getDataAsString');
        let decoder: TextDecoder;
        try {
          decoder = new TextDecoder(name);
        } catch {
          throw ctx.exception(`Unsupported charset: ${name}`);
        }
        return decoder.decode(model.bytes);
      },
      setDataFromString: (text: unknown) => {
        model.bytes = new TextEncoder().encode(assertString(ctx, text, 'Blob.setDataFromString'));
        return blob;
      },
      getContentType: () => model.contentType,
      setContentType: (type: unknown) => {
        model.contentType = assertString(ctx, type, 'Blob.setContentType');
        return blob;
      },
      getName: () => model.name,
      setName: (name: unknown) => {
        model.name = assertString(ctx, name, 'Blob.setName');
        return blob;
      },
      // No real conversion: the bytes are kept, only the declared type changes.
      getAs: (type: unknown) =>
        createBlob(ctx, {
          ...model,
          bytes: model.bytes.slice(),
          contentType: assertString(ctx, type, 'Blob.getAs'),
        }),
      copyBlob: () => createBlob(ctx, { ...model, bytes: model.bytes.slice() }),
      isGoogleType: () => false,
      ...(model.chartSpec ? { chartSpec: model.chartSpec } : {}),
    },
    { internal: model },
  );
  return blob;
}

const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

export function tinyPng(): Uint8Array {
  return Uint8Array.from(Buffer.from(PNG_1X1, 'base64'));
}
