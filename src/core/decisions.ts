/**
 * The Décisions sheet as the sidebar edits it: what a comité decided, checked against the référentiel
 * and the actions, found by ID under the lock with the row-version check of actions, journaled.
 * Pure: plain JSON in, cells and journal entries out.
 */
import * as z from 'zod';
import { type CellValue, formatDateFr, fromIsoDate, normaliseKey } from './cells';
import {
  type Checked,
  checkSheetColumns,
  fittingCells,
  formErrors,
  idOf,
  journalLabels,
  locateForUpdate,
  nextFreeRow,
  OriginSchema,
  type RecordNoun,
  type RowWrite,
  recordCells,
  refuse,
  rowVersion,
  type Stamp,
} from './editing';
import { nextActionId } from './ids';
import { describeChanges } from './journal';
import { decisionFromRow, type Located, resolveCode, type WorkbookData } from './records';
import type { Referentiel } from './referentiel';
import { type Decision, DecisionSchema } from './schemas';
import { ownCells, readTable, type Table, type TableRow, type TypedValue } from './table';
import { decisionInstances } from './workbook';

export const DECISION_ID_PREFIX = 'DEC';
const DECISION_NOUN: RecordNoun = { the: 'La décision', this: 'Cette décision' };

/** Create (origin null, ID empty: it is assigned) or edit (origin of the loaded row). */
export const SaveDecisionRequestSchema = z.object({
  decision: DecisionSchema,
  origin: OriginSchema.nullable(),
});
export type SaveDecisionRequest = z.infer<typeof SaveDecisionRequestSchema>;

/** What a decision's instance and codes are checked against. */
export interface DecisionLists {
  referentiel: Referentiel;
  actionIds: string[];
}

export function decisionLists(data: Pick<WorkbookData, 'referentiel' | 'actions'>): DecisionLists {
  return {
    referentiel: data.referentiel,
    actionIds: data.actions.map((a) => a.record.id).filter((id) => id !== ''),
  };
}

/** The codes a decision may concern: domains, objectives, then actions and chantiers prioritaires by ID. */
export function concernableCodes(lists: DecisionLists): string[] {
  const { domains } = lists.referentiel;
  return [
    ...domains.map((d) => d.code),
    ...domains.flatMap((d) => d.objectives.map((o) => o.code)),
    ...lists.actionIds,
  ];
}

/** The instance as the référentiel spells it, or null when it is none of the contract's bodies. */
export function canonicalInstance(typed: string, ref: Referentiel): string | null {
  return decisionInstances(ref).find((i) => normaliseKey(i) === normaliseKey(typed)) ?? null;
}

export function unknownInstanceMessage(instance: string): string {
  return `Instance inconnue : « ${instance} ». Choisissez le comité de pilotage, le comité opérationnel ou l’instance de pilotage d’un domaine (Référentiel).`;
}

export function unknownConcernsMessage(codes: string[]): string {
  return `${codes.length > 1 ? 'Codes inconnus' : 'Code inconnu'} (domaine, objectif ou ID d’action) : ${codes.join(', ')}.`;
}

/** The instance and codes of a decision that the référentiel and the actions do not know. */
export function decisionReferenceErrors(
  decision: Pick<Decision, 'instance' | 'concerns'>,
  lists: DecisionLists,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (decision.instance && !canonicalInstance(decision.instance, lists.referentiel)) {
    errors.instance = unknownInstanceMessage(decision.instance);
  }
  const codes = concernableCodes(lists);
  const unknown = decision.concerns.filter((c) => !resolveCode(c, codes));
  if (unknown.length > 0) errors.concerns = unknownConcernsMessage(unknown);
  return errors;
}

/** The whole check of a decision form: schema, rule between dates, then instance and codes. */
export function checkDecision(candidate: unknown, lists: DecisionLists): Checked<Decision> {
  const parsed = DecisionSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: formErrors(parsed.error) };
  const errors = decisionReferenceErrors(parsed.data, lists);
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: parsed.data };
}

// ------------------------------------------------------------------ what the sidebar receives

export interface LoadedDecision {
  decision: Decision;
  /** Fingerprint of the row as read, sent back with a save to detect a concurrent change. */
  version: string;
  sheet: string;
  row: number;
}

export interface SavedDecision extends LoadedDecision {
  created: boolean;
  message: string;
}

export function loadedDecision(table: Table, row: TableRow): LoadedDecision {
  return {
    decision: decisionFromRow(row),
    version: rowVersion(table, row.raw),
    sheet: table.spec.name,
    row: row.row,
  };
}

/** Every decision of the sheet with its version, most recent meeting first. */
export function loadedDecisions(data: Pick<WorkbookData, 'tables'>): LoadedDecision[] {
  const table = data.tables.get('decisions');
  if (!table) return [];
  return table.rows
    .map((row) => loadedDecision(table, row))
    .sort((a, b) => b.decision.date.localeCompare(a.decision.date) || a.row - b.row);
}

export function decisionsTable(data: Pick<WorkbookData, 'tables'>): Table {
  const table = data.tables.get('decisions');
  if (!table) {
    throw new Error(
      'La feuille « Décisions » est absente : lancez « Installer ou mettre à jour le classeur ».',
    );
  }
  return table;
}

// ------------------------------------------------------------------ saving

export interface DecisionSaveTarget {
  existing: TableRow | null;
  decision: Decision;
}

/**
 * Server side, under the lock, from a fresh read: checks the request against the référentiel and the
 * actions, finds the row by ID and checks its version, assigns the ID, puts codes in their spelling.
 */
export function prepareDecisionSave(
  table: Table,
  request: SaveDecisionRequest,
  lists: DecisionLists,
): DecisionSaveTarget {
  const { decision, origin } = request;
  const errors = decisionReferenceErrors(decision, lists);
  if (Object.keys(errors).length > 0) refuse(errors);
  checkSheetColumns(table, {});
  if (origin === null && decision.id !== '') {
    throw new Error('Une nouvelle décision reçoit son ID à l’enregistrement : laissez le champ ID vide.');
  }
  const existing = origin ? locateForUpdate(table, decision.id, origin, DECISION_NOUN) : null;
  const id =
    existing && decision.id
      ? idOf(existing)
      : decision.id || nextActionId(table.rows.map(idOf), DECISION_ID_PREFIX);
  const codes = concernableCodes(lists);
  return {
    existing,
    decision: {
      ...decision,
      id,
      instance: canonicalInstance(decision.instance, lists.referentiel)!,
      concerns: decision.concerns.map((c) => resolveCode(c, codes)!.code),
    },
  };
}

const dateOrNull = (iso: string | null) => (iso ? fromIsoDate(iso) : null);
const dateText = (iso: string | null) => (iso ? formatDateFr(fromIsoDate(iso)!) : '');

/** The journal's view of a decision: one readable value per column. */
function decisionView(d: Decision): Record<string, unknown> {
  const { updatedAt: _at, updatedBy: _by, ...own } = d;
  return { ...own, date: dateText(d.date), deadline: dateText(d.deadline) };
}

export function decisionWrite(table: Table, target: DecisionSaveTarget, stamp: Stamp): RowWrite {
  const { existing, decision } = target;
  const values: Record<string, TypedValue> = {
    id: decision.id,
    instance: decision.instance,
    date: dateOrNull(decision.date),
    kind: decision.kind,
    decision: decision.decision,
    concerns: decision.concerns,
    responsable: decision.responsable,
    deadline: dateOrNull(decision.deadline),
    suite: decision.suite,
    comment: decision.comment,
    updatedAt: stamp.at,
    updatedBy: stamp.by,
  };
  const before = existing && decisionFromRow(existing);
  return {
    row: existing?.row ?? nextFreeRow(table),
    created: existing === null,
    cells: fittingCells(table, recordCells(ownCells(table.mapping, values), existing)),
    journal: {
      operation: existing ? 'modification de décision' : 'création de décision',
      sheet: table.spec.name,
      record: decision.id,
      user: stamp.by,
      ...describeChanges(before && decisionView(before), decisionView(decision), journalLabels(table, [])),
    },
  };
}

/** Reads back one written row, as the sheet now holds it. */
export function rereadDecision(table: Table, rowNumber: number, raw: CellValue[]): LoadedDecision {
  const reread = readTable(table.spec, [table.headerRow, raw]).rows[0];
  if (!reread) throw new Error(`La ligne ${rowNumber} est vide après l’enregistrement.`);
  return loadedDecision(table, { ...reread, row: rowNumber });
}

export function decisionMessage(saved: LoadedDecision, created: boolean): string {
  const verb = created ? 'créée' : 'enregistrée';
  return `Décision ${saved.decision.id} ${verb} (ligne ${saved.row} de « ${saved.sheet} »).`;
}

/** The decisions that concern a code (a domain, an objective, an action), in date order. */
export function decisionsConcerning(decisions: Located<Decision>[], code: string): Decision[] {
  const key = normaliseKey(code);
  return decisions
    .map((d) => d.record)
    .filter((d) => d.concerns.some((c) => normaliseKey(c) === key))
    .sort((a, b) => a.date.localeCompare(b.date));
}
