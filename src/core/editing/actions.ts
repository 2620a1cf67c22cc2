/**
 * Saving an action or its progress: the row's own cells, the Journal's view, the checks under the lock,
 * the row read back.
 */

import { type CellValue, formatDateFr, formatNumberFr, fromIsoDate, normaliseKey } from '../cells';
import { nextActionId } from '../ids';
import type { JournalEntry } from '../journal';
import { describeChanges } from '../journal';
import { setProgressForYear } from '../progress';
import { actionFromRow, resolveCode } from '../records';
import { findDomain, findObjective, type Referentiel, STATUSES } from '../referentiel';
import type { Action } from '../schemas';
import {
  funderColumns,
  type OwnCell,
  ownCells,
  readTable,
  type Table,
  type TableRow,
  type TypedValue,
} from '../table';
import { codeLabel, FUNDER_KEY_PREFIX, funderHeader } from '../workbook';
import { actionReferenceErrors, progressErrors, type ReferenceLists } from './checks';
import { type ProgressRequest, refuse, type SaveActionRequest } from './requests';
import {
  fittingCells,
  idOf,
  locateForUpdate,
  nextFreeRow,
  type RowWrite,
  recordCells,
  rowVersion,
  type Stamp,
} from './rows';
import type { LoadedAction } from './sidebar-data';

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

const dateOrNull = (iso: string | null) => (iso ? fromIsoDate(iso) : null);

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
