/**
 * Files on disk: reading a workbook with clear French errors, recognising what a file really is, and
 * writing outputs atomically (a temporary file in the same folder, then a rename) so that a failed
 * command never leaves a half-written workbook or report behind.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { CliError, fileError } from './errors';

export type FileKind = 'xlsx' | 'ods' | 'xls' | 'zip' | 'empty' | 'other';

/** What a file is, from its first bytes and, for a zip, the parts it holds. */
export function sniffFormat(data: Buffer): FileKind {
  if (data.length === 0) return 'empty';
  if (data.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return 'xls';
  if (data.readUInt32LE(0) !== 0x04034b50) return 'other';
  const names = zipEntryNames(data);
  if (names.includes('xl/workbook.xml')) return 'xlsx';
  if (names.includes('mimetype') && data.includes('application/vnd.oasis.opendocument.spreadsheet'))
    return 'ods';
  return 'zip';
}

interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  localHeader: number;
}

/** The entries of a zip archive, read from its central directory. */
function zipEntries(data: Buffer): ZipEntry[] {
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
      localHeader: data.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + data.readUInt16LE(offset + 30) + data.readUInt16LE(offset + 32);
  }
  return entries;
}

export function zipEntryNames(data: Buffer): string[] {
  return zipEntries(data).map((e) => e.name);
}

function entryText(data: Buffer, entry: ZipEntry): string {
  const local = entry.localHeader;
  const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
  const raw = data.subarray(start, start + entry.compressedSize);
  return (entry.method === 0 ? raw : inflateRawSync(raw)).toString('utf8');
}

function findEndOfCentralDirectory(data: Buffer): number {
  const earliest = Math.max(0, data.length - 22 - 0xffff);
  for (let i = data.length - 22; i >= earliest; i--) if (data.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}

/**
 * Parts of an .xlsx that the writer (exceljs) does not carry over: rewriting such a workbook would
 * silently drop them, so `valider` refuses to write into it.
 */
const PARTS_LOST_ON_WRITE: { pattern: RegExp; what: string }[] = [
  { pattern: /^xl\/charts\//, what: 'des graphiques' },
  { pattern: /^xl\/pivot(Tables|Cache)\//, what: 'des tableaux croisés dynamiques' },
  { pattern: /^xl\/threadedComments\//, what: 'des commentaires en fil de discussion' },
  { pattern: /^xl\/vbaProject\.bin$/, what: 'des macros' },
  { pattern: /^xl\/(slicers|slicerCaches|timelines|timelineCaches)\//, what: 'des segments ou chronologies' },
  { pattern: /^xl\/(activeX|ctrlProps|embeddings)\//, what: 'des contrôles ou objets incorporés' },
];

/** What a sheet's Excel extensions hold that the writer drops (it keeps their conditional formats). */
const SHEET_EXTENSIONS_LOST: { tag: string; what: string }[] = [
  { tag: '<x14:dataValidation', what: 'des listes déroulantes au format étendu d’Excel' },
  { tag: '<x14:sparklineGroup', what: 'des graphiques sparkline' },
];

export function partsLostOnWrite(data: Buffer): string[] {
  const entries = zipEntries(data);
  const lost = PARTS_LOST_ON_WRITE.filter(({ pattern }) => entries.some((e) => pattern.test(e.name))).map(
    (p) => p.what,
  );
  const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/.test(e.name));
  for (const { tag, what } of SHEET_EXTENSIONS_LOST) {
    if (sheets.some((sheet) => entryText(data, sheet).includes(tag))) lost.push(what);
  }
  return lost;
}

/**
 * Reads a workbook file, explaining in French why it cannot be used as one. `shown` is the path as
 * the user typed it, for the messages.
 */
export function readWorkbookFile(path: string, shown = path): Buffer {
  let data: Buffer;
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('dossier'), { code: 'EISDIR' });
    data = readFileSync(path);
  } catch (error) {
    throw fileError(error, shown, 'lire');
  }
  const kind = sniffFormat(data);
  const quoted = `« ${shown} »`;
  switch (kind) {
    case 'xlsx':
      return data;
    case 'ods':
      throw new CliError(
        `${quoted} est un classeur OpenDocument (.ods) : dans LibreOffice, faites « Fichier › Enregistrer sous » au format « Excel 2007-365 (.xlsx) », puis relancez la commande sur le fichier .xlsx.`,
      );
    case 'xls':
      throw new CliError(
        `${quoted} est au format Excel 97-2003 (.xls) : enregistrez-le au format .xlsx (« Fichier › Enregistrer sous »), puis relancez la commande sur le fichier .xlsx.`,
      );
    case 'empty':
      throw new CliError(`${quoted} est vide : ce n’est pas un classeur Excel (.xlsx).`);
    default:
      throw new CliError(
        `${quoted} n’est pas un classeur Excel (.xlsx) : le fichier est illisible comme tel.`,
      );
  }
}

/**
 * The lock files that LibreOffice (`.~lock.NAME#`) and Excel (`~$NAME`) leave next to a workbook
 * they have open: writing under them would be lost at their next save, or refused on Windows.
 */
export function openedBy(path: string): string | null {
  const dir = dirname(path);
  const name = basename(path);
  if (existsSync(join(dir, `.~lock.${name}#`))) return 'LibreOffice';
  if (existsSync(join(dir, `~$${name}`)) || (name.length > 2 && existsSync(join(dir, `~$${name.slice(2)}`))))
    return 'Excel';
  return null;
}

/** Refuses early, before any work, to write where it cannot or should not. */
export function assertWritable(path: string, shown = path): void {
  const dir = dirname(resolve(path));
  if (!existsSync(dir)) {
    throw new CliError(
      `Le dossier « ${dirname(shown)} » n’existe pas : créez-le ou choisissez un autre chemin.`,
    );
  }
  if (!statSync(dir).isDirectory()) {
    throw new CliError(`« ${dirname(shown)} » n’est pas un dossier.`);
  }
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new CliError(`« ${shown} » est un dossier : indiquez un nom de fichier.`);
  }
  const app = openedBy(path);
  if (app) {
    throw new CliError(
      `« ${shown} » est ouvert dans ${app} : fermez-le (ou supprimez le fichier de verrou resté après un arrêt brutal), puis relancez la commande.`,
    );
  }
}

export interface Output {
  path: string;
  data: Buffer | Uint8Array;
  /** The path as the user typed it, for the messages. */
  shown?: string;
}

/**
 * Writes every output to a temporary file next to its target and renames them only once all are
 * written: a failure while writing touches no target, and no temporary file is left behind.
 */
export function writeAtomically(outputs: Output[], unchangedSince?: { path: string; mtimeMs: number }): void {
  const staged: { temp: string; path: string; shown: string }[] = [];
  try {
    for (const { path, data, shown } of outputs) {
      const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
      staged.push({ temp, path, shown: shown ?? path });
      writeFileSync(temp, data);
    }
    if (unchangedSince && statSync(unchangedSince.path).mtimeMs !== unchangedSince.mtimeMs) {
      throw new CliError(
        `« ${staged.find((s) => s.path === unchangedSince.path)?.shown ?? unchangedSince.path} » a été modifié pendant la commande : rien n’a été écrit, relancez-la.`,
      );
    }
    for (const { temp, path } of staged) renameSync(temp, path);
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    if (error instanceof CliError) throw error;
    const failed = staged[staged.length - 1]?.shown ?? outputs[0]?.path ?? '';
    throw fileError(error, failed, 'écrire');
  }
}
