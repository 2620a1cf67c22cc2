/**
 * The commands that write a report: `rapport` (the annual report of a workbook as a .docx) and `demo`
 * (the demonstration workbook, checked as `valider` does, with its report).
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { reportOfYear } from '../core/closing';
import { buildDemoWorkbook, LARGE_DEMO } from '../core/demo';
import { DEFAULT_PRESET } from '../core/presets';
import { resolveCode } from '../core/records';
import { type ReportScope, refusedYear, reportYears } from '../core/report/aggregate';
import type { ReportDocument } from '../core/report/model';
import { plural } from '../core/typography';
import type { ValidationResult } from '../core/validate';
import { SHEET_NAMES } from '../core/workbook';
import {
  type CliContext,
  errors,
  openWorkbook,
  parseYear,
  presetNamed,
  quoteArg,
  requireExtension,
  say,
  warnings,
} from './commands';
import { CliError, EXIT_OK, fileError } from './errors';
import { assertWritable, type Output, writeAtomically } from './files';
import { createProgress, type Progress } from './progress';
import { fillWorkbook, newWorkbook, validate, writeValidation } from './workbook-file';
import { editedXlsx, editOf, readXlsx, xlsxBuffer } from './xlsx';

// ---------------------------------------------------------------------------------------------
// rapport

export interface ReportCommandOptions {
  year?: string;
  territory?: string;
  domain?: string;
  output?: string;
}

export async function reportCommand(
  ctx: CliContext,
  path: string,
  options: ReportCommandOptions,
): Promise<number> {
  if (options.territory !== undefined && options.domain !== undefined) {
    throw new CliError(
      'Choisissez --territoire ou --domaine, pas les deux : un rapport couvre un seul périmètre.',
    );
  }
  const year = options.year === undefined ? undefined : parseYear(options.year);
  if (options.output !== undefined) requireExtension(options.output, '.docx', 'Le rapport');
  const progress = createProgress(ctx.stdout, 6);
  progress.step('Lecture du classeur');
  const { reading } = openWorkbook(path, resolve(ctx.cwd, path));
  progress.step('Contrôle des données');
  const result = validate(reading, ctx.now());
  const reportYear = year ?? result.data.settings.reportingYear;
  const refused = refusedYear(
    reportYear,
    reportYears(
      result.data.settings,
      result.data.indicators.map((i) => i.record),
    ),
  );
  if (refused) throw new CliError(refused);
  const scope = reportScope(result, options);
  const output = options.output ?? defaultReportPath(path, reportYear, scope);
  const target = resolve(ctx.cwd, output);
  assertWritable(target, output);
  const report = await writeReport(ctx, result, reportYear, scope, { path: target, shown: output }, progress);
  say(ctx, report.name);
  say(ctx, `Rapport écrit : ${output}`);
  if (result.counts.erreur > 0) {
    say(
      ctx,
      `Attention : le classeur contient ${errors(result.counts.erreur)} (voir l’annexe du rapport) ; « pilotage-cucs valider ${quoteArg(path)} » les détaille.`,
    );
  }
  return EXIT_OK;
}

function reportScope(result: ValidationResult, options: ReportCommandOptions): ReportScope {
  const { territories, referentiel } = result.data;
  if (options.territory !== undefined) {
    const found = resolveCode(
      options.territory,
      territories.map((t) => t.code),
    );
    if (!found) {
      throw new CliError(
        `Territoire inconnu : « ${options.territory} ». Codes de la feuille Territoires : ${territories.map((t) => t.code).join(', ')}.`,
      );
    }
    return { kind: 'territory', code: found.code };
  }
  if (options.domain !== undefined) {
    const wanted = options.domain.trim().toLowerCase();
    const domain = referentiel.domains.find(
      (d) => d.code.toLowerCase() === wanted || d.name.toLowerCase() === wanted,
    );
    if (!domain) {
      throw new CliError(
        `Domaine inconnu : « ${options.domain} ». Domaines : ${referentiel.domains.map((d) => `${d.code} (${d.name})`).join(', ')}.`,
      );
    }
    return { kind: 'domain', code: domain.code };
  }
  return { kind: 'contract' };
}

function defaultReportPath(workbookPath: string, year: number, scope: ReportScope): string {
  const suffix = scope.kind === 'contract' ? '' : `-${scope.code.toLowerCase()}`;
  return join(dirname(workbookPath), `rapport-annuel-${year}${suffix}.docx`);
}

async function writeReport(
  ctx: CliContext,
  result: ValidationResult,
  year: number,
  scope: ReportScope,
  target: { path: string; shown: string },
  progress: Progress,
  extra: Output[] = [],
): Promise<ReportDocument> {
  progress.step('Calcul du rapport');
  const report = reportOfYear(result, {
    year,
    scope,
    generatedAt: ctx.now(),
    edition: 'hors-ligne',
  });
  const charts = report.blocks.filter((b) => b.kind === 'chart').length;
  progress.step('Graphiques', charts);
  // Loaded here only: `valider` needs neither docx nor the chart renderer.
  const { renderDocx } = require('./docx') as typeof import('./docx');
  const { chartImageReleased } = require('./charts') as typeof import('./charts');
  const docx = await renderDocx(report, {
    chartImage: async (chart) => {
      const image = await chartImageReleased(chart);
      progress.tick();
      return image;
    },
    onLayout: () => progress.step('Mise en page du document Word'),
  });
  progress.step('Écriture');
  try {
    writeAtomically([...extra, { ...target, data: docx }]);
  } finally {
    progress.done();
  }
  return report;
}

// ---------------------------------------------------------------------------------------------
// demo

export const DEMO_WORKBOOK = 'demo-cucs-brest.xlsx';
export const LARGE_DEMO_WORKBOOK = 'demo-cucs-brest-grand.xlsx';

export interface DemoCommandOptions {
  /** The benchmark's large workbook instead of the small demo (the CUCS model only). */
  large?: boolean;
  /** The model whose demo is written (default: the CUCS of Brest). */
  preset?: string;
}

export async function demoCommand(
  ctx: CliContext,
  folder: string,
  options: DemoCommandOptions = {},
): Promise<number> {
  const preset = presetNamed(options.preset) ?? DEFAULT_PRESET;
  if (options.large && preset !== DEFAULT_PRESET) {
    throw new CliError(
      '--grand ne va qu’avec le modèle par défaut (cucs-brest-2006)\u00a0: retirez --modele ou --grand.',
    );
  }
  const workbookName = options.large
    ? LARGE_DEMO_WORKBOOK
    : preset === DEFAULT_PRESET
      ? DEMO_WORKBOOK
      : `demo-${preset.id}.xlsx`;
  const dir = resolve(ctx.cwd, folder);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw fileError(error, folder, 'écrire');
  }
  const workbookPath = join(dir, workbookName);
  const shown = (name: string) => join(folder, name);
  assertWritable(workbookPath, shown(workbookName));
  const progress = createProgress(ctx.stdout, 6);
  progress.step('Classeur de démonstration');
  const grids = buildDemoWorkbook(options.large ? { ...LARGE_DEMO, preset } : { preset });
  const made = newWorkbook(ctx.now(), ctx.user, preset);
  fillWorkbook(made, grids);
  // Validated from the file's bytes, as a user's workbook would be.
  const reading = readXlsx(await xlsxBuffer(made), workbookName);
  progress.step('Contrôle des données');
  const result = validate(reading, ctx.now());
  const edit = editOf(reading, [SHEET_NAMES.journal, SHEET_NAMES.checks]);
  writeValidation(edit, result, ctx.now(), ctx.user);
  const year = result.data.settings.reportingYear;
  const reportName = `rapport-annuel-${year}.docx`;
  const reportPath = join(dir, reportName);
  assertWritable(reportPath, shown(reportName));
  const xlsx = { path: workbookPath, shown: shown(workbookName), data: editedXlsx(edit, workbookName) };
  const report = { path: reportPath, shown: shown(reportName) };
  await writeReport(ctx, result, year, { kind: 'contract' }, report, progress, [xlsx]);
  const { actions, indicators, measures } = result.data;
  say(ctx, `Démonstration de Pilotage CUCS — ${preset.title}, données fictives`);
  say(ctx);
  say(
    ctx,
    `  Classeur : ${shown(workbookName)}  (${plural(actions.length, 'action', 'actions')}, ${plural(indicators.length, 'indicateur', 'indicateurs')}, ${plural(measures.length, 'mesure', 'mesures')})`,
  );
  say(
    ctx,
    `  Contrôles : ${
      result.problems.length === 0
        ? 'aucun problème'
        : `${errors(result.counts.erreur)}, ${warnings(result.counts.avertissement)} (feuille Contrôles)`
    }`,
  );
  say(ctx, `  Rapport ${year} : ${shown(reportName)}`);
  say(ctx);
  say(ctx, `Ouvrez-les avec LibreOffice ou Excel et Word (dossier : ${dir}).`);
  say(ctx, `Pour votre propre contrat : pilotage-cucs init mon-classeur.xlsx --modele ${preset.id}`);
  return EXIT_OK;
}
