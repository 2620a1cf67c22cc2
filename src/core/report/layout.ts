/**
 * How long the report runs. The report of a territory or a domain with a few actions is read in a few
 * pages: its title shares the first page with what follows, it has no table of contents, and a domain
 * without any action there is a line of the synthesis's table rather than a part. The contract's
 * report, and any longer one, keeps its title page, its contents and a part per domain. In every report a chart is
 * drawn only where it compares enough values: a chart of one or two bars says less than its table.
 */
import type { ReportScope } from './aggregate';
import type { Block, Chart } from './model';

/** Up to this many actions in its year and scope (counted or left out), a territory's or domain's report is short. */
export const SHORT_REPORT_ACTIONS = 12;

/** 'full': a title page apart, a table of contents; 'short': neither (see above). */
export type Layout = 'full' | 'short';

export const layoutFor = (scope: ReportScope, actions: number): Layout =>
  scope.kind !== 'contract' && actions <= SHORT_REPORT_ACTIONS ? 'short' : 'full';

/** A chart needs at least this many values to show more than its table does. */
export const MIN_CHART_VALUES = 3;

/**
 * The chart as it is worth drawing, or null: a bar chart loses the categories where every series is
 * empty or zero (a domain without action in a territory's report), then any chart with fewer than
 * MIN_CHART_VALUES values is left to its table.
 */
export function drawable(chart: Chart): Chart | null {
  const bars = chart.kind !== 'line';
  const shown = (v: number | null) => v !== null && (!bars || v !== 0);
  const kept = bars
    ? chart.categories.map((_, i) => i).filter((i) => chart.series.some((s) => shown(s.values[i] ?? null)))
    : chart.categories.map((_, i) => i);
  const pruned: Chart = {
    ...chart,
    categories: kept.map((i) => chart.categories[i]!),
    series: chart.series.map((s) => ({ ...s, values: kept.map((i) => s.values[i] ?? null) })),
  };
  const values = pruned.series.reduce((n, s) => n + s.values.filter(shown).length, 0);
  return values >= MIN_CHART_VALUES ? pruned : null;
}

/** The blocks with each chart as drawable() leaves it. */
export function drawableCharts(blocks: readonly Block[]): Block[] {
  return blocks.flatMap((b): Block[] => {
    if (b.kind !== 'chart') return [b];
    const kept = drawable(b.chart);
    return kept ? [{ ...b, chart: kept }] : [];
  });
}
