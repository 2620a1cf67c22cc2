/**
 * Charts of the report model as standalone SVG: the HTML preview shows them as they are and the
 * offline edition rasterises them (resvg), so the drawing uses only plain shapes and text with the
 * fonts named below — no CSS, no script, no external resource.
 */
import { escapeXml } from '../markup';
import { frenchSpacing, groupDigits } from '../typography';
import { CHART_COLORS, type Chart } from './model';

export const CHART_FONT = 'DejaVu Sans, Arial, sans-serif';

/** A dash pattern per line, a second cue besides the colour. */
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

const FONT_SIZE = 12;
const CHAR_WIDTH = FONT_SIZE * 0.6;
const LINE_HEIGHT = FONT_SIZE * 1.25;

/** Tick labels: « 250 000 », « 1,5 M » for millions. */
export function axisNumber(v: number): string {
  if (Math.abs(v) >= 1_000_000) return `${groupDigits(v / 1_000_000, 1)}\u00a0M`;
  return groupDigits(v, 1);
}

/** Round steps (1, 2, 2.5, 5 × 10^k) covering [min, max] in about five intervals. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (min === max) {
    max = min === 0 ? 1 : min + Math.abs(min);
  }
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v < max + step * 0.999; v += step) ticks.push(Math.round(v / step) * step + 0);
  return ticks;
}

/** Splits a label into at most `maxLines` lines of `width` characters, ending with « … » if cut. */
export function wrapText(text: string, width: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const next = current ? `${current} ${word}` : word;
    if (next.length <= width || current === '') current = next;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  const kept = lines.slice(0, maxLines).map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  if (lines.length > maxLines) {
    const last = kept[maxLines - 1]!;
    kept[maxLines - 1] = `${last.slice(0, Math.max(1, width - 1))}…`;
  }
  return kept;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${fmt(x)}" y="${fmt(y)}"${attrs ? ` ${attrs}` : ''}>${escapeXml(frenchSpacing(content))}</text>`;
}

interface LegendItem {
  name: string;
  index: number;
  x: number;
  row: number;
  /** Rows of a flowing legend are centred; columns start at the left margin. */
  centred: boolean;
}

const itemWidth = (name: string) => 18 + name.length * CHAR_WIDTH + 16;

/**
 * Legend items flow in centred rows; when they would take more than two rows (many long indicator
 * names), they go in columns instead, each name shortened to its column.
 */
function legendItems(chart: Chart, width: number): LegendItem[] {
  const names = chart.series.map((s) => wrapText(s.name, 48, 1)[0] ?? '');
  const flow: LegendItem[] = [];
  let x = 0;
  let row = 0;
  for (const [index, name] of names.entries()) {
    if (x > 0 && x + itemWidth(name) > width - 20) {
      row++;
      x = 0;
    }
    flow.push({ name, index, x, row, centred: true });
    x += itemWidth(name);
  }
  if (row < 2) return flow;
  const columns = Math.max(1, Math.floor((width - 20) / 280));
  const columnWidth = (width - 20) / columns;
  const chars = Math.floor((columnWidth - 34) / CHAR_WIDTH);
  return names.map((name, index) => ({
    name: wrapText(name, chars, 1)[0] ?? '',
    index,
    x: (index % columns) * columnWidth,
    row: Math.floor(index / columns),
    centred: false,
  }));
}

const legendRows = (items: LegendItem[]) => Math.max(0, ...items.map((i) => i.row)) + 1;

function legend(chart: Chart, items: LegendItem[], width: number, top: number): string {
  const rows = legendRows(items);
  const parts: string[] = [];
  for (let r = 0; r < rows; r++) {
    const row = items.filter((i) => i.row === r);
    const last = row[row.length - 1];
    const rowWidth = last ? last.x + itemWidth(last.name) - 16 : 0;
    const left = row[0]?.centred ? Math.max(10, (width - rowWidth) / 2) : 10;
    const y = top + r * (LINE_HEIGHT + 4);
    for (const item of row) {
      const color = colorOf(item.index);
      const swatch =
        chart.kind === 'line'
          ? `<line x1="${fmt(left + item.x)}" y1="${fmt(y + 6)}" x2="${fmt(left + item.x + 14)}" y2="${fmt(y + 6)}" stroke="${color}" stroke-width="3"${dashAttr(item.index)}/>`
          : `<rect x="${fmt(left + item.x)}" y="${fmt(y)}" width="12" height="12" fill="${color}"/>`;
      parts.push(`${swatch}${text(left + item.x + 18, y + 11, item.name)}`);
    }
  }
  return parts.join('\n');
}

const legendHeight = (items: LegendItem[]) => legendRows(items) * (LINE_HEIGHT + 4) + 6;

/** A series keeps its colour and dash from the legend to the plot, and from the preview to the Doc. */
const colorOf = (index: number) => CHART_COLORS[index % CHART_COLORS.length]!;

const dashAttr = (index: number) => {
  const dash = DASHES[index % DASHES.length]!;
  return dash ? ` stroke-dasharray="${dash}"` : '';
};

function valueRange(chart: Chart): [number, number] {
  const values =
    chart.kind === 'stackedBar'
      ? chart.categories.map((_, i) =>
          chart.series.reduce((s, serie) => s + Math.max(0, serie.values[i] ?? 0), 0),
        )
      : chart.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  // A chart of progress towards targets always shows the 0 % and 100 % marks.
  return chart.unit === '% de la cible' ? [min, Math.max(max, 100)] : [min, max];
}

/** Below this height the plot is unreadable: a chart with a long legend grows taller than asked. */
const MIN_PLOT_HEIGHT = 180;

/** The chart as an SVG document of the given width and (at least) the given height, in pixels. */
export function chartToSvg(chart: Chart, size: { width: number; height: number }): string {
  const { width } = size;
  const titleLines = wrapText(chart.title, Math.floor((width - 20) / (CHAR_WIDTH * 1.2)), 2);
  const titleHeight = titleLines.length * LINE_HEIGHT * 1.2 + 10;
  const items = legendItems(chart, width);
  const [lo, hi] = valueRange(chart);
  const ticks = niceTicks(lo, hi);
  const tickWidth = Math.max(...ticks.map((t) => axisNumber(t).length)) * CHAR_WIDTH;
  const band = (width - tickWidth - 40) / Math.max(1, chart.categories.length);
  const labelLines = chart.categories.map((c) =>
    wrapText(c, Math.max(4, Math.floor(band / CHAR_WIDTH) - 1), 3),
  );
  const labelsHeight = Math.max(1, ...labelLines.map((l) => l.length)) * LINE_HEIGHT + 8;
  const chrome = titleHeight + 22 + labelsHeight + legendHeight(items) + 12;
  const height = Math.max(size.height, Math.ceil(chrome + MIN_PLOT_HEIGHT));
  const plot: Box = {
    x: tickWidth + 30,
    y: titleHeight + 22,
    width: width - tickWidth - 40,
    height: height - chrome,
  };
  const y0 = ticks[0]!;
  const y1 = ticks[ticks.length - 1]!;
  const yOf = (v: number) => plot.y + plot.height - ((v - y0) / (y1 - y0)) * plot.height;
  const body = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...titleLines.map((l, i) =>
      text(
        width / 2,
        20 + i * LINE_HEIGHT * 1.2,
        l,
        'text-anchor="middle" font-size="14" font-weight="bold"',
      ),
    ),
    axes(plot, ticks, yOf, chart.unit),
    categoryLabels(plot, labelLines),
    chart.kind === 'line' ? lines(chart, plot, yOf) : bars(chart, plot, yOf),
    legend(chart, items, width, height - legendHeight(items) + 2),
  ];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(chart.title)}" font-family="${CHART_FONT}" font-size="${FONT_SIZE}" fill="#202124">`,
    `<title>${escapeXml(frenchSpacing(chart.title))}</title><desc>${escapeXml(frenchSpacing(chart.description))}</desc>`,
    ...body.filter((part) => part !== ''),
    '</svg>',
  ].join('\n');
}

function axes(plot: Box, ticks: number[], yOf: (v: number) => number, unit: string): string {
  const grid = ticks.map((t) => {
    const y = yOf(t);
    const stroke = t === 0 ? '#5f6368' : '#dadce0';
    return `<line x1="${fmt(plot.x)}" y1="${fmt(y)}" x2="${fmt(plot.x + plot.width)}" y2="${fmt(y)}" stroke="${stroke}" stroke-width="1"/>${text(plot.x - 6, y + 4, axisNumber(t), 'text-anchor="end"')}`;
  });
  const unitLabel = text(plot.x - 6, plot.y - 8, unit, 'text-anchor="start" font-size="11" fill="#5f6368"');
  return [...grid, unitLabel].join('\n');
}

function categoryLabels(plot: Box, labels: string[][]): string {
  const band = plot.width / Math.max(1, labels.length);
  return labels
    .map((lines, i) => {
      const x = plot.x + band * (i + 0.5);
      return lines
        .map((l, j) => text(x, plot.y + plot.height + 16 + j * LINE_HEIGHT, l, 'text-anchor="middle"'))
        .join('\n');
    })
    .join('\n');
}

function bars(chart: Chart, plot: Box, yOf: (v: number) => number): string {
  const band = plot.width / Math.max(1, chart.categories.length);
  const inner = band * 0.75;
  const parts: string[] = [];
  chart.categories.forEach((category, i) => {
    const left = plot.x + band * i + (band - inner) / 2;
    let stackTop = 0;
    chart.series.forEach((serie, s) => {
      const v = serie.values[i];
      if (v === null || v === undefined) return;
      const color = colorOf(s);
      const tip = `<title>${escapeXml(frenchSpacing(`${category} — ${serie.name} : ${groupDigits(v, 2)}\u00a0${chart.unit}`))}</title>`;
      if (chart.kind === 'stackedBar') {
        const from = stackTop;
        stackTop += Math.max(0, v);
        if (v <= 0) return;
        const top = yOf(stackTop);
        parts.push(
          `<rect x="${fmt(left)}" y="${fmt(top)}" width="${fmt(inner)}" height="${fmt(yOf(from) - top)}" fill="${color}">${tip}</rect>`,
        );
        return;
      }
      const w = inner / chart.series.length;
      const top = yOf(Math.max(0, v));
      const h = Math.abs(yOf(v) - yOf(0));
      parts.push(
        `<rect x="${fmt(left + w * s)}" y="${fmt(top)}" width="${fmt(Math.max(1, w - 2))}" height="${fmt(h)}" fill="${color}">${tip}</rect>`,
      );
    });
  });
  return parts.join('\n');
}

function lines(chart: Chart, plot: Box, yOf: (v: number) => number): string {
  const band = plot.width / Math.max(1, chart.categories.length);
  const xOf = (i: number) => plot.x + band * (i + 0.5);
  return chart.series
    .map((serie, s) => {
      const color = colorOf(s);
      // A missing value breaks the line rather than joining its neighbours across the gap.
      const runs: string[][] = [[]];
      serie.values.forEach((v, i) => {
        if (v === null) runs.push([]);
        else runs[runs.length - 1]!.push(`${fmt(xOf(i))},${fmt(yOf(v))}`);
      });
      const paths = runs
        .filter((r) => r.length > 1)
        .map(
          (r) =>
            `<polyline points="${r.join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dashAttr(s)}/>`,
        );
      const dots = serie.values.flatMap((v, i) =>
        v === null
          ? []
          : [
              `<circle cx="${fmt(xOf(i))}" cy="${fmt(yOf(v))}" r="3" fill="${color}"><title>${escapeXml(frenchSpacing(`${serie.name} — ${chart.categories[i]} : ${groupDigits(v, 2)}\u00a0${chart.unit}`))}</title></circle>`,
            ],
      );
      return [...paths, ...dots].join('\n');
    })
    .join('\n');
}
