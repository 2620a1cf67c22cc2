/**
 * The contract between the pages (sidebar, report dialog) and the server: every google.script.run
 * function with what it takes and returns, as plain JSON. The pages type their calls from here and
 * src/main.ts checks that the entry points fulfil it, so the contract has one home.
 */
import * as z from 'zod';
import type { LoadedDecision, SaveDecisionRequest, SavedDecision } from './decisions';
import type {
  LoadActionRequest,
  LoadedAction,
  MeasureRequest,
  ProgressRequest,
  SaveActionRequest,
  SavedAction,
  SavedMeasure,
  SidebarData,
} from './editing';
import { MAX_IMPORT_BYTES } from './observation/vocabulary';

/** The sidebar's server functions (src/gas/sidebar.ts). */
export type SidebarApi = {
  getSidebarData(): SidebarData;
  loadAction(input: LoadActionRequest): LoadedAction;
  loadSelectedAction(): LoadedAction;
  saveAction(input: SaveActionRequest): SavedAction;
  updateProgress(input: ProgressRequest): SavedAction;
  saveMeasure(input: MeasureRequest): SavedMeasure;
  loadDecisions(): LoadedDecision[];
  saveDecision(input: SaveDecisionRequest): SavedDecision;
};

export const ReportRequestSchema = z.object({
  year: z
    .number({ error: 'Choisissez une année.' })
    .int('Une année est un nombre entier.')
    .min(1990, 'Année trop ancienne.')
    .max(2100, 'Année trop lointaine.'),
  scope: z.discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('contract') }),
      z.object({ kind: z.literal('territory'), code: z.string().trim().min(1, 'Choisissez un territoire.') }),
      z.object({ kind: z.literal('domain'), code: z.string().trim().min(1, 'Choisissez un domaine.') }),
    ],
    { error: 'Choisissez le périmètre du rapport.' },
  ),
});
export type ReportRequest = z.infer<typeof ReportRequestSchema>;
export interface ReportChoices {
  contractName: string;
  defaultYear: number;
  years: number[];
  territories: { code: string; label: string }[];
  domains: { code: string; label: string }[];
}

export interface ReportCheck {
  errors: number;
  warnings: number;
  /** The first errors, located (« Santé, ligne 5, « Date de fin » : … »). */
  firstErrors: string[];
}

export interface ReportPreview {
  name: string;
  html: string;
}

export interface GeneratedReport {
  name: string;
  url: string;
  /** Said to the user when the Doc was laid the slow, plain way (no Docs API). */
  notice?: string;
}

/** The report dialog's server functions (src/gas/report.ts); requests are checked there with zod. */
export type ReportApi = {
  reportChoices(): ReportChoices;
  reportCheck(): ReportCheck;
  reportPreview(input: ReportRequest): ReportPreview;
  generateReport(input: ReportRequest): GeneratedReport;
};

/** A model offered by the first install's dialog: what it brings, to choose knowingly. */
export interface PresetChoice {
  id: string;
  title: string;
  description: string;
  /** The domains' names, then the axes' labels: what the workbook will hold. */
  domains: string[];
  axes: string[];
  axesTitle: string;
}

export interface PresetRequest {
  preset: string;
}

/** The install dialog's server functions (src/gas/install-dialog.ts). */
export type InstallApi = {
  presetChoices(): PresetChoice[];
  installWithPreset(input: PresetRequest): string;
};

/** What the import dialog sends: the chosen file's bytes, and the user's choices. */
export const ImportRequestSchema = z.object({
  fileName: z.string().trim().min(1, 'Choisissez un fichier.'),
  /** The file's bytes in base64 (at most MAX_IMPORT_BYTES). */
  content: z
    .string()
    .max(Math.ceil((MAX_IMPORT_BYTES * 4) / 3) + 4, 'Fichier trop volumineux (5 Mo au plus).'),
  year: z.number().int('Une année est un nombre entier.').min(1990).max(2100).nullable(),
  /** Variable of the file → indicator code. */
  mapping: z.record(z.string(), z.string()),
});
export type ImportRequest = z.infer<typeof ImportRequestSchema>;

export interface ImportPreview {
  /** The preview in French lines (the same as `pilotage-cucs importer` prints). */
  lines: string[];
  summary: string;
  /** Whether importing would write anything. */
  changes: boolean;
  unknownVariables: { code: string; label: string; count: number; closest: string[] }[];
  /** The workbook's indicators, for the dialog's « associate to » lists. */
  indicators: { code: string; label: string }[];
}

export interface ImportResult {
  message: string;
}

/** The import dialog's server functions (src/gas/observation.ts). */
export type ImportApi = {
  importPreview(input: ImportRequest): ImportPreview;
  importObservations(input: ImportRequest): ImportResult;
};
