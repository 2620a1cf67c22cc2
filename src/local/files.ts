/**
 * Files on disk: reading a workbook with clear French errors, recognising what a file really is, and
 * writing outputs atomically (a temporary file in the same folder, then a rename) so that a failed
 * command never leaves a half-written workbook or report behind.
 */
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError, fileError } from './errors';
import { entryText, zipEntries, zipEntryNames } from './zip';

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

/**
 * Parts of an .xlsx that exceljs does not carry over: rewriting such a workbook through it would
 * silently drop them, so `init --mettre-a-jour` and `importer` refuse to write into it (`valider`,
 * `cloturer` and `rouvrir` edit the file in place and keep them).
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
  refuseReadOnly(path, shown);
  const app = openedBy(path);
  if (app) {
    throw new CliError(
      `« ${shown} » est ouvert dans ${app} : fermez-le (ou supprimez le fichier de verrou resté après un arrêt brutal), puis relancez la commande.`,
    );
  }
}

/**
 * A file the user may not write is left alone, even though replacing it through a rename in a
 * writable folder would work: the file's mode is the owner's say. Root may write any file, except
 * one no one may write (mode 444): that is a deliberate « read-only » that a rewrite must not undo.
 */
function refuseReadOnly(path: string, shown: string): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch {
    return; // a new file
  }
  let writable = (stats.mode & 0o222) !== 0;
  if (writable && process.getuid?.() !== 0) {
    try {
      accessSync(path, constants.W_OK);
    } catch {
      writable = false;
    }
  }
  if (!writable) {
    throw new CliError(
      `« ${shown} » est en lecture seule : vous n’avez pas le droit de le modifier, rien n’a été écrit. Demandez le droit d’écriture sur ce fichier, ou travaillez sur une copie.`,
    );
  }
}

/**
 * Writes the temporary file that will replace `original` (when there is one): created readable by
 * its owner alone, then given the original's mode and, when run as root, its owner and group, so
 * that the rename changes the file's content and nothing of its rights.
 */
function writeTemporary(temp: string, data: Buffer | Uint8Array, original: Stats | null): void {
  const fd = openSync(temp, 'wx', original ? 0o600 : 0o666);
  try {
    let written = 0;
    while (written < data.length) written += writeSync(fd, data, written, data.length - written);
    if (original) {
      if (process.getuid?.() === 0) fchownSync(fd, original.uid, original.gid);
      else if (fstatSync(fd).gid !== original.gid) {
        try {
          fchownSync(fd, -1, original.gid); // allowed when the user belongs to the group
        } catch {}
      }
      fchmodSync(fd, original.mode & 0o7777);
    }
  } finally {
    closeSync(fd);
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
    for (const output of outputs) {
      const shown = output.shown ?? output.path;
      refuseReadOnly(output.path, shown);
      // A link is followed: the file it points to is the one replaced.
      const path = existsSync(output.path) ? realpathSync(output.path) : output.path;
      const original = existsSync(path) ? statSync(path) : null;
      const temp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);
      staged.push({ temp, path, shown });
      writeTemporary(temp, output.data, original);
    }
    if (unchangedSince && statSync(unchangedSince.path).mtimeMs !== unchangedSince.mtimeMs) {
      const changed = outputs.find((o) => o.path === unchangedSince.path);
      throw new CliError(
        `« ${changed?.shown ?? unchangedSince.path} » a été modifié pendant la commande : rien n’a été écrit, relancez-la.`,
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
