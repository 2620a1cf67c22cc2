/**
 * The commands of `pilotage-cucs` that read a user's workbook and write it back — init, valider,
 * cloturer, rouvrir — and what every command shares (its context, its terminal lines, reading the
 * workbook). rapport and demo: report-command.ts; importer: import-command.ts.
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { Workbook } from 'exceljs';
import type { CellValue } from '../core/cells';
import { prepareClosing, prepareReopening, type YearRequest } from '../core/closing';
import { installSummary } from '../core/install';
import type { JournalEntry } from '../core/journal';
import { findPreset, PRESETS, type Preset } from '../core/presets';
import { describeProblem } from '../core/problems';
import { frenchSpacing, plural } from '../core/typography';
import { NOTHING_TO_FIX, type ValidationResult } from '../core/validate';
import { SHEET_NAMES } from '../core/workbook';
import { CliError, EXIT_DATA_ERRORS, EXIT_OK } from './errors';
import { assertWritable, partsLostOnWrite, readWorkbookFile, writeAtomically } from './files';
import type { OutputStream } from './progress';
import {
  appendClosingRows,
  installInto,
  knownSheetNames,
  newWorkbook,
  type ValidationOutcome,
  validate,
  writeValidation,
} from './workbook-file';
import { editedXlsx, editOf, loadXlsx, readXlsx, type XlsxReading, xlsxBuffer } from './xlsx';

export interface CliContext {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Where relative paths start from. */
  cwd: string;
  now: () => Date;
  /** Who runs the command, for the Journal. */
  user: string;
}

/** A line on the terminal, in French print spacing like every other output. */
export const say = (ctx: CliContext, text = '') => ctx.stdout.write(`${frenchSpacing(text)}\n`);
export const errors = (n: number) => plural(n, 'erreur');
export const warnings = (n: number) => plural(n, 'avertissement');

export function requireExtension(path: string, ext: '.xlsx' | '.docx', what: string): void {
  if (extname(path).toLowerCase() !== ext) {
    throw new CliError(`${what} doit être un fichier ${ext} : « ${path} ».`);
  }
}

// ---------------------------------------------------------------------------------------------
// init

export interface InitOptions {
  overwrite: boolean;
  update: boolean;
  /** The model's name (--modele); the CUCS one when absent. */
  preset?: string;
}

/** The model named on the command line, or a French error listing the models. */
export function presetNamed(name: string | undefined): Preset | undefined {
  if (name === undefined) return undefined;
  const preset = findPreset(name);
  if (!preset) {
    throw new CliError(
      `Modèle inconnu\u00a0: « ${name} ». Modèles\u00a0: ${PRESETS.map((p) => `${p.id} (${p.title})`).join(', ')}.`,
    );
  }
  return preset;
}

export async function initCommand(ctx: CliContext, path: string, options: InitOptions): Promise<number> {
  requireExtension(path, '.xlsx', 'Le classeur');
  if (options.overwrite && options.update) {
    throw new CliError(
      'Choisissez --ecraser (classeur neuf) ou --mettre-a-jour (compléter le classeur), pas les deux.',
    );
  }
  const target = resolve(ctx.cwd, path);
  const exists = existsSync(target);
  const preset = presetNamed(options.preset);
  if (options.update) return updateWorkbook(ctx, path, target, preset);
  if (exists && !options.overwrite) {
    throw new CliError(
      `« ${path} » existe déjà : rien n’a été écrit. Ajoutez --mettre-a-jour pour lui ajouter ce qui manque sans rien effacer, ou --ecraser pour le remplacer par un classeur vide.`,
    );
  }
  assertWritable(target, path);
  const workbook = newWorkbook(ctx.now(), ctx.user, preset);
  writeAtomically([{ path: target, shown: path, data: await xlsxBuffer(workbook) }]);
  say(ctx, `Classeur ${exists ? 'remplacé' : 'créé'} : ${path}`);
  say(ctx, `Feuilles : ${visibleSheets(workbook).join(', ')}.`);
  say(ctx);
  say(
    ctx,
    'Ouvrez-le avec LibreOffice Calc ou Excel : chaque en-tête porte une note qui explique sa colonne.',
  );
  say(ctx, `Saisissez vos actions, indicateurs et mesures, puis : pilotage-cucs valider ${quoteArg(path)}`);
  return EXIT_OK;
}

async function updateWorkbook(
  ctx: CliContext,
  path: string,
  target: string,
  preset: Preset | undefined,
): Promise<number> {
  const { reading, mtimeMs } = openWorkbook(path, target, false);
  assertWritable(target, path);
  refuseLossyWrite(path, reading.pkg.data);
  if (preset && (reading.grids.get(SHEET_NAMES.referentiel)?.length ?? 0) > 1) {
    throw new CliError(
      `« ${path} » a déjà son Référentiel\u00a0: un modèle ne remplit qu’un classeur neuf, rien n’a été écrit. Adaptez la feuille Référentiel, puis relancez sans --modele.`,
    );
  }
  const workbook = await loadXlsx(reading.pkg, path);
  const plan = installInto(workbook, reading.grids, ctx.now(), ctx.user, preset);
  // Formats and dropdowns are laid again even when nothing is missing, as the add-on does.
  writeAtomically([{ path: target, shown: path, data: await xlsxBuffer(workbook) }], {
    path: target,
    mtimeMs,
  });
  say(ctx, `« ${path} » — ${installSummary(plan)}`);
  return EXIT_OK;
}

function visibleSheets(workbook: Workbook): string[] {
  return workbook.worksheets.filter((s) => s.state === 'visible').map((s) => s.name);
}

export const quoteArg = (path: string) => (/[\s'"]/.test(path) ? `"${path}"` : path);

// ---------------------------------------------------------------------------------------------
// Reading a user's workbook

interface OpenedWorkbook {
  reading: XlsxReading;
  mtimeMs: number;
}

/**
 * Reads the values of the user's workbook (exceljs loads it only where `init --mettre-a-jour` and
 * `importer` write it back);
 * `ours`: refuse a workbook that holds none of this tool's sheets.
 */
export function openWorkbook(path: string, target: string, ours = true): OpenedWorkbook {
  const data = readWorkbookFile(target, path);
  const mtimeMs = statSync(target).mtimeMs;
  const reading = readXlsx(data, path);
  const known = knownSheetNames();
  if (ours && !reading.pkg.sheets.some((s) => known.has(s.name))) {
    throw new CliError(
      `« ${path} » ne contient aucune feuille de Pilotage CUCS (Paramètres, Référentiel, Territoires, feuilles d’actions…). Créez le classeur avec « pilotage-cucs init », ou ajoutez-lui les feuilles avec « pilotage-cucs init ${quoteArg(path)} --mettre-a-jour ».`,
    );
  }
  return { reading, mtimeMs };
}

export function refuseLossyWrite(path: string, data: Buffer): void {
  const lost = partsLostOnWrite(data);
  if (lost.length > 0) {
    throw new CliError(
      `« ${path} » contient ${lost.join(', ')}, que cette réécriture du fichier ferait perdre : rien n’a été écrit. « pilotage-cucs valider », « rapport », « cloturer » et « rouvrir » restent possibles sur ce classeur ; pour cette commande, retirez ces éléments d’une copie du classeur. Des listes déroulantes au format étendu reprennent le format standard quand LibreOffice enregistre le classeur à nouveau au format .xlsx.`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// valider

export interface ValidateOptions {
  dryRun: boolean;
}

export async function validateCommand(
  ctx: CliContext,
  path: string,
  options: ValidateOptions,
): Promise<number> {
  const target = resolve(ctx.cwd, path);
  const { edit, mtimeMs, result } = checkWorkbookFile(path, target, ctx.now());
  if (!options.dryRun) {
    assertWritable(target, path);
    writeValidation(edit, result, ctx.now(), ctx.user);
    writeAtomically([{ path: target, shown: path, data: editedXlsx(edit, path) }], {
      path: target,
      mtimeMs,
    });
  }
  printProblems(ctx, path, result, !options.dryRun);
  say(ctx);
  say(
    ctx,
    options.dryRun
      ? 'Option --sans-ecrire : le classeur n’a pas été modifié.'
      : `Feuille Contrôles mise à jour dans « ${path} ».`,
  );
  return result.counts.erreur > 0 ? EXIT_DATA_ERRORS : EXIT_OK;
}

/**
 * Reads and checks the workbook. Only the package, the values of the sheets `valider` appends to and
 * the problems outlive this function: the other grids and the records read from them are let go
 * before the file is written.
 */
function checkWorkbookFile(path: string, target: string, today: Date) {
  const { reading, mtimeMs } = openWorkbook(path, target);
  const { problems, idAssignments, counts } = validate(reading, today);
  const edit = editOf(reading, [SHEET_NAMES.journal, SHEET_NAMES.checks]);
  return { edit, mtimeMs, result: { problems, idAssignments, counts } };
}

const SEVERITY_LABEL = { erreur: 'ERREUR        ', avertissement: 'avertissement ' } as const;

/** The add-on's wording, with its menu items named as the commands that do the same offline. */
export function offlineWording(text: string): string {
  return text
    .replace(/« Installer ou mettre à jour le classeur »/g, '« pilotage-cucs init --mettre-a-jour »')
    .replace(/« Valider les données »/g, '« pilotage-cucs valider »')
    .replace(/« Rouvrir une année clôturée… »/g, '« pilotage-cucs rouvrir »');
}

function printProblems(ctx: CliContext, path: string, result: ValidationOutcome, written: boolean): void {
  say(ctx, `Contrôle de « ${path} »`);
  say(ctx);
  for (const problem of result.problems) {
    say(ctx, offlineWording(`${SEVERITY_LABEL[problem.severity]}${describeProblem(problem)}`));
  }
  if (result.problems.length > 0) say(ctx);
  const { counts, idAssignments } = result;
  if (result.problems.length === 0) say(ctx, NOTHING_TO_FIX);
  else {
    say(ctx, `${errors(counts.erreur)} et ${warnings(counts.avertissement)} :`);
    for (const [sheet, c] of Object.entries(counts.bySheet)) {
      say(ctx, `  • ${sheet} : ${errors(c.erreur)}, ${warnings(c.avertissement)}`);
    }
    if (written) {
      say(
        ctx,
        'Le détail est dans la feuille Contrôles, avec un lien vers chaque cellule ; les cellules concernées sont surlignées (rouge : erreur, jaune : avertissement).',
      );
    }
  }
  if (idAssignments.length > 0) {
    say(
      ctx,
      written
        ? `${plural(idAssignments.length, 'ID attribué', 'ID attribués')} aux lignes saisies sans ID (noté au Journal) :`
        : `${plural(idAssignments.length, 'ligne saisie', 'lignes saisies')} sans ID, qui recevront un ID à la prochaine validation sans --sans-ecrire :`,
    );
    for (const a of idAssignments) say(ctx, `  • ${a.id} : ${a.sheet}, ligne ${a.row}`);
  }
}

export function parseYear(text: string): number {
  const year = Number(text);
  if (!/^\d{4}$/.test(text.trim()) || year < 1990 || year > 2100) {
    throw new CliError(
      `Année invalide : « ${text} ». Indiquez une année sur quatre chiffres, par exemple --annee 2008.`,
    );
  }
  return year;
}

// ---------------------------------------------------------------------------------------------
// cloturer, rouvrir

export interface YearCommandOptions {
  year?: string;
  reason?: string;
}

/**
 * Closes or reopens a year: the operation is planned from a fresh reading (refused in French before
 * anything is written), then its Clôtures rows and Journal entry are written in one save of the file.
 */
async function yearCommand(
  ctx: CliContext,
  path: string,
  options: YearCommandOptions,
  plan: (result: ValidationResult, request: YearRequest) => { rows: CellValue[][]; journal: JournalEntry },
): Promise<{ result: ValidationResult; year: number }> {
  if (options.year === undefined) {
    throw new CliError('Indiquez l’année : --annee N (par exemple --annee 2008).');
  }
  const year = parseYear(options.year);
  const target = resolve(ctx.cwd, path);
  const { reading, mtimeMs } = openWorkbook(path, target);
  const result = validate(reading, ctx.now());
  let planned: ReturnType<typeof plan>;
  try {
    planned = plan(result, { year, reason: options.reason ?? '' });
  } catch (error) {
    throw new CliError(offlineWording((error as Error).message));
  }
  assertWritable(target, path);
  const edit = editOf(reading, [SHEET_NAMES.closings, SHEET_NAMES.journal]);
  appendClosingRows(edit, planned.rows, planned.journal, ctx.now());
  writeAtomically([{ path: target, shown: path, data: editedXlsx(edit, path) }], {
    path: target,
    mtimeMs,
  });
  return { result, year };
}

export async function closeCommand(
  ctx: CliContext,
  path: string,
  options: YearCommandOptions,
): Promise<number> {
  let fingerprint = '';
  const { result, year } = await yearCommand(ctx, path, options, (result, request) => {
    const plan = prepareClosing(result, request, { at: ctx.now(), by: ctx.user }, 'hors-ligne');
    fingerprint = plan.fingerprint;
    return plan;
  });
  say(ctx, `Année ${year} clôturée dans « ${path} » (empreinte ${fingerprint}, noté au Journal).`);
  if (result.counts.erreur > 0) {
    say(ctx, `Clôturée malgré ${errors(result.counts.erreur)}, avec le motif indiqué.`);
  }
  say(
    ctx,
    `Le rapport ${year} reprend désormais les chiffres arrêtés ; « pilotage-cucs valider » signale toute valeur de ${year} modifiée depuis. Pour corriger : pilotage-cucs rouvrir ${quoteArg(path)} --annee ${year} --motif "…"`,
  );
  return EXIT_OK;
}

export async function reopenCommand(
  ctx: CliContext,
  path: string,
  options: YearCommandOptions,
): Promise<number> {
  if ((options.reason ?? '').trim() === '') {
    throw new CliError('Indiquez le motif de la réouverture : --motif "…" (il est noté au Journal).');
  }
  const { year } = await yearCommand(ctx, path, options, (result, request) =>
    prepareReopening(result.data, request, { at: ctx.now(), by: ctx.user }),
  );
  say(
    ctx,
    `Année ${year} rouverte dans « ${path} » (motif noté au Journal) : ses valeurs peuvent à nouveau être modifiées.`,
  );
  return EXIT_OK;
}
