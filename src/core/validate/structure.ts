/**
 * The shape of the workbook, before any row: sheets present, headers found by name (never guessed),
 * funder columns matching the Financeurs sheet, blank rows inside a table, merged cells.
 */
import { cellText, type Grid, isBlank, usedWidth } from '../cells';
import { columnLetter, type Problem } from '../problems';
import { funderColumns, type Table } from '../table';
import { FUNDER_KEY_PREFIX, funderCodeOfHeader, type SheetSpec } from '../workbook';
import { indexedProblem, type RuleContext, rowProblem } from './context';
import { MSG } from './messages';

/** Sheets whose rows are checked; Paramètres is read by setting name, the Journal and Contrôles are ours. */
export function checkedSpecs(ctx: RuleContext): SheetSpec[] {
  return ctx.data.specs.filter((s) => !['settings', 'journal', 'checks'].includes(s.role));
}

export function missingSheets(ctx: RuleContext): Problem[] {
  return ctx.data.specs
    .filter((s) => s.role !== 'checks' && !ctx.sheetNames.has(s.name))
    .map((s) => rowProblem(s.name, null, 'erreur', MSG.missingSheet(s.name)));
}

export function headerProblems(ctx: RuleContext): Problem[] {
  return checkedSpecs(ctx).flatMap((spec) => {
    const table = ctx.data.tables.get(spec.key);
    if (!table) return [];
    if (table.mapping.width === 0) return [rowProblem(spec.name, 1, 'erreur', MSG.noHeaders(spec.name))];
    return [
      ...missingHeaders(table, ctx.grids.get(spec.name)!),
      ...headerVariants(table),
      ...duplicateHeaders(table),
      ...unknownFunders(ctx, table),
    ];
  });
}

function missingHeaders(table: Table, grid: Grid): Problem[] {
  const unknown = table.mapping.extra
    .filter((h) => h.header !== '' && funderCodeOfHeader(h.header) === null)
    .map((h) => h.header);
  const blankColumns = table.mapping.extra
    .filter((h) => h.header === '' && grid.slice(1).some((row) => !isBlank(row[h.index])))
    .map((h) => columnLetter(h.index));
  // A data column past the last header is a header deleted at the end of the row.
  const width = usedWidth(grid);
  for (let i = table.mapping.width; i < width; i++) {
    if (grid.slice(1).some((row) => !isBlank(row[i]))) blankColumns.push(columnLetter(i));
  }
  return table.mapping.missing.map((column) =>
    column.key.startsWith(FUNDER_KEY_PREFIX)
      ? rowProblem(table.spec.name, 1, 'avertissement', MSG.missingFunderHeader(column.header))
      : {
          ...rowProblem(
            table.spec.name,
            1,
            'erreur',
            MSG.missingHeader(column.header, unknown, blankColumns),
          ),
          column: column.header,
        },
  );
}

function duplicateHeaders(table: Table): Problem[] {
  return table.mapping.duplicates.flatMap((d) =>
    d.others.flatMap((index) =>
      indexedProblem(
        table,
        1,
        index,
        'erreur',
        MSG.duplicateHeader(d.column.header, columnLetter(d.index)),
        d.column.header,
      ),
    ),
  );
}

function headerVariants(table: Table): Problem[] {
  return table.mapping.variants.map((v) =>
    indexedProblem(table, 1, v.index, 'avertissement', MSG.headerVariant(v.found, v.column.header), v.found),
  );
}

function unknownFunders(ctx: RuleContext, table: Table): Problem[] {
  if (table.spec.role !== 'actions') return [];
  return [...funderColumns(table.mapping)]
    .filter(([code]) => !ctx.funderCodes.has(code))
    .map(([code, index]) => {
      const header = cellText(table.headerRow[index] ?? '').trim();
      return indexedProblem(table, 1, index, 'erreur', MSG.unknownFunderColumn(header, code), header);
    });
}

export function blankRows(ctx: RuleContext): Problem[] {
  return checkedSpecs(ctx).flatMap((spec) => {
    const table = ctx.data.tables.get(spec.key);
    return (table?.blankRows ?? []).map((row) => rowProblem(spec.name, row, 'avertissement', MSG.blankRow()));
  });
}

export function mergedCells(ctx: RuleContext): Problem[] {
  const problems: Problem[] = [];
  for (const [sheet, ranges] of ctx.merged) {
    const grid = ctx.grids.get(sheet);
    const header = grid?.[0] ?? [];
    for (const r of ranges) {
      const a1 = `${columnLetter(r.col - 1)}${r.row}:${columnLetter(r.col + r.cols - 2)}${r.row + r.rows - 1}`;
      problems.push({
        severity: 'avertissement',
        sheet,
        row: r.row,
        column: cellText(header[r.col - 1] ?? '').trim() || null,
        columnIndex: r.col - 1,
        value: cellText(grid?.[r.row - 1]?.[r.col - 1] ?? ''),
        message: MSG.mergedCells(a1),
      });
    }
  }
  return problems;
}
