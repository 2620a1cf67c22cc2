/** The rules of the domain sheets: codes that fit the domain, dates, money, IDs, chantiers' progress. */
import { cellText, codeKey, isBlank, normaliseKey, toIsoDate } from '../cells';
import { fundingTotal } from '../editing';
import type { Problem } from '../problems';
import { progressByYear } from '../progress';
import { type Action, actionConsistency } from '../schemas';
import { funderColumns, type Table, type TableRow } from '../table';
import { cellProblem, forEachDuplicate, indexedProblem, otherPlaces, type RuleContext } from './context';
import { MSG } from './messages';

export interface ActionRow {
  table: Table;
  row: TableRow;
  action: Action;
  domain: string;
}

/** Every row of every domain sheet with the action read from it. */
export function actionRows(ctx: RuleContext): ActionRow[] {
  const byPlace = new Map(ctx.data.actions.map((a) => [`${a.sheet}|${a.row}`, a.record]));
  return ctx.data.specs
    .filter((s) => s.role === 'actions' && ctx.data.tables.has(s.key))
    .flatMap((spec) => {
      const table = ctx.data.tables.get(spec.key)!;
      return table.rows.map((row) => ({
        table,
        row,
        action: byPlace.get(`${spec.name}|${row.row}`)!,
        domain: spec.domain!,
      }));
    });
}

export function actionRules(ctx: RuleContext): Problem[] {
  const rows = actionRows(ctx);
  return [
    ...rows.flatMap((r) => [
      ...codesFitDomain(ctx, r),
      ...consistency(r),
      ...datesInPeriod(ctx, r),
      ...funding(ctx, r),
      ...chantierProgress(ctx, r),
      ...progressLines(r),
    ]),
    ...duplicateIds(rows),
    ...likelyDuplicates(rows),
  ];
}

function codesFitDomain(ctx: RuleContext, { table, row, action, domain }: ActionRow): Problem[] {
  const objectiveDomain = ctx.objectives.get(action.objective);
  if (objectiveDomain && objectiveDomain !== domain) {
    const message = MSG.objectiveOfOtherDomain(
      action.objective,
      ctx.domainNames.get(objectiveDomain)!,
      ctx.domainNames.get(domain)!,
    );
    return cellProblem(table, row, 'objective', 'erreur', message);
  }
  const lineObjective = ctx.lines.get(action.actionLine);
  if (objectiveDomain && lineObjective && lineObjective !== action.objective) {
    const message = MSG.lineNotUnderObjective(action.actionLine, action.objective);
    return cellProblem(table, row, 'actionLine', 'erreur', message);
  }
  return [];
}

/** The rules between fields shared with the sidebar's schema, run even when another field is invalid. */
function consistency({ table, row, action }: ActionRow): Problem[] {
  return actionConsistency(action).flatMap((issue) =>
    cellProblem(table, row, issue.field, 'erreur', issue.message),
  );
}

function datesInPeriod(ctx: RuleContext, { table, row, action }: ActionRow): Problem[] {
  const { periodStart, periodEnd } = ctx.data.settings;
  const outside = (iso: string | null) => iso !== null && (iso < periodStart || iso > periodEnd);
  const problems: Problem[] = [];
  if (outside(action.startDate)) {
    const message = MSG.dateOutsidePeriod('La date de début', action.startDate!, periodStart, periodEnd);
    problems.push(...cellProblem(table, row, 'startDate', 'avertissement', message));
  }
  if (outside(action.endDate)) {
    const message = MSG.dateOutsidePeriod('La date de fin', action.endDate!, periodStart, periodEnd);
    problems.push(...cellProblem(table, row, 'endDate', 'avertissement', message));
  }
  if (action.status === 'réalisée' && action.endDate && action.endDate > toIsoDate(ctx.today)) {
    problems.push(...cellProblem(table, row, 'endDate', 'avertissement', MSG.doneInFuture(action.endDate)));
  }
  return problems;
}

function funding(ctx: RuleContext, { table, row, action }: ActionRow): Problem[] {
  const problems: Problem[] = [];
  for (const [code, index] of funderColumns(table.mapping)) {
    if ((action.funding[code] ?? 0) < 0) {
      const value = cellText(row.raw[index] ?? '');
      problems.push(indexedProblem(table, row.row, index, 'erreur', MSG.negativeFunding(code), value));
    }
  }
  const total = fundingTotal(action);
  const tolerance = ctx.data.settings.fundingTolerance;
  if (action.budget === null) {
    // An unreadable budget has its own error: only a blank one is « without budget ».
    const budgetIndex = table.mapping.index.get('budget');
    const blank = budgetIndex !== undefined && isBlank(row.raw[budgetIndex]);
    if (total > 0 && blank) {
      problems.push(...cellProblem(table, row, 'budget', 'avertissement', MSG.fundingWithoutBudget(total)));
    }
  } else if (Math.abs(total - action.budget) > tolerance + 0.005) {
    const message = MSG.fundingMismatch(total, action.budget, tolerance);
    problems.push(...cellProblem(table, row, 'budget', 'avertissement', message));
  }
  return problems;
}

/** A chantier prioritaire running in the reporting year owes the comité its avancées or freins. */
function chantierProgress(ctx: RuleContext, { table, row, action }: ActionRow): Problem[] {
  const year = ctx.data.settings.reportingYear;
  if (!action.chantier || action.status === 'abandonnée' || !runsDuring(action, year)) return [];
  const hasLine = (text: string) => (progressByYear(text).get(year) ?? []).some((line) => line !== '');
  if (hasLine(action.avancees) || hasLine(action.freins)) return [];
  const message = MSG.chantierWithoutProgress(year);
  const onAvancees = cellProblem(table, row, 'avancees', 'avertissement', message);
  return onAvancees.length ? onAvancees : cellProblem(table, row, 'freins', 'avertissement', message);
}

function runsDuring(action: Action, year: number): boolean {
  const startsAfter = action.startDate !== null && action.startDate > `${year}-12-31`;
  const endedBefore = action.endDate !== null && action.endDate < `${year}-01-01`;
  return !startsAfter && !endedBefore;
}

function progressLines({ table, row, action }: ActionRow): Problem[] {
  return (['avancees', 'freins'] as const).flatMap((key) => {
    const undated = progressByYear(action[key]).get(null);
    return undated
      ? cellProblem(table, row, key, 'avertissement', MSG.progressLineWithoutYear(undated[0]!))
      : [];
  });
}

/** IDs are unique across all domain sheets; each occurrence is reported so that each links to its cell. */
function duplicateIds(rows: ActionRow[]): Problem[] {
  const problems: Problem[] = [];
  forEachDuplicate(
    rows,
    (r) => (r.action.id ? codeKey(r.action.id) : null),
    (r, others) => {
      const places = otherPlaces(
        r.table.spec.name,
        others.map((o) => ({ sheet: o.table.spec.name, row: o.row.row })),
      );
      problems.push(...cellProblem(r.table, r.row, 'id', 'erreur', MSG.duplicateId(r.action.id, places)));
    },
  );
  return problems;
}

/** Same title, porteur and objective: probably the same action typed twice; reported on the later rows. */
function likelyDuplicates(rows: ActionRow[]): Problem[] {
  const problems: Problem[] = [];
  forEachDuplicate(
    rows,
    ({ action: a, table }) =>
      a.title && a.porteur && a.objective
        ? [table.spec.name, normaliseKey(a.title), normaliseKey(a.porteur), a.objective].join('|')
        : null,
    (r, others) => {
      const first = Math.min(...others.map((o) => o.row.row));
      if (first > r.row.row) return;
      problems.push(...cellProblem(r.table, r.row, 'title', 'avertissement', MSG.likelyDuplicate(first)));
    },
  );
  return problems;
}
