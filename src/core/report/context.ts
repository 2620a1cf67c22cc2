/**
 * What every part of the report shares: the context a report is built in (year, scope, the figures the
 * data-quality gate lets through) and the way a part names an action, an amount or a value to correct.
 */
import type { Problem } from '../problems';
import { progressByYear } from '../progress';
import type { WorkbookData } from '../records';
import type { DomainRef } from '../referentiel';
import type { Action } from '../schemas';
import { agree } from '../typography';
import { type GatedAction, placeOf, type QualityGate } from '../validate/gate';
import type { ReportScope } from './aggregate';
import { type Edition, toCorrect, WARNING_MARK, warningNote } from './corrections';
import type { ReportDecisions } from './decisions';
import { formatEuros } from './format';
import type { IndicatorRow } from './indicator-values';
import type { Layout } from './layout';
import { type Block, type Cell, type Column, paragraph, table } from './model';

/** What the report needs of the validation: its problems (validateWorkbook's result fits). */
export interface QualityInput {
  problems: readonly Problem[];
}

export interface Context {
  /** The workbook as the report counts it: what the validation rejects is out (see the gate). */
  data: WorkbookData;
  gate: QualityGate;
  edition: Edition;
  year: number;
  scope: ReportScope;
  domains: DomainRef[];
  actions: Action[];
  /** The actions of the year and scope that the gate leaves out of every count. */
  rejected: GatedAction[];
  /** What the gate found on the row of each counted action. */
  gated: Map<Action, GatedAction>;
  indicators: IndicatorRow[];
  territoryName: (code: string) => string;
  /** The comité's decisions of the year and those still open (see decisions.ts). */
  decisions: ReportDecisions;
  /** Every action of the workbook, whatever its year: what a decision may concern. */
  allActions: Action[];
  /** How long the report runs (layout.ts). */
  layout: Layout;
}

export const notesOf = (text: string, year: number): string =>
  (progressByYear(text).get(year) ?? []).join(' ; ');
export const plainLabel = (a: Action) => (a.id ? `${a.id} — ${a.title}` : a.title);
/** An action's label, marked when a warning concerns its row. */
export function actionLabel(ctx: Context, a: Action): string {
  const warned = (ctx.gated.get(a)?.warnings.length ?? 0) > 0;
  return warned ? `${plainLabel(a)} ${WARNING_MARK}` : plainLabel(a);
}
/** An amount of an action, or « donnée à corriger » where the gate left it out. */
export function amountCell(ctx: Context, a: Action, key: 'budget' | 'credits'): string {
  const error = ctx.gated.get(a)?.amountErrors.get(key);
  return error ? toCorrect(placeOf(error)) : euros(a[key]);
}
export const rejectedStatus = (g: GatedAction) => toCorrect(placeOf(g));
/** Whether a table shows a row a warning concerns: the table then gets the mark's note. */
const hasWarningMark = (rows: Cell[][]) =>
  rows.some((r) => r.some((c) => typeof c === 'string' && c.endsWith(` ${WARNING_MARK}`)));
export const domainName = (ctx: Context, code: string) =>
  ctx.data.referentiel.domains.find((d) => d.code === code)?.name ?? code;
export const territoriesText = (ctx: Context, a: Action) =>
  a.territories.length ? a.territories.map(ctx.territoryName).join(', ') : '—';
/** A column of figures, right-aligned. */
export const right = (header: string): Column => ({ header, align: 'right' });
const euros = (n: number | null) => (n === null ? '—' : formatEuros(n));

export const rejectedIndicatorsIn = (ctx: Context, domains: readonly DomainRef[]) =>
  ctx.gate.rejectedIndicators.filter((i) => domains.some((d) => d.code === i.domain));

/** A table, followed by the note of the warning mark when one of its rows carries it. */
export function markedTable(columns: (string | Column)[], rows: Cell[][], footer?: Cell[]): Block[] {
  return [table(columns, rows, footer), ...(hasWarningMark(rows) ? [warningNote()] : [])];
}

/** Why an action shows « donnée à corriger » instead of its status: the first error of its row. */
export function rejectedNote(rejected: GatedAction[]): Block {
  const reasons = rejected.map((g) => `${plainLabel(g.record)} : ${g.rowErrors[0]!.message}`);
  return paragraph(
    `${agree(rejected.length, 'Action non comptée', 'Actions non comptées')} dans les chiffres de ce rapport tant que sa ligne est en erreur — ${reasons.join(' ; ')}`,
    'note',
  );
}
