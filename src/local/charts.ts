/**
 * Report charts as PNG images: core draws each chart as SVG (the same drawing as the HTML preview),
 * resvg rasterises it with the machine's fonts. The image is drawn at twice its size on the page so
 * that it stays sharp when printed.
 */
import { Resvg } from '@resvg/resvg-js';
import type { Chart } from '../core/report/model';
import { chartToSvg } from '../core/report/svg';
import { type ChartImage, TEXT_WIDTH_PX } from './docx';

export const CHART_SIZE = { width: TEXT_WIDTH_PX, height: 340 };
const SCALE = 2;

export function chartImage(chart: Chart, size = CHART_SIZE): ChartImage {
  const svg = chartToSvg(chart, size);
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: size.width * SCALE },
    background: '#ffffff',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  })
    .render()
    .asPng();
  return { png, width: size.width, height: size.height };
}
