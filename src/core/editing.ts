/**
 * What the sidebar saves, as pure logic shared by both ends: the client checks a form with the same
 * schemas and reference lists before sending it, and the server checks it again under the document
 * lock, finds the record by ID, refuses to overwrite a row changed since it was loaded (row version),
 * and lays the row out. Everything here is plain JSON in, plain values out.
 */

import * as z from 'zod';
import {
  type CellValue,
  cellText,
  formatDateFr,
  formatEuros,
  formatNumberFr,
  fromIsoDate,
  normaliseKey,
  toIsoDateTime,
} from './cells';
import type { LoadedDecision } from './decisions';
import { nextActionId } from './ids';
import type { JournalEntry } from './journal';
import { describeChanges } from './journal';
import { columnLetter } from './problems';
import { setProgressForYear } from './progress';
import { actionFromRow, codeOf, resolveCode, type WorkbookData } from './records';
import { findDomain, findObjective, type Referentiel, STATUSES, type Status } from './referentiel';
import {
  type Action,
  ActionSchema,
  actionConsistency,
  type Funder,
  type Indicator,
  type Measure,
  MeasureFields,
  type Settings,
  type Territory,
} from './schemas';
import {
  changedCells,
  funderColumns,
  type OwnCell,
  ownCells,
  readTable,
  type Table,
  type TableRow,
  type TypedValue,
} from './table';
import { codeLabel, FUNDER_KEY_PREFIX, funderHeader } from './workbook';

// ------------------------------------------------------------------ requests (validated on both ends)

/** Where an action was loaded from: the row's version, and its row (used only for a row without ID). */
export const OriginSchema = z.object({
  version: z.string().min(1, 'Version de la ligne manquante : rechargez l’action.'),
  row: z.number().int().min(2),
});
export type Origin = z.infer<typeof OriginSchema>;

const domainCode = z.string().trim().min(1, 'Choisissez un domaine.');

/** Create (origin null, ID empty: it is assigned) or edit (origin of the loaded row). */
export const SaveActionRequestSchema = z.object({ action: ActionSchema, origin: OriginSchema.nullable() });
export type SaveActionRequest = z.infer<typeof SaveActionRequestSchema>;

/** Status and the year's avancées / freins of an existing action; the rest of the row is untouched. */
export const ProgressRequestSchema = z.object({
  domain: domainCode,
  id: ActionSchema.shape.id,
  origin: OriginSchema,
  status: ActionSchema.shape.status,
  year: MeasureFields.shape.year,
  avancees: z.string().trim(),
  freins: z.string().trim(),
});
export type ProgressRequest = z.infer<typeof ProgressRequestSchema>;

/** An action by ID, or by row for a row typed in the sheet without ID. */
export const LoadActionRequestSchema = z.object({
  domain: domainCode,
  id: z.string().trim(),
  row: z.number().int().min(2).nullable(),
});
export type LoadActionRequest = z.infer<typeof LoadActionRequestSchema>;

/** The sidebar saves a number; a value marked secret or unavailable comes from the sheet or an import. */
/** A measure as the sidebar saves it: always a number, never a mark. */
export type SavedMeasureRecord = MeasureRequest & Pick<Measure, 'marker' | 'updatedAt' | 'updatedBy'>;

export const MeasureRequestSchema = MeasureFields.omit({
  updatedAt: true,
  updatedBy: true,
  marker: true,
}).extend({
  value: z.number({ error: 'La valeur doit être un nombre.' }),
});
export type MeasureRequest = z.infer<typeof MeasureRequestSchema>;

/** Field → first French message; funder amounts are keyed `funding.CODE` so each shows by its input. */
export function formErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const [first, second] = issue.path.map(String);
    const field = first === 'funding' && second ? `funding.${second}` : (first ?? '_');
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** Server side: the parsed request, or an Error listing the French messages. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  refuse(formErrors(parsed.error));
}

/** The French messages of the fields, each once. */
export function refuse(errors: Record<string, string>): never {
  throw new Error(`Saisie refusée :\n${[...new Set(Object.values(errors))].join('\n')}`);
}

// ------------------------------------------------------------------ reference checks

export interface ReferenceLists {
  referentiel: Referentiel;
  territories: Pick<Territory, 'code'>[];
  funders: Pick<Funder, 'code'>[];
  indicators: Pick<Indicator, 'code' | 'unit'>[];
}

/** Codes of an action that the workbook's lists do not know (Référentiel, Territoires, Financeurs). */
export function actionReferenceErrors(
  action: Pick<Action, 'domain' | 'objective' | 'actionLine' | 'territories' | 'axes' | 'funding'>,
  lists: ReferenceLists,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!findDomain(lists.referentiel, action.domain)) {
    errors.domain = `Domaine inconnu\u00a0: « ${action.domain} » n’est pas un domaine actif du Référentiel.`;
  }
  const objective = findObjective(lists.referentiel, action.objective);
  if (action.objective && (!objective || objective.domain !== action.domain)) {
    errors.objective = `Objectif inconnu dans ce domaine : « ${action.objective} ».`;
  }
  if (action.actionLine && !objective?.lines.some((l) => l.code === action.actionLine)) {
    errors.actionLine = `La ligne d’action « ${action.actionLine} » n’appartient pas à l’objectif choisi.`;
  }
  const axes = new Set(lists.referentiel.axes.map((a) => a.code));
  const unknownAxes = action.axes.filter((a) => !axes.has(a));
  if (unknownAxes.length > 0) {
    errors.axes = `Axe inconnu du Référentiel\u00a0: ${unknownAxes.join(', ')}.`;
  }
  const known = new Set(lists.territories.map((t) => t.code));
  const unknown = action.territories.filter((t) => !known.has(t));
  if (unknown.length > 0) {
    errors.territories = `Territoire inconnu (feuille Territoires) : ${unknown.join(', ')}.`;
  }
  const funders = new Set(lists.funders.map((f) => f.code));
  for (const code of Object.keys(action.funding)) {
    if (!funders.has(code)) errors[`funding.${code}`] = `Financeur inconnu (feuille Financeurs) : ${code}.`;
  }
  return errors;
}

/** The rules between fields, on a form that may still hold invalid fields (NaN, blanks). */
function consistencyErrors(candidate: unknown): Record<string, string> {
  const c = (candidate ?? {}) as Record<string, unknown>;
  const date = (v: unknown) => (typeof v === 'string' && fromIsoDate(v) ? v : null);
  const amount = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const issues = actionConsistency({
    startDate: date(c.startDate),
    endDate: date(c.endDate),
    budget: amount(c.budget),
    credits: amount(c.credits),
    status: c.status as Action['status'],
  });
  return Object.fromEntries(issues.map((i) => [i.field, i.message]));
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** The whole check of an action form: schema, rules between fields, then codes. */
export function checkAction(candidate: unknown, lists: ReferenceLists): Checked<Action> {
  const parsed = ActionSchema.safeParse(candidate);
  if (!parsed.success) {
    // zod skips the rules between fields while a field is invalid: the form shows them all at once.
    return { ok: false, errors: { ...consistencyErrors(candidate), ...formErrors(parsed.error) } };
  }
  const errors = actionReferenceErrors(parsed.data, lists);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

export function measureReferenceErrors(
  measure: Pick<Measure, 'indicator' | 'territory' | 'value'>,
  lists: Pick<ReferenceLists, 'indicators' | 'territories'>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const indicator = lists.indicators.find((i) => i.code === measure.indicator);
  if (!indicator) errors.indicator = `Indicateur inconnu (feuille Indicateurs) : « ${measure.indicator} ».`;
  if (!lists.territories.some((t) => t.code === measure.territory)) {
    errors.territory = `Territoire inconnu (feuille Territoires) : « ${measure.territory} ».`;
  }
  const { value } = measure;
  if (indicator?.unit === '%' && value !== null && (value < 0 || value > 100)) {
    errors.value = 'Un pourcentage est compris entre 0 et 100.';
  }
  return errors;
}

export function checkMeasure(
  candidate: unknown,
  lists: Pick<ReferenceLists, 'indicators' | 'territories'>,
): Checked<MeasureRequest> {
  const parsed = MeasureRequestSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: formErrors(parsed.error) };
  const errors = measureReferenceErrors(parsed.data, lists);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** A status change that the action's other fields do not allow (a finished action needs its end date). */
export function progressErrors(
  request: Pick<ProgressRequest, 'status'>,
  action: Pick<Action, 'endDate'>,
): Record<string, string> {
  return request.status === 'réalisée' && !action.endDate
    ? { status: 'Une action réalisée doit avoir une date de fin : renseignez-la dans l’onglet « Action ».' }
    : {};
}

// ------------------------------------------------------------------ funding

/** Credits of the contract plus every co-funder: what should add up to the planned budget. */
export function fundingTotal(action: Pick<Action, 'credits' | 'funding'>): number {
  return Object.values(action.funding).reduce((sum, n) => sum + n, action.credits ?? 0);
}

/** The French warning shown while the funding plan does not match the budget, or null. */
export function fundingWarning(
  action: Pick<Action, 'budget' | 'credits' | 'funding'>,
  tolerance: number,
): string | null {
  const total = fundingTotal(action);
  if (action.budget === null) {
    return total > 0 ? `Indiquez le budget prévu : les financements totalisent ${formatEuros(total)}.` : null;
  }
  const gap = action.budget - total;
  if (Math.abs(gap) <= tolerance) return null;
  return gap > 0
    ? `Le plan de financement ne boucle pas : il manque ${formatEuros(gap)} pour atteindre le budget prévu (${formatEuros(action.budget)}).`
    : `Le plan de financement ne boucle pas : les financements dépassent le budget prévu (${formatEuros(action.budget)}) de ${formatEuros(-gap)}.`;
}

// ------------------------------------------------------------------ row versions and conflicts

/** FNV-1a, 32 bits: a short fingerprint, enough to tell that a row changed. */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

function canonicalCell(value: CellValue | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date) return `d${value.getTime()}`;
  return `${(typeof value)[0]}${String(value)}`;
}

/**
 * The version of an action row: a fingerprint of the module's columns taken by key (so moving a
 * column does not count as a change), funder columns included; the user's own columns are ignored.
 */
export function rowVersion(table: Pick<Table, 'mapping'>, raw: readonly CellValue[]): string {
  const cells = new Map<string, number>(table.mapping.index);
  for (const [code, index] of funderColumns(table.mapping)) cells.set(`${FUNDER_KEY_PREFIX}${code}`, index);
  const text = [...cells.keys()]
    .sort()
    .map((key) => `${key}=${canonicalCell(raw[cells.get(key)!])}`)
    .join('\u001f');
  return `${fnv1a(text)}-${text.length.toString(36)}`;
}

function formatStamp(updatedAt: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(updatedAt);
  if (!m) return updatedAt;
  return `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` à ${m[4]} h ${m[5]}` : ''}`;
}

/** How messages name a kind of record: « L’action RU-003 est introuvable », « Cette action a été modifiée ». */
export interface RecordNoun {
  the: string;
  this: string;
}
export const ACTION_NOUN: RecordNoun = { the: 'L’action', this: 'Cette action' };

export function conflictMessage(
  row: number,
  current: Pick<Action, 'updatedAt' | 'updatedBy'>,
  noun: RecordNoun = ACTION_NOUN,
): string {
  const by = current.updatedBy ? `, par ${current.updatedBy}` : '';
  const when = current.updatedAt ? ` le ${formatStamp(current.updatedAt)}` : '';
  return `${noun.this} a été modifiée par quelqu’un d’autre depuis son ouverture (ligne ${row}${by}${when}). Rechargez-la avant d’enregistrer.`;
}

/** Who last saved a row and when, as the module stamped it. */
function rowStamp(row: TableRow): Pick<Action, 'updatedAt' | 'updatedBy'> {
  const { updatedAt, updatedBy } = row.values;
  return {
    updatedAt:
      updatedAt instanceof Date ? toIsoDateTime(updatedAt) : typeof updatedAt === 'string' ? updatedAt : '',
    updatedBy: typeof updatedBy === 'string' ? updatedBy : '',
  };
}

// ------------------------------------------------------------------ finding the record

const sameId = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();
export const idOf = (row: TableRow) => (typeof row.values.id === 'string' ? row.values.id : '');

/** The row holding the ID (exactly one), whatever row it was loaded from. */
export function findActionRow(table: Table, id: string, noun: RecordNoun = ACTION_NOUN): TableRow {
  const rows = table.rows.filter((r) => sameId(idOf(r), id));
  if (rows.length === 0) {
    throw new Error(
      `${noun.the} ${id} est introuvable dans la feuille « ${table.spec.name} » : elle a peut-être été supprimée ou son ID modifié. Rechargez-la.`,
    );
  }
  if (rows.length > 1) {
    throw new Error(
      `L’ID ${id} figure sur plusieurs lignes de « ${table.spec.name} » (${rows.map((r) => r.row).join(', ')}) : corrigez le doublon avant d’enregistrer.`,
    );
  }
  return rows[0]!;
}

/** A row typed without ID, found at its row only if it still holds exactly what was loaded. */
function findRowWithoutId(table: Table, origin: Origin): TableRow {
  const row = table.rows.find((r) => r.row === origin.row);
  if (!row || idOf(row) !== '' || rowVersion(table, row.raw) !== origin.version) {
    throw new Error(
      `La ligne ${origin.row} de « ${table.spec.name} » a changé depuis son ouverture (lignes insérées, supprimées ou modifiées). Rechargez-la avant d’enregistrer.`,
    );
  }
  return row;
}

/** The row to overwrite, after checking that nobody changed it since `origin` was read. */
export function locateForUpdate(
  table: Table,
  id: string,
  origin: Origin,
  noun: RecordNoun = ACTION_NOUN,
): TableRow {
  if (id.trim() === '') return findRowWithoutId(table, origin);
  const row = findActionRow(table, id, noun);
  if (rowVersion(table, row.raw) !== origin.version) {
    throw new Error(conflictMessage(row.row, rowStamp(row), noun));
  }
  return row;
}

/** The loaded form of a row: codes and status put back to their canonical spelling, and its version. */
export function loadedAction(table: Table, row: TableRow, lists?: ReferenceLists): LoadedAction {
  const action = actionFromRow(table, row, table.spec.domain!);
  return {
    action: lists ? canonicalCodes(action, lists) : action,
    version: rowVersion(table, row.raw),
    sheet: table.spec.name,
    row: row.row,
  };
}

function canonicalCodes(action: Action, lists: ReferenceLists): Action {
  const domain = findDomain(lists.referentiel, action.domain);
  const objectives = domain?.objectives ?? [];
  const canonical = (typed: string, codes: string[]) =>
    typed ? (resolveCode(typed, codes)?.code ?? typed) : typed;
  const objective = canonical(
    action.objective,
    objectives.map((o) => o.code),
  );
  const lines = objectives.find((o) => o.code === objective)?.lines ?? [];
  const territories = lists.territories.map((t) => t.code);
  const status = STATUSES.find((s) => normaliseKey(s) === normaliseKey(action.status)) ?? action.status;
  return {
    ...action,
    status,
    objective,
    actionLine: canonical(
      action.actionLine,
      lines.map((l) => l.code),
    ),
    territories: action.territories.map((t) => canonical(t, territories)),
    axes: action.axes.map((a) =>
      canonical(
        a,
        lists.referentiel.axes.map((x) => x.code),
      ),
    ),
  };
}

// ------------------------------------------------------------------ laying rows out

export interface Stamp {
  at: Date;
  by: string;
}

export interface RowWrite {
  row: number;
  created: boolean;
  /** The record's own cells to write; no other cell of the row is written. */
  cells: OwnCell[];
  journal: JournalEntry;
}

const dateOrNull = (iso: string | null) => (iso ? fromIsoDate(iso) : null);

/** Google Sheets holds at most 50,000 characters in a cell, and says so in English. */
export const MAX_CELL_CHARS = 50_000;

/** The row's cells, once checked to fit: a text too long is refused in French, before anything is written. */
export function fittingCells(table: Table, cells: OwnCell[]): OwnCell[] {
  const long = cells.find((c) => typeof c.value === 'string' && c.value.length > MAX_CELL_CHARS);
  if (!long) return cells;
  const i = long.column;
  const column = cellText(table.headerRow[i] ?? '').trim() || `colonne ${columnLetter(i)}`;
  throw new Error(
    `« ${column} » dépasse ${formatNumberFr(MAX_CELL_CHARS)} caractères, le maximum d’une cellule : raccourcissez le texte avant d’enregistrer.`,
  );
}

/** Code cells hold "RU1 — label", as the sheet's dropdowns do; an unknown code is kept as typed. */
function codeCell(code: string, label: string | undefined): string {
  return code && label ? codeLabel(code, label) : code;
}

/** The action's own columns (funders apart) as typed cell values. */
export function actionCellValues(action: Action, ref: Referentiel, stamp: Stamp): Record<string, TypedValue> {
  const objective = findObjective(ref, action.objective);
  const line = objective?.lines.find((l) => l.code === action.actionLine);
  return {
    id: action.id,
    objective: codeCell(action.objective, objective?.label),
    actionLine: codeCell(action.actionLine, line?.label),
    title: action.title,
    porteur: action.porteur,
    partners: action.partners,
    territories: action.territories,
    axes: action.axes,
    publicCible: action.publicCible,
    chantier: action.chantier,
    participation: action.participation,
    participationHow: action.participationHow,
    status: action.status,
    startDate: dateOrNull(action.startDate),
    endDate: dateOrNull(action.endDate),
    budget: action.budget,
    credits: action.credits,
    spent: action.spent,
    beneficiaries: action.beneficiaries,
    avancees: action.avancees,
    freins: action.freins,
    updatedAt: stamp.at,
    updatedBy: stamp.by,
  };
}

/** Funder codes with an amount but no « Financement CODE (€) » column in the sheet. */
export function missingFunderColumns(table: Table, funding: Record<string, number>): string[] {
  const columns = funderColumns(table.mapping);
  return Object.entries(funding)
    .filter(([code, amount]) => amount !== 0 && !columns.has(code))
    .map(([code]) => code);
}

export function checkSheetColumns(table: Table, funding: Record<string, number>): void {
  const missing = [
    ...table.mapping.missing.map((c) => c.header),
    ...missingFunderColumns(table, funding).map(funderHeader),
  ];
  if (missing.length > 0) {
    throw new Error(
      `La feuille « ${table.spec.name} » n’a pas les colonnes ${missing.map((h) => `« ${h} »`).join(', ')} : lancez « Installer ou mettre à jour le classeur ».`,
    );
  }
  const twice = table.mapping.duplicates.map((d) => `« ${d.column.header} »`);
  if (twice.length > 0) {
    // Writing would fill the first of two same-named columns, perhaps the user's: refuse rather than guess.
    throw new Error(
      `La feuille « ${table.spec.name} » a plusieurs colonnes ${twice.join(', ')} : renommez celle qui n’est pas la bonne, puis enregistrez à nouveau (rien n’a été écrit).`,
    );
  }
}

/** The journal's view of an action: one readable value per column, funders by their column. */
function actionView(action: Action, funderCodes: Iterable<string>): Record<string, unknown> {
  const { updatedAt: _at, updatedBy: _by, funding, domain: _domain, ...own } = action;
  const view: Record<string, unknown> = {
    ...own,
    territories: action.territories.join(' ; '),
    axes: action.axes.join(' ; '),
    chantier: action.chantier ? 'oui' : 'non',
    participation: action.participation ? 'oui' : 'non',
    startDate: action.startDate ? formatDateFr(fromIsoDate(action.startDate)!) : '',
    endDate: action.endDate ? formatDateFr(fromIsoDate(action.endDate)!) : '',
  };
  for (const key of ['budget', 'credits', 'spent', 'beneficiaries'] as const) {
    view[key] = action[key] === null ? '' : formatNumberFr(action[key]!);
  }
  for (const code of funderCodes) {
    const amount = funding[code];
    view[`${FUNDER_KEY_PREFIX}${code}`] = amount === undefined ? '' : formatNumberFr(amount);
  }
  return view;
}

export function journalLabels(table: Table, funderCodes: Iterable<string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const column of table.spec.columns) labels[column.key] = column.header;
  for (const code of funderCodes) labels[`${FUNDER_KEY_PREFIX}${code}`] = funderHeader(code);
  return labels;
}

function actionJournal(
  table: Table,
  operation: string,
  before: Action | null,
  after: Action,
  user: string,
): JournalEntry {
  const codes = new Set([...Object.keys(before?.funding ?? {}), ...Object.keys(after.funding)]);
  const labels = journalLabels(table, codes);
  const changes = describeChanges(before && actionView(before, codes), actionView(after, codes), labels);
  return { operation, sheet: table.spec.name, record: after.id, user, ...changes };
}

/** The action's own cells (funder columns included) that differ from what the row holds. */
function actionCells(
  table: Table,
  action: Action,
  ref: Referentiel,
  stamp: Stamp,
  previous: TableRow | null,
): OwnCell[] {
  const cells = ownCells(table.mapping, actionCellValues(action, ref, stamp));
  for (const [code, column] of funderColumns(table.mapping)) {
    cells.push({ column, value: action.funding[code] ?? '' });
  }
  return recordCells(cells, previous);
}

/**
 * What a save writes: a new row gets all its own cells, an existing one only those that change, so
 * that a formula, a link or a date the save does not change stays exactly as it was.
 */
export function recordCells(cells: OwnCell[], previous: TableRow | null): OwnCell[] {
  return previous ? changedCells(cells, previous.raw) : cells;
}

/** Where the next new row goes: right after the last row holding anything. */
export function nextFreeRow(table: Table): number {
  return (table.rows[table.rows.length - 1]?.row ?? 1) + 1;
}

export interface ActionSaveTarget {
  /** The row to overwrite, or null for a new action. */
  existing: TableRow | null;
  /** The action to write, its ID assigned when it had none. */
  action: Action;
}

function checkDomainSheet(table: Table, domain: string): void {
  if (domain !== table.spec.domain) throw new Error('Domaine de l’action et feuille ne concordent pas.');
}

/**
 * Server side, under the lock, from a fresh read of the domain sheet: checks the request against the
 * workbook's lists and the sheet's columns, finds the row (by ID) and checks its version, assigns the ID.
 */
export function prepareActionSave(
  table: Table,
  request: SaveActionRequest,
  lists: ReferenceLists,
): ActionSaveTarget {
  const { action, origin } = request;
  checkDomainSheet(table, action.domain);
  const errors = actionReferenceErrors(action, lists);
  if (Object.keys(errors).length > 0) refuse(errors);
  checkSheetColumns(table, action.funding);
  if (origin === null && action.id !== '') {
    throw new Error('Une nouvelle action reçoit son ID à l’enregistrement : laissez le champ ID vide.');
  }
  const existing = origin ? locateForUpdate(table, action.id, origin) : null;
  const id = action.id || nextActionId(table.rows.map(idOf), action.domain);
  return { existing, action: { ...action, id: existing && action.id ? idOf(existing) : id } };
}

export function actionWrite(
  table: Table,
  target: ActionSaveTarget,
  ref: Referentiel,
  stamp: Stamp,
): RowWrite {
  const { existing } = target;
  const action = { ...target.action, updatedAt: '', updatedBy: stamp.by };
  const before = existing && actionFromRow(table, existing, action.domain);
  return {
    row: existing?.row ?? nextFreeRow(table),
    created: existing === null,
    cells: fittingCells(table, actionCells(table, action, ref, stamp, existing)),
    journal: actionJournal(table, existing ? 'modification' : 'création', before, action, stamp.by),
  };
}

/** Server side: the progress request's row, checked like a save, with the rules the status brings. */
export function prepareProgress(table: Table, request: ProgressRequest): TableRow {
  checkDomainSheet(table, request.domain);
  const row = locateForUpdate(table, request.id, request.origin);
  const errors = progressErrors(request, actionFromRow(table, row, request.domain));
  if (Object.keys(errors).length > 0) refuse(errors);
  return row;
}

/** Writes only the status, the year's avancées / freins and the stamp; every other cell stays. */
export function progressWrite(table: Table, row: TableRow, request: ProgressRequest, stamp: Stamp): RowWrite {
  const before = actionFromRow(table, row, request.domain);
  const id = before.id || nextActionId(table.rows.map(idOf), request.domain);
  const after: Action = {
    ...before,
    id,
    status: request.status,
    avancees: setProgressForYear(before.avancees, request.year, request.avancees),
    freins: setProgressForYear(before.freins, request.year, request.freins),
  };
  const values: Record<string, TypedValue> = {
    id,
    status: after.status,
    avancees: after.avancees,
    freins: after.freins,
    updatedAt: stamp.at,
    updatedBy: stamp.by,
  };
  return {
    row: row.row,
    created: false,
    cells: fittingCells(table, recordCells(ownCells(table.mapping, values), row)),
    journal: actionJournal(table, `avancement ${request.year}`, before, after, stamp.by),
  };
}

/** Reads back one written row, as the sheet now holds it, into what the sidebar keeps. */
export function rereadAction(table: Table, rowNumber: number, raw: CellValue[]): LoadedAction {
  const reread = readTable(table.spec, [table.headerRow, raw]).rows[0];
  if (!reread) throw new Error(`La ligne ${rowNumber} est vide après l’enregistrement.`);
  return loadedAction(table, { ...reread, row: rowNumber });
}

// ------------------------------------------------------------------ measures

export interface MeasureWrite extends RowWrite {
  measure: SavedMeasureRecord;
  previousValue: number | null;
  /** Other rows holding the same (indicator, year, territory): left alone, reported. */
  duplicates: number[];
}

const codeText = (v: TypedValue | undefined) => normaliseKey(codeOf(typeof v === 'string' ? v : ''));

function sameMeasureKey(row: TableRow, m: MeasureRequest): boolean {
  return (
    codeText(row.values.indicator) === normaliseKey(m.indicator) &&
    row.values.year === m.year &&
    codeText(row.values.territory) === normaliseKey(m.territory)
  );
}

/** The row already holding (indicator, year, territory), if any, and the other rows holding it too. */
export function locateMeasure(
  table: Table,
  request: MeasureRequest,
): { existing: TableRow | null; duplicates: number[] } {
  checkSheetColumns(table, {});
  const [existing, ...others] = table.rows.filter((r) => sameMeasureKey(r, request));
  return { existing: existing ?? null, duplicates: others.map((r) => r.row) };
}

/** The sidebar does not show a row's source and comment: left blank in the form, the row's are kept. */
function keepRowNotes(request: MeasureRequest, existing: TableRow | null): MeasureRequest {
  if (!existing) return request;
  const kept = (key: 'source' | 'comment') => {
    const value = existing.values[key];
    return typeof value === 'string' ? value : '';
  };
  return {
    ...request,
    source: request.source || kept('source'),
    comment: request.comment || kept('comment'),
  };
}

/** Upsert by (indicator, year, territory): a replaced value keeps its row, a new one goes at the end. */
export function measureWrite(
  table: Table,
  typed: MeasureRequest,
  located: { existing: TableRow | null; duplicates: number[] },
  stamp: Stamp,
): MeasureWrite {
  const { existing, duplicates } = located;
  const request = keepRowNotes(typed, existing);
  // A typed value replaces a « secret statistique » mark: the two never stand together.
  const values: Record<string, TypedValue> = {
    ...request,
    marker: '',
    updatedAt: stamp.at,
    updatedBy: stamp.by,
  };
  const previousValue = typeof existing?.values.value === 'number' ? existing.values.value : null;
  const view = (m: Record<string, unknown>) => ({ ...m, value: cellText(m.value as CellValue) });
  const before = existing ? view({ ...existing.values, value: previousValue }) : null;
  return {
    row: existing?.row ?? nextFreeRow(table),
    created: !existing,
    cells: fittingCells(table, recordCells(ownCells(table.mapping, values), existing)),
    journal: {
      operation: existing ? 'remplacement de mesure' : 'création de mesure',
      sheet: table.spec.name,
      record: `${request.indicator} ${request.year} ${request.territory}`,
      user: stamp.by,
      ...describeChanges(before, view({ ...request }), journalLabels(table, [])),
    },
    measure: { ...request, marker: '', updatedAt: toIsoDateTime(stamp.at), updatedBy: stamp.by },
    previousValue,
    duplicates,
  };
}

export function measureMessage(
  write: Pick<MeasureWrite, 'created' | 'row' | 'previousValue' | 'duplicates' | 'measure'>,
  sheet: string,
): string {
  const where = `ligne ${write.row} de « ${sheet} »`;
  const base = write.created
    ? `Mesure créée (${where}).`
    : `Mesure remplacée (${where}) : ${write.previousValue === null ? 'valeur vide' : formatNumberFr(write.previousValue)} → ${formatNumberFr(write.measure.value)}.`;
  const dup = write.duplicates.length
    ? ` Attention : la même mesure figure aussi ligne ${write.duplicates.join(', ')} ; supprimez le doublon.`
    : '';
  return base + dup;
}

// ------------------------------------------------------------------ what the sidebar receives

export interface LoadedAction {
  action: Action;
  /** Fingerprint of the row as read, sent back with a save to detect a concurrent change. */
  version: string;
  sheet: string;
  row: number;
}

export interface SavedAction extends LoadedAction {
  created: boolean;
  message: string;
}

export interface SavedMeasure {
  created: boolean;
  sheet: string;
  row: number;
  measure: SavedMeasureRecord;
  message: string;
}

export interface ActionSummary {
  id: string;
  title: string;
  domain: string;
  sheet: string;
  row: number;
  status: string;
  /** Its transversal axes, for the search's filter. */
  axes: string[];
}

export interface MeasureSummary {
  indicator: string;
  year: number;
  territory: string;
  value: number;
}

export interface SidebarData {
  referentiel: Referentiel;
  territories: Territory[];
  funders: Funder[];
  indicators: Indicator[];
  settings: Settings;
  statuses: Status[];
  /** The action under the cursor when it is on an action row of a domain sheet. */
  currentAction: LoadedAction | null;
  /** The domain of the sheet under the cursor, proposed for a new action. */
  activeDomain: string | null;
  actionsIndex: ActionSummary[];
  /** Values of the recent years (see RECENT_MEASURE_YEARS). */
  measures: MeasureSummary[];
  /** Every decision of the Décisions sheet, most recent first (src/core/decisions.ts). */
  decisions: LoadedDecision[];
  user: string;
}

export function referenceLists(data: WorkbookData): ReferenceLists {
  return {
    referentiel: data.referentiel,
    territories: data.territories,
    funders: data.funders,
    indicators: data.indicators.map((i) => i.record),
  };
}

export function domainTable(data: WorkbookData, domain: string): Table {
  const table = data.tables.get(`actions:${domain}`);
  const known = findDomain(data.referentiel, domain);
  if (!known) {
    throw new Error(
      `Domaine inconnu\u00a0: « ${domain} » n’est pas un domaine actif de la feuille Référentiel.`,
    );
  }
  if (!table) {
    const name = known.name;
    throw new Error(
      `La feuille « ${name} » est absente : lancez « Installer ou mettre à jour le classeur ».`,
    );
  }
  return table;
}

/** The action on row `row` of sheet `sheet`, when that is an action row of a domain sheet. */
export function actionAt(data: WorkbookData, sheet: string, row: number): LoadedAction | null {
  const spec = data.specs.find((s) => s.role === 'actions' && s.name === sheet);
  const table = spec && data.tables.get(spec.key);
  const found = table?.rows.find((r) => r.row === row);
  return table && found ? loadedAction(table, found, referenceLists(data)) : null;
}

export function loadAction(data: WorkbookData, request: LoadActionRequest): LoadedAction {
  const table = domainTable(data, request.domain);
  if (request.id) return loadedAction(table, findActionRow(table, request.id), referenceLists(data));
  const found = request.row === null ? null : actionAt(data, table.spec.name, request.row);
  if (!found)
    throw new Error(`La ligne ${request.row ?? '?'} de « ${table.spec.name} » est vide. Rechargez la liste.`);
  return found;
}

/**
 * Years before the reporting year whose values the sidebar gets, to say beforehand that a value will be
 * replaced: enough for the usual catch-up, while Mesures can hold ten thousand rows. For older years the
 * server's answer still says whether it created or replaced.
 */
const RECENT_MEASURE_YEARS = 2;

export function sidebarData(
  data: WorkbookData,
  active: { sheet: string; row: number } | null,
  user: string,
): Omit<SidebarData, 'decisions'> {
  const activeSpec = active && data.specs.find((s) => s.role === 'actions' && s.name === active.sheet);
  return {
    referentiel: data.referentiel,
    territories: data.territories,
    funders: data.funders,
    indicators: data.indicators.map((i) => i.record),
    settings: data.settings,
    statuses: [...STATUSES],
    currentAction: active && activeSpec ? actionAt(data, active.sheet, active.row) : null,
    activeDomain: activeSpec?.domain ?? null,
    actionsIndex: data.actions.map(({ sheet, row, record }) => ({
      id: record.id,
      title: record.title,
      domain: record.domain,
      sheet,
      row,
      status: record.status,
      axes: record.axes,
    })),
    measures: data.measures.flatMap(({ record: m }) =>
      m.year >= data.settings.reportingYear - RECENT_MEASURE_YEARS && m.value !== null
        ? [{ indicator: m.indicator, year: m.year, territory: m.territory, value: m.value }]
        : [],
    ),
    user,
  };
}
