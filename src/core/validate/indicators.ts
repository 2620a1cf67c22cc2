/** The rules of Indicateurs and Mesures: codes that fit, one value per cell of the table, plausible values. */
import { isoYear } from '../cells';
import type { Problem } from '../problems';
import type { Table, TableRow } from '../table';
import { cachedCodeOf, cellProblem, forEachDuplicate, type RuleContext } from './context';
import { MSG } from './messages';
import { duplicateCodes } from './references';

const text = (row: TableRow, key: string): string => {
  const v = row.values[key];
  return typeof v === 'string' ? cachedCodeOf(v) : '';
};
const number = (row: TableRow, key: string): number | null => {
  const v = row.values[key];
  return typeof v === 'number' ? v : null;
};

export function indicatorRules(ctx: RuleContext): Problem[] {
  const table = ctx.data.tables.get('indicators');
  if (!table) return [];
  const measured = measuredKeys(ctx.data.tables.get('measures'));
  const year = ctx.data.settings.reportingYear;
  const codes = new Set(table.rows.map((row) => text(row, 'code')));
  return [
    ...duplicateCodes(table),
    ...table.rows.flatMap((row) => [
      ...objectiveFitsDomain(ctx, table, row),
      ...(text(row, 'weight') && !codes.has(text(row, 'weight'))
        ? cellProblem(table, row, 'weight', 'erreur', MSG.unknownWeight(text(row, 'weight')))
        : []),
      ...targetAfterBaseline(table, row),
      ...(text(row, 'code') && !measured.has(`${text(row, 'code')}|${year}`)
        ? cellProblem(table, row, 'code', 'avertissement', MSG.noValueForYear(year))
        : []),
    ]),
  ];
}

function measuredKeys(measures: Table | undefined): Set<string> {
  return new Set(
    (measures?.rows ?? []).flatMap((row) => {
      const indicator = text(row, 'indicator');
      const year = number(row, 'year');
      // A value marked secret or unavailable is there, only not published.
      const present = number(row, 'value') !== null || text(row, 'marker') !== '';
      return indicator && year !== null && present ? [`${indicator}|${year}`] : [];
    }),
  );
}

function objectiveFitsDomain(ctx: RuleContext, table: Table, row: TableRow): Problem[] {
  const objective = text(row, 'objective');
  const domain = text(row, 'domain') as string;
  const objectiveDomain = ctx.objectives.get(objective);
  if (!objectiveDomain || !ctx.domainNames.has(domain) || objectiveDomain === domain) return [];
  const message = MSG.objectiveOfOtherDomain(
    objective,
    ctx.domainNames.get(objectiveDomain)!,
    ctx.domainNames.get(domain)!,
  );
  return cellProblem(table, row, 'objective', 'erreur', message);
}

function targetAfterBaseline(table: Table, row: TableRow): Problem[] {
  const baseline = number(row, 'baselineYear');
  const target = number(row, 'targetYear');
  if (baseline === null || target === null || target >= baseline) return [];
  return cellProblem(table, row, 'targetYear', 'avertissement', MSG.targetBeforeBaseline(target, baseline));
}

export function measureRules(ctx: RuleContext): Problem[] {
  const table = ctx.data.tables.get('measures');
  if (!table) return [];
  const indicators = indicatorInfo(ctx.data.tables.get('indicators'));
  const start = isoYear(ctx.data.settings.periodStart);
  const end = isoYear(ctx.data.settings.periodEnd);
  const problems: Problem[] = [];
  for (const row of table.rows) {
    const year = number(row, 'year');
    const indicator = indicators.get(text(row, 'indicator'));
    // The baseline value of an indicator is measured before the contract starts: that year is allowed.
    const isBaseline = year !== null && year === indicator?.baselineYear;
    if (year !== null && (year < start || year > end) && !isBaseline) {
      problems.push(...cellProblem(table, row, 'year', 'erreur', MSG.yearOutsidePeriod(year, start, end)));
    }
    const value = number(row, 'value');
    const unit = indicator?.unit;
    if (unit === '%' && value !== null && (value < 0 || value > 100)) {
      problems.push(...cellProblem(table, row, 'value', 'erreur', MSG.percentOutOfRange(value)));
    }
  }
  return [...problems, ...duplicateMeasures(table)];
}

function indicatorInfo(
  indicators: Table | undefined,
): Map<string, { unit: string; baselineYear: number | null }> {
  return new Map(
    (indicators?.rows ?? []).map((row) => [
      text(row, 'code'),
      { unit: text(row, 'unit'), baselineYear: number(row, 'baselineYear') },
    ]),
  );
}

/** One value per (indicator, year, territory): the later rows are reported, pointing at the first. */
function duplicateMeasures(table: Table): Problem[] {
  const problems: Problem[] = [];
  forEachDuplicate(
    table.rows,
    (row) => {
      const parts = [text(row, 'indicator'), number(row, 'year'), text(row, 'territory')];
      return parts.every((p) => p !== '' && p !== null) ? parts.join('|') : null;
    },
    (row, others) => {
      const first = Math.min(...others.map((o) => o.row));
      if (first > row.row) return;
      const message = MSG.duplicateMeasure(
        text(row, 'indicator'),
        number(row, 'year')!,
        text(row, 'territory'),
        first,
      );
      problems.push(...cellProblem(table, row, 'value', 'erreur', message));
    },
  );
  return problems;
}
