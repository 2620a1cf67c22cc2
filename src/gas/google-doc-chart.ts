/** The report's charts drawn by the Charts service, for both ways of laying the Google Doc. */
import { CHART_COLORS, type Chart } from '../core/report/model';

/** Charts fit the page: 6.5 inches of text width, i.e. 624 pixels. */
export const DOC_CHART_SIZE = { width: 620, height: 360 };

/** Appends the chart's image with its alternative text, for a screen reader. */
export function appendChart(body: GoogleAppsScript.Document.Body, chart: Chart): void {
  body.appendImage(chartImage(chart)).setAltDescription(chart.description);
}

/** The chart drawn by the Charts service, as a PNG blob: no Drive file, no extra scope. */
export function chartImage(chart: Chart): GoogleAppsScript.Base.Blob {
  const data = Charts.newDataTable().addColumn(Charts.ColumnType.STRING, 'Catégorie');
  for (const serie of chart.series) data.addColumn(Charts.ColumnType.NUMBER, serie.name);
  chart.categories.forEach((category, i) => {
    data.addRow([category, ...chart.series.map((s) => s.values[i] ?? null)]);
  });
  const colors = CHART_COLORS.slice(0, Math.max(1, chart.series.length));
  if (chart.kind === 'line') {
    return (
      Charts.newLineChart()
        .setDataTable(data)
        .setTitle(chart.title)
        .setDimensions(DOC_CHART_SIZE.width, DOC_CHART_SIZE.height)
        // Up to ten indicators: a legend at the bottom would be cut to one line, the right side holds them.
        .setLegendPosition(Charts.Position.RIGHT)
        .setColors(colors)
        .setYAxisTitle(chart.unit)
        .build()
        .getBlob()
    );
  }
  const builder = Charts.newColumnChart()
    .setDataTable(data)
    .setTitle(chart.title)
    .setDimensions(DOC_CHART_SIZE.width, DOC_CHART_SIZE.height)
    .setLegendPosition(chart.series.length > 1 ? Charts.Position.BOTTOM : Charts.Position.NONE)
    .setColors(colors)
    .setYAxisTitle(chart.unit);
  if (chart.kind === 'stackedBar') builder.setStacked();
  return builder.build().getBlob();
}
