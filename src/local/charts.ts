/**
 * Report charts as PNG images: core draws each chart as SVG (the same drawing as the HTML preview),
 * resvg rasterises it with the machine's fonts. The image is drawn at twice its size on the page so
 * that it stays sharp when printed.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Resvg } from '@resvg/resvg-js';
import type { Chart } from '../core/report/model';
import { chartToSvg } from '../core/report/svg';
import type { ChartImage } from './docx';
import { TEXT_WIDTH_PX } from './docx-theme';

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

/**
 * A chart's image, the memory of its drawing given back before the next one is drawn. resvg keeps
 * an image's pixels (some 4 MB) until V8 collects the object holding them, and V8, which does not
 * see that memory, seldom does while charts are drawn: the 18 charts of the large report held some
 * 70 MB at the peak of `rapport`. A collection after each chart, then a turn of the event loop (where
 * native objects are finalised), gives them back for the next.
 */
export async function chartImageReleased(chart: Chart): Promise<ChartImage> {
  const image = chartImage(chart);
  collectGarbage({ type: 'minor' });
  await new Promise((resolve) => setImmediate(resolve));
  return image;
}

/**
 * V8's garbage collector, reached without starting Node with --expose-gc. A minor collection is
 * enough (the drawing's objects are young) and takes a millisecond or two.
 */
type GarbageCollector = (options: { type: 'minor' | 'major' }) => void;
const collectGarbage = ((): GarbageCollector => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as GarbageCollector;
})();
