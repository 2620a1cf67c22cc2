/**
 * `pilotage-cucs importer CLASSEUR FICHIER`: an observation file (.csv or .xlsx, long or INSEE's wide
 * layout) into Mesures, as the add-on's « Importer des données d’observation… » does: the same plan
 * from core, printed before anything is written; then the values and one Journal entry, nothing else.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Workbook } from 'exceljs';
import { type ObservationFile, ObservationFileError } from '../core/observation/parse';
import { hasChanges, type ImportPlan, planImport } from '../core/observation/plan';
import { previewLines } from '../core/observation/preview';
import { type BlockWrite, type ImportWrites, importWrites } from '../core/observation/writes';
import { readWorkbook } from '../core/records';
import { SHEET_NAMES } from '../core/workbook';
import { readCsvObservations } from '../files/csv';
import { observationFormat, readWorkbookObservations } from '../files/observation-file';
import { type CliContext, openWorkbook, parseYear, quoteArg, refuseLossyWrite, say } from './commands';
import { CliError, EXIT_OK, fileError } from './errors';
import { assertWritable, writeAtomically } from './files';
import { appendJournal } from './workbook-file';
import { loadXlsx, readXlsx, setCell, xlsxBuffer } from './xlsx';

export interface ImportOptions {
  year?: string;
  /** « VARIABLE=INDICATEUR » pairs. */
  mapping?: string[];
  dryRun: boolean;
}

export async function importCommand(
  ctx: CliContext,
  workbookPath: string,
  filePath: string,
  options: ImportOptions,
): Promise<number> {
  const year = options.year === undefined ? undefined : parseYear(options.year);
  const mapping = parseMapping(options.mapping ?? []);
  const target = resolve(ctx.cwd, workbookPath);
  const { reading, mtimeMs } = openWorkbook(workbookPath, target);
  const file = readObservationFile(resolve(ctx.cwd, filePath), filePath, year);
  const data = readWorkbook(reading.grids);
  let plan: ImportPlan;
  try {
    plan = planImport(file, data, { mapping }, basename(filePath));
  } catch (error) {
    throw new CliError(`${(error as Error).message} Rien n’a été écrit.`);
  }
  for (const line of previewLines(plan)) say(ctx, line);
  say(ctx);
  if (options.dryRun || !hasChanges(plan)) {
    say(
      ctx,
      options.dryRun
        ? `Option --sans-ecrire : le classeur n’a pas été modifié. Pour importer : pilotage-cucs importer ${quoteArg(workbookPath)} ${quoteArg(filePath)}`
        : 'Rien à écrire : le classeur a déjà ces valeurs.',
    );
    return EXIT_OK;
  }
  assertWritable(target, workbookPath);
  refuseLossyWrite(workbookPath, reading.pkg.data);
  const workbook = await loadXlsx(reading.pkg, workbookPath);
  writeImport(workbook, importWrites(plan, data, { at: ctx.now(), by: ctx.user }), ctx.now());
  writeAtomically([{ path: target, shown: workbookPath, data: await xlsxBuffer(workbook) }], {
    path: target,
    mtimeMs,
  });
  say(ctx, `Import écrit dans « ${workbookPath} » (feuille Mesures, noté au Journal).`);
  return EXIT_OK;
}

function parseMapping(pairs: string[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const pair of pairs) {
    const m = /^\s*([^=]+?)\s*=\s*(.+?)\s*$/.exec(pair);
    if (!m)
      throw new CliError(
        `--associer attend VARIABLE=INDICATEUR (ex. --associer TX_CHOM=CTX-CHOM) : « ${pair} ».`,
      );
    mapping[m[1]!] = m[2]!;
  }
  return mapping;
}

export function readObservationFile(path: string, shown: string, year: number | undefined): ObservationFile {
  const format = observationFormat(path);
  if (!format) {
    throw new CliError(`Le fichier d’observation doit être un fichier .csv ou .xlsx : « ${shown} ».`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw fileError(error, shown, 'lire');
  }
  try {
    if (format === 'csv') return readCsvObservations(bytes, { year });
    return readWorkbookObservations(readXlsx(bytes, shown).grids, { year });
  } catch (error) {
    if (error instanceof ObservationFileError)
      throw new CliError(`« ${shown} » : ${error.message} Rien n’a été écrit.`);
    throw error;
  }
}

/** The plan's blocks (the cells the import changes, nothing else) and the Journal entry, by exceljs. */
function writeImport(workbook: Workbook, writes: ImportWrites, at: Date) {
  const apply = (sheetName: string, blocks: readonly BlockWrite[]) => {
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) return;
    for (const block of blocks) {
      block.values.forEach((line, r) => {
        line.forEach((value, c) => {
          setCell(sheet, block.row + r, block.column + c + 1, value);
        });
      });
    }
  };
  apply(SHEET_NAMES.measures, writes.measures);
  apply(SHEET_NAMES.indicators, writes.indicators);
  appendJournal(workbook, writes.journal, at);
}
