/** Shared by the offline edition's tests: temporary folders and a captured command-line context. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { Workbook } from 'exceljs';
import type { CliContext } from '../src/local/commands';
import { readXlsx, type XlsxReading } from '../src/local/xlsx';

export interface Captured extends CliContext {
  out: () => string;
  err: () => string;
}

/** A context whose output is kept, at a fixed date, as user « agent.dsu ». */
export function captureContext(cwd: string, now = new Date(2008, 10, 20, 9, 30)): Captured {
  let out = '';
  let err = '';
  return {
    stdout: { write: (t: string) => (out += t), isTTY: false },
    stderr: { write: (t: string) => (err += t), isTTY: false },
    cwd,
    now: () => now,
    user: 'agent.dsu',
    out: () => out,
    err: () => err,
  };
}

export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `pilotage-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function openXlsx(path: string): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}

/** The grids of a file, or of an exceljs workbook once written, as the commands read them. */
export async function gridsOf(source: string | Buffer | Workbook): Promise<XlsxReading> {
  if (typeof source === 'string') return readXlsx(readFileSync(source), source);
  // exceljs's own writer, which leaves the workbook as it is (xlsxBuffer regroups its validations).
  const data = Buffer.isBuffer(source) ? source : Buffer.from(await source.xlsx.writeBuffer());
  return readXlsx(data, 'classeur.xlsx');
}

/** Column number (1-based) of a header in a sheet's first row. */
export function columnOf(workbook: Workbook, sheet: string, header: string): number {
  const row = workbook.getWorksheet(sheet)!.getRow(1);
  let found = 0;
  row.eachCell((cell, col) => {
    if (cell.text === header) found = col;
  });
  if (!found) throw new Error(`no header ${header} in ${sheet}`);
  return found;
}

/** The text of one entry of a zip archive (.docx, .xlsx), read with zlib. */
export function zipText(data: Buffer, name: string): string {
  let end = data.length - 22;
  while (end >= 0 && data.readUInt32LE(end) !== 0x06054b50) end--;
  const count = data.readUInt16LE(end + 10);
  let offset = data.readUInt32LE(end + 16);
  for (let i = 0; i < count; i++) {
    const nameLength = data.readUInt16LE(offset + 28);
    const entryName = data.toString('utf8', offset + 46, offset + 46 + nameLength);
    if (entryName === name) {
      const method = data.readUInt16LE(offset + 10);
      const size = data.readUInt32LE(offset + 20);
      const local = data.readUInt32LE(offset + 42);
      const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
      const raw = data.subarray(start, start + size);
      return (method === 0 ? raw : inflateRawSync(raw)).toString('utf8');
    }
    offset += 46 + nameLength + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  throw new Error(`no ${name} in the archive`);
}

/** The XML of a worksheet of an .xlsx, found by its name through the workbook's relationships. */
export function sheetXml(data: Buffer, name: string): string {
  const workbook = zipText(data, 'xl/workbook.xml');
  const escaped = name.replace(/&/g, '&amp;').replace(/'/g, '&apos;');
  const rid = new RegExp(`<sheet [^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(workbook)?.[1];
  const rels = zipText(data, 'xl/_rels/workbook.xml.rels');
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels);
  const path = (target?.[1] ?? target?.[2] ?? '').replace(/^\/?(xl\/)?/, 'xl/');
  return zipText(data, path);
}
