/**
 * From sheet grids to typed records, and back. Reading never fails: what cannot be understood is kept
 * as a problem located at its cell, and the record gets the best value that can be read.
 */

import type * as z from 'zod';
import { cellText, codeKey, type Grid, normaliseKey, readNumber } from './cells';
import { TRANSVERSAL } from './observation/vocabulary';
import { DEFAULT_REFERENTIEL, hasOpinions } from './presets';
import type { Problem } from './problems';
import { readReferentiel, referentielOfGrids, sheetNameFrom } from './records/referentiel';
import { readSettings } from './records/settings';
import { bool, iso, isoDateTime, list, num, str } from './records/values';
import { DEFAULT_FUNDERS, DEFAULT_TERRITORIES, type Referentiel } from './referentiel';
import {
  type Action,
  ActionSchema,
  type Decision,
  DecisionSchema,
  type Funder,
  type Indicator,
  IndicatorSchema,
  type Measure,
  MeasureSchema,
  type Opinion,
  OpinionSchema,
  type Settings,
  type Territory,
  TerritorySchema,
} from './schemas';
import { funderColumns, readTable, type Table, type TableRow } from './table';
import { CODE_SEPARATOR, SHEET_NAMES, type SheetSpec, sheetSpecByRole, workbookSpec } from './workbook';

export { readReferentiel, referentielOfGrids, sheetNameFrom };

export interface Located<T> {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  record: T;
}

export interface WorkbookData {
  settings: Settings;
  referentiel: Referentiel;
  territories: Territory[];
  funders: Funder[];
  actions: Located<Action>[];
  indicators: Located<Indicator>[];
  measures: Located<Measure>[];
  /** The Décisions sheet's rows: what the comités decided and its suite. */
  decisions: Located<Decision>[];
  /** The Avis sheet's rows (contrats de ville); none when the workbook has no such sheet. */
  opinions: Located<Opinion>[];
  specs: SheetSpec[];
  /** Tables read, by spec key (absent when the sheet is missing). */
  tables: Map<string, Table>;
  /** Problems met while reading: cell types, required fields, schema rules. */
  problems: Problem[];
}

/** The code at the start of "RU1 — Améliorer …" (or of a bare "RU1"). */
export function codeOf(text: string): string {
  const beforeLabel = text.split(CODE_SEPARATOR)[0]!.split(/\s+[-–—]\s+/)[0]!;
  return beforeLabel.trim();
}

/** Finds the canonical spelling of a code typed with another case, accents or spaces. */
export function resolveCode(
  typed: string,
  candidates: Iterable<string>,
): { code: string; exact: boolean } | null {
  const wanted = codeKey(typed);
  for (const candidate of candidates) {
    if (candidate === typed) return { code: candidate, exact: true };
  }
  for (const candidate of candidates) {
    if (codeKey(candidate) === wanted) return { code: candidate, exact: false };
  }
  return null;
}

function readFunders(table: Table | undefined): Funder[] {
  if (!table) return DEFAULT_FUNDERS.map((f) => ({ ...f, active: true }));
  return table.rows
    .filter((r) => str(r.values.code) !== '')
    .map((r) => ({
      code: str(r.values.code),
      name: str(r.values.name),
      kind: str(r.values.kind),
      active: r.values.active !== false,
    }));
}

function readTerritories(table: Table | undefined, problems: Problem[]): Territory[] {
  if (!table) return DEFAULT_TERRITORIES.map((t) => ({ ...t, officialCode: '', comment: '' }));
  return table.rows.flatMap((r) => {
    const candidate = {
      code: str(r.values.code),
      name: str(r.values.name),
      level: str(r.values.level),
      parent: str(r.values.parent),
      officialCode: str(r.values.officialCode),
      comment: str(r.values.comment),
    };
    const parsed = parseLocated(TerritorySchema, candidate, table, r, problems);
    return parsed ? [parsed] : [];
  });
}

function parseLocated<S extends z.ZodType>(
  schema: S,
  candidate: unknown,
  table: Table,
  row: TableRow,
  problems: Problem[],
): z.infer<S> | null {
  problems.push(...row.problems);
  const parsed = schema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const flagged = new Set(row.problems.map((p) => p.column));
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    const column = table.spec.columns.find((c) => c.key === key);
    if (column && flagged.has(column.header)) continue;
    const index = column ? (table.mapping.index.get(column.key) ?? null) : null;
    problems.push({
      severity: 'erreur',
      sheet: table.spec.name,
      row: row.row,
      column: column?.header ?? null,
      columnIndex: index,
      value: index === null ? '' : cellText(row.raw[index] ?? ''),
      message: issue.message,
    });
  }
  return null;
}

/** An action as read from its row (best effort: invalid cells give empty values). */
export function actionFromRow(table: Table, row: TableRow, domain: string): Action {
  const v = row.values;
  const funding: Record<string, number> = {};
  for (const [code, index] of funderColumns(table.mapping)) {
    const amount = readNumber(row.raw[index] ?? '');
    if (amount.ok && amount.value !== 0) funding[code] = amount.value;
  }
  return {
    id: str(v.id),
    domain,
    objective: codeOf(str(v.objective)),
    actionLine: codeOf(str(v.actionLine)),
    title: str(v.title),
    porteur: str(v.porteur),
    partners: str(v.partners),
    territories: list(v.territories),
    axes: list(v.axes),
    publicCible: str(v.publicCible),
    chantier: bool(v.chantier),
    participation: bool(v.participation),
    participationHow: str(v.participationHow),
    status: str(v.status) as Action['status'],
    startDate: iso(v.startDate),
    endDate: iso(v.endDate),
    budget: num(v.budget),
    credits: num(v.credits),
    funding,
    spent: num(v.spent),
    beneficiaries: num(v.beneficiaries),
    avancees: str(v.avancees),
    freins: str(v.freins),
    updatedAt: isoDateTime(v.updatedAt),
    updatedBy: str(v.updatedBy),
  };
}

/** Each row read into a candidate by `candidateOf` and parsed by `schema`; only valid rows are kept, with their place. */
function readValid<S extends z.ZodType>(
  table: Table | undefined,
  schema: S,
  problems: Problem[],
  candidateOf: (values: TableRow['values']) => unknown,
): Located<z.infer<S>>[] {
  if (!table) return [];
  return table.rows.flatMap((row) => {
    const record = parseLocated(schema, candidateOf(row.values), table, row, problems);
    return record ? [{ sheet: table.spec.name, row: row.row, record }] : [];
  });
}

function readActions(table: Table, domain: string, problems: Problem[]): Located<Action>[] {
  return table.rows.map((row) => {
    const action = actionFromRow(table, row, domain);
    parseLocated(ActionSchema, action, table, row, problems);
    return { sheet: table.spec.name, row: row.row, record: action };
  });
}

/** « transversal », typed or picked from the list, is the empty domain of a context indicator. */
function indicatorDomain(typed: string): string {
  const code = codeOf(typed);
  return normaliseKey(code) === TRANSVERSAL ? '' : code;
}

function readIndicators(table: Table | undefined, problems: Problem[]): Located<Indicator>[] {
  return readValid(table, IndicatorSchema, problems, (v) => ({
    code: str(v.code),
    domain: indicatorDomain(str(v.domain)),
    objective: codeOf(str(v.objective)),
    label: str(v.label),
    kind: str(v.kind),
    unit: str(v.unit),
    direction: str(v.direction),
    baseline: num(v.baseline),
    baselineYear: num(v.baselineYear),
    target: num(v.target),
    targetYear: num(v.targetYear),
    source: str(v.source),
    comment: str(v.comment),
    millesime: str(v.millesime),
    aggregation: str(v.aggregation),
    weight: codeOf(str(v.weight)),
    variables: list(v.variables),
  }));
}

function readMeasures(table: Table | undefined, problems: Problem[]): Located<Measure>[] {
  return readValid(table, MeasureSchema, problems, (v) => ({
    indicator: str(v.indicator),
    year: num(v.year),
    territory: str(v.territory),
    value: num(v.value),
    marker: str(v.marker),
    source: str(v.source),
    comment: str(v.comment),
    updatedAt: isoDateTime(v.updatedAt),
    updatedBy: str(v.updatedBy),
  }));
}

/** A decision as read from its row (best effort: invalid cells give empty values). */
export function decisionFromRow(row: TableRow): Decision {
  const v = row.values;
  return {
    id: str(v.id),
    instance: str(v.instance),
    date: iso(v.date) ?? '',
    kind: str(v.kind) as Decision['kind'],
    decision: str(v.decision),
    concerns: list(v.concerns).map(codeOf),
    responsable: str(v.responsable),
    deadline: iso(v.deadline),
    suite: str(v.suite) as Decision['suite'],
    comment: str(v.comment),
    updatedAt: isoDateTime(v.updatedAt),
    updatedBy: str(v.updatedBy),
  };
}

function readDecisions(table: Table | undefined, problems: Problem[]): Located<Decision>[] {
  if (!table) return [];
  return table.rows.map((row) => {
    const decision = decisionFromRow(row);
    parseLocated(DecisionSchema, decision, table, row, problems);
    return { sheet: table.spec.name, row: row.row, record: decision };
  });
}

function readOpinions(table: Table | undefined, problems: Problem[]): Located<Opinion>[] {
  return readValid(table, OpinionSchema, problems, (v) => ({
    year: num(v.year),
    kind: str(v.kind),
    instance: str(v.instance),
    territory: str(v.territory),
    referralDate: iso(v.referralDate) ?? '',
    opinionDate: iso(v.opinionDate),
    opinion: str(v.opinion),
  }));
}

/**
 * Reads every sheet of the workbook, given as grids by sheet name (header row first).
 * The référentiel and funders come first: they shape the other sheets' columns and lists.
 */
export function readWorkbook(
  grids: ReadonlyMap<string, Grid>,
  whenEmpty: Referentiel = DEFAULT_REFERENTIEL,
): WorkbookData {
  const problems: Problem[] = [];
  const baseSpecs = workbookSpec(whenEmpty, []);
  const tableOf = (spec: SheetSpec): Table | undefined => {
    const grid = grids.get(spec.name);
    return grid ? readTable(spec, grid) : undefined;
  };
  const referentiel = readReferentiel(tableOf(sheetSpecByRole(baseSpecs, 'referentiel')), whenEmpty);
  const funders = readFunders(tableOf(sheetSpecByRole(baseSpecs, 'funders')));
  const settings = readSettings(grids.get(SHEET_NAMES.settings), problems);
  const specs = workbookSpec(
    referentiel,
    funders.filter((f) => f.active),
    { opinions: hasOpinions(settings, grids) },
  );
  const tables = new Map<string, Table>();
  for (const spec of specs) {
    const table = tableOf(spec);
    if (table) tables.set(spec.key, table);
  }
  const territories = readTerritories(tables.get('territories'), problems);
  const actions = specs
    .filter((s) => s.role === 'actions' && tables.has(s.key))
    .flatMap((s) => readActions(tables.get(s.key)!, s.domain!, problems));
  return {
    settings,
    referentiel,
    territories,
    funders,
    actions,
    indicators: readIndicators(tables.get('indicators'), problems),
    measures: readMeasures(tables.get('measures'), problems),
    decisions: readDecisions(tables.get('decisions'), problems),
    opinions: readOpinions(tables.get('opinions'), problems),
    specs,
    tables,
    problems,
  };
}
