// Charts service: data tables and chart builders whose images are a 1x1 PNG remembering the chart spec.

import { type ChartSpec, createBlob, tinyPng } from './blob';
import { assertInt, assertString, classOf, type FakeContext, internalOf, isDate } from './core';
import { ChartType, ColumnType, Position } from './enums';

interface TableModel {
  columns: { type: string; label: string }[];
  rows: unknown[][];
}

const COLUMN_CHECKS: Record<string, (v: unknown) => boolean> = {
  NUMBER: (v) => typeof v === 'number' || v === null,
  STRING: (v) => typeof v === 'string' || v === null,
  DATE: (v) => isDate(v) || v === null,
};

// Builders that have setStacked / setRange in Apps Script.
const STACKABLE = new Set(['AREA', 'BAR', 'COLUMN']);
const WITH_RANGE = new Set(['AREA', 'BAR', 'COLUMN', 'LINE']);

export function createCharts(ctx: FakeContext, charts: ChartSpec[]): object {
  const dataTable = (model: TableModel): object =>
    ctx.surface(
      'DataTable',
      {
        getNumberOfRows: () => model.rows.length,
        getNumberOfColumns: () => model.columns.length,
        getColumnLabel: (i: unknown) =>
          model.columns[assertInt(ctx, i, 'DataTable.getColumnLabel')]?.label ?? null,
        getColumnType: (i: unknown) =>
          model.columns[assertInt(ctx, i, 'DataTable.getColumnType')]?.type ?? null,
        getValue: (r: unknown, c: unknown) =>
          model.rows[assertInt(ctx, r, 'DataTable.getValue')]?.[assertInt(ctx, c, 'DataTable.getValue')] ??
          null,
      },
      { internal: model },
    );

  const dataTableBuilder = (): object => {
    const model: TableModel = { columns: [], rows: [] };
    const self: object = ctx.surface(
      'DataTableBuilder',
      {
        addColumn: (type: unknown, label: unknown) => {
          const t = assertString(ctx, type, 'DataTableBuilder.addColumn');
          if (!COLUMN_CHECKS[t]) throw ctx.exception(`Invalid argument: type (${t})`);
          model.columns.push({ type: t, label: assertString(ctx, label, 'DataTableBuilder.addColumn') });
          return self;
        },
        addRow: (values: unknown) => {
          if (!Array.isArray(values))
            throw ctx.exception("The parameters don't match the method signature for addRow.");
          if (values.length !== model.columns.length) {
            throw ctx.exception(
              `The row has ${values.length} values but the table has ${model.columns.length} columns.`,
            );
          }
          values.forEach((v, i) => {
            const column = model.columns[i];
            if (column && !COLUMN_CHECKS[column.type]?.(v)) {
              throw ctx.exception(
                `Value ${String(v)} does not match the ${column.type} type of column ${i}.`,
              );
            }
          });
          model.rows.push([...values]);
          return self;
        },
        build: () => dataTable({ columns: [...model.columns], rows: model.rows.map((r) => [...r]) }),
      },
      { internal: model },
    );
    return self;
  };

  const tableOf = (source: unknown): TableModel => {
    const kind = classOf(source) === 'DataTableBuilder' ? 'DataTableBuilder' : 'DataTable';
    return internalOf<TableModel>(ctx, source, kind, 'ChartBuilder.setDataTable');
  };

  const chart = (spec: ChartSpec): object => {
    const image = () =>
      createBlob(ctx, { bytes: tinyPng(), contentType: 'image/png', name: 'chart.png', chartSpec: spec });
    return ctx.surface('Chart', {
      getBlob: image,
      getAs: (type: unknown) => {
        if (assertString(ctx, type, 'Chart.getAs') !== 'image/png') {
          throw ctx.exception(`Converting a chart to ${String(type)} is not supported.`);
        }
        return image();
      },
    });
  };

  const chartBuilder = (type: string): object => {
    const spec: ChartSpec = {
      type,
      title: null,
      width: null,
      height: null,
      columns: [],
      rows: [],
      options: {},
    };
    let table: TableModel | null = null;
    const option = (key: string, value: unknown) => {
      spec.options[key] = value;
      return self;
    };
    const text = (v: unknown, where: string) => assertString(ctx, v, where);
    const members: Record<string, (...args: never[]) => unknown> = {
      setDataTable: (source: unknown) => {
        table = tableOf(source);
        return self;
      },
      setTitle: (title: unknown) => {
        spec.title = text(title, 'ChartBuilder.setTitle');
        return self;
      },
      setDimensions: (width: unknown, height: unknown) => {
        spec.width = assertInt(ctx, width, 'ChartBuilder.setDimensions');
        spec.height = assertInt(ctx, height, 'ChartBuilder.setDimensions');
        return self;
      },
      setColors: (colors: unknown) => {
        if (!Array.isArray(colors))
          throw ctx.exception("The parameters don't match the method signature for setColors.");
        return option(
          'colors',
          colors.map((c) => text(c, 'ChartBuilder.setColors')),
        );
      },
      setLegendPosition: (position: unknown) => {
        const p = text(position, 'ChartBuilder.setLegendPosition');
        if (!(p in Position)) throw ctx.exception(`Invalid argument: position (${p})`);
        return option('legend.position', p);
      },
      setBackgroundColor: (c: unknown) =>
        option('backgroundColor', text(c, 'ChartBuilder.setBackgroundColor')),
      setOption: (key: unknown, value: unknown) => option(text(key, 'ChartBuilder.setOption'), value),
      build: () => {
        if (!table) throw ctx.exception('The chart has no data table: call setDataTable first.');
        const built: ChartSpec = {
          ...spec,
          options: { ...spec.options },
          columns: table.columns.map((c) => ({ ...c })),
          rows: table.rows.map((r) => [...r]),
        };
        charts.push(built);
        return chart(built);
      },
    };
    if (type !== 'PIE') {
      members.setXAxisTitle = (t: unknown) => option('hAxis.title', text(t, 'ChartBuilder.setXAxisTitle'));
      members.setYAxisTitle = (t: unknown) => option('vAxis.title', text(t, 'ChartBuilder.setYAxisTitle'));
    }
    if (STACKABLE.has(type)) members.setStacked = () => option('isStacked', true);
    if (WITH_RANGE.has(type)) {
      members.setRange = (start: unknown, end: unknown) => option('range', [start, end]);
    }
    if (type === 'PIE') members.set3D = () => option('is3D', true);
    const self: object = ctx.surface('ChartBuilder', members);
    return self;
  };

  return ctx.surface('Charts', {
    ChartType,
    ColumnType,
    Position,
    newDataTable: dataTableBuilder,
    newAreaChart: () => chartBuilder('AREA'),
    newBarChart: () => chartBuilder('BAR'),
    newColumnChart: () => chartBuilder('COLUMN'),
    newLineChart: () => chartBuilder('LINE'),
    newPieChart: () => chartBuilder('PIE'),
    newScatterChart: () => chartBuilder('SCATTER'),
  });
}
