/**
 * Codes and list values typed by hand: « ru1 », « En Cours », « BREST  ». Each is matched against its
 * vocabulary (Référentiel, Territoires, Indicateurs, the dropdown lists), a variant gets a warning that
 * names the right spelling, an unknown code an error. The rules then run on copies of the grids where
 * variants read as their canonical value, so that one typo never cascades into a dozen errors;
 * the user's grids are never modified.
 */
import { type CellValue, cellText, codeKey, type Grid, isBlank, isBlankRow } from '../cells';
import { DEFAULT_REFERENTIEL } from '../presets';
import type { Problem } from '../problems';
import { readReferentiel } from '../records';
import {
  INDICATOR_DIRECTIONS,
  INDICATOR_TYPES,
  INDICATOR_UNITS,
  STATUSES,
  TERRITORY_LEVELS,
} from '../referentiel';
import { mapHeaders, readTable, splitCodes, type Table, type TableRow } from '../table';
import {
  type ColumnSpec,
  fixedSheetSpec,
  REFERENTIEL_LEVELS,
  type SheetSpec,
  sheetSpecByRole,
  workbookSpec,
} from '../workbook';
import { cachedCodeOf } from './context';
import { MSG, WHERE } from './messages';

interface Vocabulary {
  candidates: readonly string[];
  where: string;
  /** The error for a code found nowhere; without it the schema's own message stands. */
  unknown?: (code: string) => string;
  /** A list of codes separated by « ; ». */
  multiple?: boolean;
}

interface Vocabularies {
  territories: string[];
  indicators: string[];
  /** Domain, objective and action line codes of the Référentiel. */
  domains: string[];
  objectives: string[];
  axes: string[];
  lines: string[];
  referentielCodes: string[];
}

function vocabularyOf(spec: SheetSpec, column: ColumnSpec, v: Vocabularies): Vocabulary | null {
  const list = (values: readonly string[]): Vocabulary => ({ candidates: values, where: WHERE.list });
  const territories = (unknown: (code: string) => string, multiple = false): Vocabulary => ({
    candidates: v.territories,
    where: WHERE.territories,
    unknown,
    multiple,
  });
  switch (`${spec.role}.${column.key}`) {
    case 'referentiel.level':
      return { ...list(REFERENTIEL_LEVELS), unknown: (typed) => MSG.notInList(typed, REFERENTIEL_LEVELS) };
    case 'referentiel.parent':
      return { candidates: v.referentielCodes, where: WHERE.referentiel };
    case 'territories.level':
      return list(TERRITORY_LEVELS);
    case 'territories.parent':
      return territories(MSG.unknownParentTerritory);
    case 'indicators.domain':
      return { candidates: v.domains, where: WHERE.referentiel };
    case 'indicators.objective':
    case 'actions.objective':
      return { candidates: v.objectives, where: WHERE.referentiel, unknown: MSG.unknownObjective };
    case 'indicators.kind':
      return list(INDICATOR_TYPES);
    case 'indicators.unit':
      return list(INDICATOR_UNITS);
    case 'indicators.direction':
      return list(INDICATOR_DIRECTIONS);
    case 'actions.actionLine':
      return { candidates: v.lines, where: WHERE.referentiel, unknown: MSG.unknownActionLine };
    case 'actions.territories':
      return territories(MSG.unknownTerritory, true);
    case 'actions.axes':
      return { candidates: v.axes, where: WHERE.referentiel, unknown: MSG.unknownAxis, multiple: true };
    case 'actions.status':
      return list(STATUSES);
    case 'measures.indicator':
      return { candidates: v.indicators, where: WHERE.indicators, unknown: MSG.unknownIndicator };
    case 'measures.territory':
      return territories(MSG.unknownTerritory);
    default:
      return null;
  }
}

/** Grids copied on first write, row by row: the originals stay untouched. */
class GridCopies {
  readonly grids: Map<string, Grid>;
  private readonly copiedRows = new Set<string>();
  constructor(source: ReadonlyMap<string, Grid>) {
    this.grids = new Map(source);
  }
  set(sheet: string, row: number, col: number, value: CellValue): void {
    let grid = this.grids.get(sheet)!;
    if (!this.copiedRows.has(sheet)) {
      grid = [...grid];
      this.grids.set(sheet, grid);
      this.copiedRows.add(sheet);
    }
    const key = `${sheet}|${row}`;
    if (!this.copiedRows.has(key)) {
      grid[row - 1] = [...grid[row - 1]!];
      this.copiedRows.add(key);
    }
    grid[row - 1]![col] = value;
  }
}

export interface CanonicalWorkbook {
  grids: Map<string, Grid>;
  problems: Problem[];
}

/** Checks every coded cell against its vocabulary and returns grids where variants are canonical. */
export function canonicaliseCodes(grids: ReadonlyMap<string, Grid>): CanonicalWorkbook {
  const copies = new GridCopies(grids);
  const problems: Problem[] = [];
  const rawTableOf = (spec: SheetSpec): RawTable | undefined => {
    const grid = copies.grids.get(spec.name);
    return grid ? rawTable(spec, grid) : undefined;
  };
  // The Référentiel first, against its own codes: the other sheets' objectives and lines are its codes
  // once canonical.
  const refSpec = fixedSheetSpec('referentiel');
  const rawRef = rawTableOf(refSpec);
  const referentielCodes = rawRef ? codesOf(rawRef, 'code') : [];
  const empty: Vocabularies = {
    territories: [],
    indicators: [],
    domains: [],
    objectives: [],
    axes: [],
    lines: [],
    referentielCodes,
  };
  if (rawRef) canonicaliseTable(rawRef, empty, copies, problems);
  const refGrid = copies.grids.get(refSpec.name);
  const referentiel = readReferentiel(refGrid && readTable(refSpec, refGrid), DEFAULT_REFERENTIEL);
  const specs = workbookSpec(referentiel, []);
  const territoriesTable = rawTableOf(sheetSpecByRole(specs, 'territories'));
  const indicatorsTable = rawTableOf(sheetSpecByRole(specs, 'indicators'));
  const vocabularies: Vocabularies = {
    territories: territoriesTable ? codesOf(territoriesTable, 'code') : [],
    indicators: indicatorsTable ? codesOf(indicatorsTable, 'code') : [],
    domains: referentiel.domains.map((d) => d.code),
    axes: referentiel.axes.map((a) => a.code),
    objectives: referentiel.domains.flatMap((d) => d.objectives.map((o) => o.code)),
    lines: referentiel.domains.flatMap((d) => d.objectives.flatMap((o) => o.lines.map((l) => l.code))),
    referentielCodes,
  };
  for (const spec of specs) {
    if (spec.role === 'referentiel') continue;
    const table = rawTableOf(spec);
    if (table) canonicaliseTable(table, vocabularies, copies, problems);
  }
  return { grids: copies.grids, problems };
}

/** Just the header mapping and the filled rows: the cells are looked at raw, column by column. */
type RawTable = Pick<Table, 'spec' | 'mapping'> & { rows: Pick<TableRow, 'row' | 'raw'>[] };

function rawTable(spec: SheetSpec, grid: Grid): RawTable {
  const rows: RawTable['rows'] = [];
  for (let r = 1; r < grid.length; r++) if (!isBlankRow(grid[r]!)) rows.push({ row: r + 1, raw: grid[r]! });
  return { spec, mapping: mapHeaders(spec, grid[0] ?? []), rows };
}

function codesOf(table: RawTable, key: string): string[] {
  const i = table.mapping.index.get(key);
  if (i === undefined) return [];
  return table.rows.map((r) => cellText(r.raw[i] ?? '').trim()).filter((c) => c !== '');
}

function canonicaliseTable(table: RawTable, v: Vocabularies, copies: GridCopies, problems: Problem[]): void {
  for (const column of table.spec.columns) {
    const i = table.mapping.index.get(column.key);
    if (i === undefined) continue;
    const vocabulary = vocabularyOf(table.spec, column, v);
    if (!vocabulary && column.type !== 'id') continue;
    for (const row of table.rows) {
      const raw = row.raw[i];
      if (isBlank(raw)) continue;
      const at = (severity: Problem['severity'], message: string): Problem => ({
        severity,
        sheet: table.spec.name,
        row: row.row,
        column: column.header,
        columnIndex: i,
        value: cellText(raw ?? ''),
        message,
      });
      const text = cellText(raw ?? '');
      if (!vocabulary) {
        if (text !== text.trim()) problems.push(at('avertissement', MSG.spaces(text, text.trim())));
        continue;
      }
      const fixed = vocabulary.multiple
        ? checkCodeList(text, vocabulary, at, problems)
        : checkCode(
            text,
            column.type === 'code' ? cachedCodeOf(text) : text.trim(),
            vocabulary,
            at,
            problems,
          );
      if (fixed !== null) copies.set(table.spec.name, row.row, i, fixed);
    }
  }
}

type At = (severity: Problem['severity'], message: string) => Problem;

/** resolveCode with the candidates indexed once per vocabulary: thousands of rows share one list. */
const lookups = new WeakMap<Vocabulary, { exact: Set<string>; loose: Map<string, string> }>();

function resolve(typed: string, v: Vocabulary): { code: string; exact: boolean } | null {
  let lookup = lookups.get(v);
  if (!lookup) {
    lookup = { exact: new Set(v.candidates), loose: new Map() };
    for (const c of [...v.candidates].reverse()) lookup.loose.set(codeKey(c), c);
    lookups.set(v, lookup);
  }
  if (lookup.exact.has(typed)) return { code: typed, exact: true };
  const code = lookup.loose.get(codeKey(typed));
  return code === undefined ? null : { code, exact: false };
}

/** Returns the canonical value to read instead of the typed one, or null to read the cell as typed. */
function checkCode(text: string, typed: string, v: Vocabulary, at: At, problems: Problem[]): string | null {
  const resolved = resolve(typed, v);
  if (!resolved) {
    if (v.unknown) problems.push(at('erreur', v.unknown(typed)));
    return null;
  }
  if (!resolved.exact) {
    problems.push(at('avertissement', MSG.variant(typed, resolved.code, v.where)));
    return resolved.code;
  }
  if (text !== text.trim()) problems.push(at('avertissement', MSG.spaces(text, text.trim())));
  return null;
}

function checkCodeList(text: string, v: Vocabulary, at: At, problems: Problem[]): string | null {
  let changed = false;
  const codes = splitCodes(text).map((typed) => {
    const fixed = checkCode(typed, typed, v, at, problems);
    if (fixed === null) return typed;
    changed = true;
    return fixed;
  });
  return changed ? codes.join(' ; ') : null;
}
