/**
 * The indicators of a domain as the report shows them: a table of reference, last two years, target,
 * trend, achievement and mark, then line charts of each indicator's progress towards its target.
 */
import type { DomainRef } from '../referentiel';
import { agree } from '../typography';
import { placeOf, type RejectedIndicator } from '../validate/gate';
import { progressText, trendText } from './achievement';
import { type Context, rejectedIndicatorsIn, right } from './context';
import { toCorrect, WARNING_MARK, warningNote } from './corrections';
import { valueText } from './format';
import type { IndicatorRow, ValueKey } from './indicator-values';
import { type Block, type Cell, type Chart, chart, markCell, paragraph, table } from './model';

/** Line charts stay readable with a few lines each: a domain with more indicators gets several charts. */
export const SERIES_PER_CHART = 10;

/** The indicator table, then the note that explains its « * » when a warning marked a row or a value. */
export function markedIndicatorTable(
  ctx: Context,
  rows: IndicatorRow[],
  rejected: RejectedIndicator[],
): Block[] {
  const marked = rows.some((r) => warnedIndicator(ctx, r) || r.warned.size > 0);
  const note = marked ? [warningNote(rows.flatMap((r) => [...r.warned.values()]))] : [];
  return [indicatorTable(ctx, rows, rejected), ...note];
}

/** One table for the indicators of the domains given, then each domain's progress charts. */
export function indicatorBlocks(ctx: Context, domains: readonly DomainRef[], rows: IndicatorRow[]): Block[] {
  const rejected = rejectedIndicatorsIn(ctx, domains);
  if (rows.length === 0 && rejected.length === 0) {
    return [
      paragraph(
        `Aucun indicateur n’est défini pour ${agree(domains.length, 'ce domaine', 'ces domaines')} dans la feuille Indicateurs.`,
      ),
    ];
  }
  const blocks: Block[] = markedIndicatorTable(ctx, rows, rejected);
  const charts = domains.flatMap((d) =>
    trendCharts(
      d,
      rows.filter((r) => r.indicator.domain === d.code),
    ),
  );
  if (charts.length === 0) {
    blocks.push(
      paragraph(
        `Aucune valeur mesurée : pas de graphique d’évolution pour ${agree(domains.length, 'ce domaine', 'ces domaines')}.`,
        'note',
      ),
    );
  }
  blocks.push(...charts.map(chart));
  return blocks;
}

/** Reference, the last two years, target, trend, achievement and mark of each indicator. */
export function indicatorTable(ctx: Context, rows: IndicatorRow[], rejected: RejectedIndicator[]): Block {
  const y = ctx.year;
  return table(
    [
      'Indicateur',
      right('Référence'),
      right(String(y - 1)),
      right(String(y)),
      right('Cible'),
      `Tendance ${y - 1} → ${y}`,
      right('Réalisation'),
      'Appréciation',
    ],
    [
      ...rows.map((r) => indicatorCells(ctx, r)),
      ...rejected.map((i) => [
        i.label ? `${i.label} (${i.code})` : i.code,
        toCorrect(placeOf(i)),
        '—',
        '—',
        '—',
        '—',
        '—',
        markCell('donnée à corriger'),
      ]),
    ],
  );
}

const warnedIndicator = (ctx: Context, r: IndicatorRow) => {
  const located = ctx.data.indicators.find((l) => l.record === r.indicator);
  return located ? ctx.gate.warningsAt(located.sheet, located.row).length > 0 : false;
};

function indicatorCells(ctx: Context, r: IndicatorRow): Cell[] {
  const { indicator: i, reading, reference, toCorrect: rejected, warned } = r;
  const marked = (key: ValueKey, text: string) => (warned.has(key) ? `${text} ${WARNING_MARK}` : text);
  const note = reference.note ? `, ${reference.note}` : '';
  const targetYear = i.targetYear ? ` (${i.targetYear})` : '';
  const value = (key: 'previous' | 'value') =>
    rejected.has(key) ? toCorrect(rejected.get(key)!) : marked(key, valueText(reading[key], i.unit));
  const baseline = rejected.has('baseline')
    ? toCorrect(rejected.get('baseline')!)
    : reference.baseline === null
      ? `— (${reference.note ?? 'non renseignée'})`
      : marked('baseline', `${valueText(reading.baseline, i.unit)} (${i.baselineYear}${note})`);
  return [
    `${i.label} (${i.code}, ${i.unit}, ${i.direction} souhaitée)${warnedIndicator(ctx, r) ? ` ${WARNING_MARK}` : ''}`,
    baseline,
    value('previous'),
    value('value'),
    reference.target === null ? '—' : `${valueText(reading.target, i.unit)}${targetYear}`,
    trendText(r.assessment.trend, i.direction),
    progressText(r.assessment, reading),
    markCell(r.assessment.mark),
  ];
}

/** The way each indicator went from its reference (0 %) to its target (100 %), year by year. */
function trendCharts(domain: DomainRef, rows: IndicatorRow[]): Chart[] {
  const plotted = rows.filter((r) =>
    [...r.progressSeries.values()].some((v) => v !== null && v !== undefined),
  );
  const years = plotted.length ? [...plotted[0]!.progressSeries.keys()] : [];
  const charts: Chart[] = [];
  const parts = Math.ceil(plotted.length / SERIES_PER_CHART);
  for (let p = 0; p < parts; p++) {
    const chunk = plotted.slice(p * SERIES_PER_CHART, (p + 1) * SERIES_PER_CHART);
    charts.push({
      kind: 'line',
      title: `${domain.name} : progression des indicateurs vers leur cible${parts > 1 ? ` (${p + 1}/${parts})` : ''}`,
      categories: years.map(String),
      series: chunk.map((r) => ({
        name: `${r.indicator.code} ${r.indicator.label}`,
        values: years.map((y) => {
          const v = r.progressSeries.get(y);
          return v === null || v === undefined ? null : Math.round(v * 1000) / 10 + 0;
        }),
      })),
      unit: '% de la cible',
      description: `Courbes de la progression de chaque indicateur du domaine « ${domain.name} » entre sa valeur de référence (0 %) et sa cible (100 %), par année.`,
    });
  }
  return charts;
}
