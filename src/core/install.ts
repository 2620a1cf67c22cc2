/**
 * Install and upgrade as a plan computed from what the workbook holds: which sheets to create, which
 * headers to restore, which columns to append, which seed rows are missing. The plan never moves,
 * deletes or rewrites a user's cell; adapters (Apps Script, .xlsx) carry it out.
 */
import { type CellValue, cellText, type Grid, isBlankRow, normaliseKey, usedWidth } from './cells';
import { DEFAULT_PRESET, hasOpinions, type Preset } from './presets';
import { readWorkbook } from './records';
import { DEFAULT_TERRITORIES, type Referentiel } from './referentiel';
import { DEFAULT_SETTINGS, SETTING_DEFS, settingCell } from './settings';
import { type HeaderMapping, layoutRow, mapHeaders, type TypedValue } from './table';
import { plural } from './typography';
import { type ColumnSpec, type Dropdown, SHEET_NAMES, type SheetSpec, workbookSpec } from './workbook';

export interface PlannedColumn {
  spec: ColumnSpec;
  /** 0-based column index once the plan is applied. */
  index: number;
  added: boolean;
  /** The header cell does not hold the spec's header yet (a new column, or a variant to restore). */
  writeHeader: boolean;
}

export interface SheetPlan {
  spec: SheetSpec;
  create: boolean;
  /** Position of the sheet among the workbook's tabs, for a sheet to create. */
  position: number;
  /** The header row once the plan is applied: ours where the plan puts them, the user's as read. */
  headerRow: string[];
  columns: PlannedColumn[];
  /** Last row holding data before the plan (1-based; 1 = header only). */
  lastRow: number;
  appendRows: CellValue[][];
  changes: string[];
}

export interface InstallPlan {
  sheets: SheetPlan[];
  /** What the install changed, in French, for the closing summary. */
  changes: string[];
}

/**
 * `preset` gives the first rows of empty sheets: the Référentiel, Paramètres, Financeurs. Once the
 * Référentiel has rows, they are the référentiel (a new domain there gets its sheet, nothing is added
 * back to it).
 */
export function planInstall(grids: ReadonlyMap<string, Grid>, preset: Preset = DEFAULT_PRESET): InstallPlan {
  const data = readWorkbook(grids, preset.referentiel);
  const fundersSheetEmpty = !hasDataRows(grids.get(SHEET_NAMES.funders));
  const funders = fundersSheetEmpty
    ? preset.funders
    : data.funders.filter((f) => f.active).map((f) => ({ code: f.code, name: f.name, kind: f.kind }));
  // The spec follows the workbook's own référentiel (edited labels), funders and model.
  const settings = hasDataRows(grids.get(SHEET_NAMES.settings)) ? data.settings : preset.settings;
  const specs = workbookSpec(data.referentiel, funders, { opinions: hasOpinions(settings, grids) });
  const sheets = specs.map((spec, position) => planSheet(spec, position, grids.get(spec.name), preset));
  const changes = sheets.flatMap((s) => s.changes);
  return { sheets, changes };
}

function hasDataRows(grid: Grid | undefined): boolean {
  return !!grid && grid.slice(1).some((row) => !isBlankRow(row));
}

function lastDataRow(grid: Grid): number {
  for (let r = grid.length - 1; r >= 0; r--) if (!isBlankRow(grid[r]!)) return r + 1;
  return 0;
}

function planSheet(spec: SheetSpec, position: number, grid: Grid | undefined, preset: Preset): SheetPlan {
  const existing = grid ?? [];
  const mapping = mapHeaders(spec, existing[0] ?? []);
  const headerRow = Array.from({ length: usedWidth(existing) }, (_, i) => cellText(existing[0]?.[i] ?? ''));
  const changes: string[] = [];
  const columns: PlannedColumn[] = [];
  if (!grid) changes.push(`Feuille « ${spec.name} » créée.`);
  for (const v of mapping.variants) {
    changes.push(`« ${spec.name} » : en-tête « ${v.found} » rétabli en « ${v.column.header} ».`);
  }
  for (const column of spec.columns) {
    const found = mapping.index.get(column.key);
    const index = found ?? headerRow.length;
    headerRow[index] = column.header;
    const current = existing[0]?.[index];
    columns.push({ spec: column, index, added: found === undefined, writeHeader: current !== column.header });
    if (found === undefined && grid && existing.length > 0) {
      changes.push(`« ${spec.name} » : colonne « ${column.header} » ajoutée.`);
    }
  }
  const lastRow = Math.max(1, lastDataRow(existing));
  const hasData = hasDataRows(grid);
  const finalMapping = mapHeaders(spec, headerRow);
  const appendRows = seedRows(spec, existing, mapping, !hasData, preset).map((values) =>
    layoutRow(finalMapping, values, headerRow.length),
  );
  if (appendRows.length > 0 && hasData) {
    changes.push(
      `« ${spec.name} » : ${plural(appendRows.length, 'ligne manquante ajoutée', 'lignes manquantes ajoutées')}.`,
    );
  }
  return { spec, create: !grid, position, headerRow, columns, lastRow, appendRows, changes };
}

/** Seed rows that the sheet lacks, keyed by code or setting name so that edited rows are kept. */
function seedRows(
  spec: SheetSpec,
  grid: Grid,
  mapping: HeaderMapping,
  sheetIsEmpty: boolean,
  preset: Preset,
): Record<string, TypedValue>[] {
  const present = (key: string): Set<string> => {
    const i = mapping.index.get(key);
    if (i === undefined) return new Set();
    return new Set(grid.slice(1).map((row) => normaliseKey(cellText(row[i] ?? ''))));
  };
  switch (spec.role) {
    case 'settings': {
      const names = present('name');
      return SETTING_DEFS.filter((d) => !names.has(normaliseKey(d.name))).map((d) => ({
        name: d.name,
        value: settingCell(d, names.size === 0 ? preset.settings : DEFAULT_SETTINGS) as TypedValue,
        help: d.help,
      }));
    }
    case 'referentiel':
      return sheetIsEmpty ? referentielRows(preset.referentiel) : [];
    case 'territories':
      return sheetIsEmpty ? DEFAULT_TERRITORIES.map((t) => ({ ...t, comment: '' })) : [];
    case 'funders':
      return sheetIsEmpty ? preset.funders.map((f) => ({ ...f, active: true })) : [];
    default:
      return [];
  }
}

/** The Référentiel sheet's rows for a référentiel: each domain, its objectives and lines, then the axes. */
export function referentielRows(ref: Referentiel): Record<string, TypedValue>[] {
  const row = (code: string, level: string, parent: string, label: string) => ({
    code,
    level,
    parent,
    name: '',
    label,
    steeringBody: '',
    active: true,
  });
  const domains = ref.domains.flatMap((d) => [
    {
      code: d.code,
      level: 'domaine',
      parent: '',
      name: d.name,
      label: d.label,
      steeringBody: d.steeringBody,
      active: true,
    },
    ...d.objectives.flatMap((o) => [
      row(o.code, 'objectif', d.code, o.label),
      ...o.lines.map((l) => row(l.code, 'ligne d’action', o.code, l.label)),
    ]),
  ]);
  return [...domains, ...ref.axes.map((a) => row(a.code, 'axe transversal', '', a.label))];
}

/** Where a dropdown of kind `column` takes its values once the plan is applied. */
export function dropdownSource(
  plan: InstallPlan,
  dropdown: Extract<Dropdown, { kind: 'column' }>,
): { sheet: string; columnIndex: number } | null {
  const sheet = plan.sheets.find((s) => s.spec.role === dropdown.sheet);
  const column = sheet?.columns.find((c) => c.spec.key === dropdown.column);
  return sheet && column ? { sheet: sheet.spec.name, columnIndex: column.index } : null;
}

/** The French summary; `notices` are what the install left alone on purpose (a user's protection…). */
export function installSummary(plan: InstallPlan, notices: readonly string[] = []): string {
  const after = notices.length > 0 ? `\n\n${notices.join('\n')}` : '';
  if (plan.changes.length === 0) return `Le classeur est déjà à jour : aucune donnée modifiée.${after}`;
  const lines = plan.changes.slice(0, 25).map((c) => `• ${c}`);
  if (plan.changes.length > 25)
    lines.push(`• … et ${plural(plan.changes.length - 25, 'autre changement', 'autres changements')}.`);
  return `Classeur installé ou mis à jour :\n${lines.join('\n')}\n\nAucune donnée existante n’a été déplacée ni supprimée.${after}`;
}

/** Said in the install summary when a sheet already carries a protection the add-on did not set. */
export function foreignProtectionNotice(sheet: string): string {
  return `La feuille « ${sheet} » est protégée par une protection qui n’est pas celle de Pilotage CUCS : elle a été laissée telle quelle. Les personnes qui saisissent doivent pouvoir y écrire, sinon le module ne peut pas y noter leurs modifications.`;
}
