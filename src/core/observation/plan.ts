/**
 * The import of an observation file as a plan: what it creates, replaces and leaves out, decided
 * before anything is written (writes.ts turns it into the cells to write). Both editions apply the same
 * plan.
 */
import { codeKey, formatNumberFr, isoYear } from '../cells';
import { nextFreeRow } from '../editing';
import { codeOf, type WorkbookData } from '../records';
import type { Indicator, Territory } from '../schemas';
import type { Table, TableRow, TypedValue } from '../table';
import { agree, plural } from '../typography';
import type { Observation, ObservationFile } from './parse';
import type { MeasureMarker } from './vocabulary';

export interface ImportChoices {
  /** Variable of the file → code of the workbook's indicator, chosen by the user (remembered). */
  mapping: Record<string, string>;
}

export interface PlannedValue {
  indicator: string;
  territory: string;
  year: number;
  value: number | null;
  marker: MeasureMarker | '';
  place: string;
  /** Sheet row written: an existing row for a replaced value, a new one at the end otherwise. */
  row: number;
  /** What the row held, for a replaced value. */
  previous: string;
}

export interface Unknown {
  code: string;
  /** Values of the file that carry it. */
  count: number;
  /** A label the file gives it (variables sheet), or the territory's name. */
  label: string;
  closest: string[];
}

export interface ImportPlan {
  fileName: string;
  layout: ObservationFile['layout'];
  created: PlannedValue[];
  replaced: PlannedValue[];
  /** Values equal to those already in Mesures: nothing to write. */
  unchanged: number;
  unknownTerritories: Unknown[];
  unknownVariables: Unknown[];
  /** Values left out, each with its place in the file and the reason. */
  ignored: { place: string; reason: string }[];
  /** Empty cells of the file: no value, no measure. */
  empty: number;
  /** Values whose territory or variable is unknown (listed in unknownTerritories / unknownVariables). */
  unmatched: number;
  /** Variables newly tied to an indicator, written to its « Variables sources » cell. */
  remembered: { indicator: string; variables: string[]; row: number }[];
}

export const NOT_INSTALLED =
  'lancez « Installer ou mettre à jour le classeur » pour lui ajouter les colonnes des données d’observation';

/** The plan of an import into the workbook as read; throws a French message if it cannot be made. */
export function planImport(
  file: ObservationFile,
  data: WorkbookData,
  choices: ImportChoices,
  fileName: string,
): ImportPlan {
  const measures = data.tables.get('measures');
  if (!measures) throw new Error('La feuille Mesures est absente : installez le classeur avant d’importer.');
  const missing = measures.mapping.missing.map((c) => c.header);
  if (missing.length > 0) {
    throw new Error(
      `La feuille Mesures n’a pas ${agree(missing.length, 'la colonne', 'les colonnes')} ${missing.map((h) => `« ${h} »`).join(', ')} : ${NOT_INSTALLED}.`,
    );
  }
  const indicators = data.indicators.map((i) => i.record);
  const resolveIndicator = indicatorMatcher(indicators, choices);
  const resolveTerritory = territoryMatcher(data.territories);
  const existing = existingRows(measures);
  const period = {
    start: isoYear(data.settings.periodStart),
    end: isoYear(data.settings.periodEnd),
  };
  const plan: ImportPlan = {
    fileName,
    layout: file.layout,
    created: [],
    replaced: [],
    unchanged: 0,
    unknownTerritories: [],
    unknownVariables: [],
    ignored: file.unreadable.map((u) => ({ place: u.place, reason: `valeur illisible « ${u.text} »` })),
    empty: file.empty,
    unmatched: 0,
    remembered: [],
  };
  const unknownTerritories = new Map<string, number>();
  const unknownVariables = new Map<string, number>();
  const seen = new Map<string, string>();
  let nextRow = nextFreeRow(measures);
  for (const o of file.observations) {
    const indicator = resolveIndicator(o.variable);
    const territory = resolveTerritory(o.territory);
    if (!indicator) unknownVariables.set(o.variable, (unknownVariables.get(o.variable) ?? 0) + 1);
    if (!territory) unknownTerritories.set(o.territory, (unknownTerritories.get(o.territory) ?? 0) + 1);
    if (!indicator || !territory) {
      plan.unmatched++;
      continue;
    }
    const reason = ignoredReason(o, indicator, period);
    if (reason) {
      plan.ignored.push({ place: o.place, reason });
      continue;
    }
    const key = measureKey(indicator.code, o.year, territory.code);
    const twice = seen.get(key);
    if (twice) {
      plan.ignored.push({ place: o.place, reason: `même indicateur, année et territoire qu’en ${twice}` });
      continue;
    }
    seen.set(key, o.place);
    const planned = {
      indicator: indicator.code,
      territory: territory.code,
      year: o.year,
      value: o.value,
      marker: o.marker,
      place: o.place,
    };
    const row = existing.get(key);
    if (!row) plan.created.push({ ...planned, row: nextRow++, previous: '' });
    else if (sameValue(row, o)) plan.unchanged++;
    else
      plan.replaced.push({
        ...planned,
        row: row.row,
        previous: valueText(row.values.value, row.values.marker),
      });
  }
  plan.unknownTerritories = unknowns(unknownTerritories, territoryCandidates(data.territories), () => '');
  plan.unknownVariables = unknowns(
    unknownVariables,
    variableCandidates(indicators),
    (v) => file.labels.get(v) ?? '',
  );
  plan.remembered = remembered(data, choices, file);
  return plan;
}

function ignoredReason(
  o: Observation,
  indicator: Indicator,
  period: { start: number; end: number },
): string | null {
  if ((o.year < period.start || o.year > period.end) && o.year !== indicator.baselineYear) {
    return `année ${o.year} hors de la période du contrat (${period.start}–${period.end}) et différente de l’année de référence de ${indicator.code} (${indicator.baselineYear})`;
  }
  if (indicator.unit === '%' && o.value !== null && (o.value < 0 || o.value > 100)) {
    return `${formatNumberFr(o.value)} n’est pas un pourcentage entre 0 et 100 (${indicator.code})`;
  }
  return null;
}

const measureKey = (indicator: string, year: number, territory: string) =>
  `${codeKey(indicator)}|${year}|${codeKey(territory)}`;

function existingRows(measures: Table): Map<string, TableRow> {
  const rows = new Map<string, TableRow>();
  for (const row of measures.rows) {
    const { indicator, year, territory } = row.values;
    if (typeof indicator !== 'string' || typeof year !== 'number' || typeof territory !== 'string') continue;
    const key = measureKey(codeOf(indicator), year, codeOf(territory));
    if (!rows.has(key)) rows.set(key, row);
  }
  return rows;
}

function sameValue(row: TableRow, o: Observation): boolean {
  const marker = typeof row.values.marker === 'string' ? row.values.marker : '';
  const value = typeof row.values.value === 'number' ? row.values.value : null;
  return (
    marker === o.marker &&
    (value === o.value || (value !== null && o.value !== null && Math.abs(value - o.value) < 1e-9))
  );
}

function valueText(value: TypedValue | undefined, marker: TypedValue | undefined): string {
  if (typeof marker === 'string' && marker !== '') return marker;
  return typeof value === 'number' ? formatNumberFr(value, 6) : 'vide';
}

export function observationText(v: Pick<PlannedValue, 'value' | 'marker'>): string {
  return v.marker || (v.value === null ? 'vide' : formatNumberFr(v.value, 6));
}

// ---------------------------------------------------------------------------------------------
// Matching codes

function indicatorMatcher(indicators: readonly Indicator[], choices: ImportChoices) {
  const byKey = new Map<string, Indicator>();
  for (const i of indicators) if (!byKey.has(codeKey(i.code))) byKey.set(codeKey(i.code), i);
  for (const i of indicators)
    for (const v of i.variables) if (!byKey.has(codeKey(v))) byKey.set(codeKey(v), i);
  const chosen = new Map<string, Indicator>();
  for (const [variable, code] of Object.entries(choices.mapping)) {
    if (!code) continue;
    const indicator = indicators.find((i) => codeKey(i.code) === codeKey(code));
    if (!indicator)
      throw new Error(
        `Indicateur inconnu (feuille Indicateurs) pour la variable « ${variable} » : « ${code} ».`,
      );
    chosen.set(codeKey(variable), indicator);
  }
  return (variable: string) => chosen.get(codeKey(variable)) ?? byKey.get(codeKey(variable)) ?? null;
}

/** A file's code is the territory's official code (QP029001, 29019, SIREN) or the workbook's own code. */
function territoryMatcher(territories: readonly Territory[]) {
  const byKey = new Map<string, Territory>();
  for (const t of territories) if (t.officialCode) byKey.set(codeKey(t.officialCode), t);
  for (const t of territories) if (!byKey.has(codeKey(t.code))) byKey.set(codeKey(t.code), t);
  return (code: string) => byKey.get(codeKey(code)) ?? null;
}

function territoryCandidates(territories: readonly Territory[]): { key: string; shown: string }[] {
  return territories.flatMap((t) => {
    const shown = t.officialCode ? `${t.officialCode} (${t.name})` : `${t.code} (${t.name})`;
    return [{ key: t.code, shown }, ...(t.officialCode ? [{ key: t.officialCode, shown }] : [])];
  });
}

function variableCandidates(indicators: readonly Indicator[]): { key: string; shown: string }[] {
  return indicators.flatMap((i) => {
    const shown = `${i.code} (${i.label})`;
    return [{ key: i.code, shown }, ...i.variables.map((v) => ({ key: v, shown }))];
  });
}

function unknowns(
  counts: Map<string, number>,
  candidates: { key: string; shown: string }[],
  labelOf: (code: string) => string,
): Unknown[] {
  return [...counts].map(([code, count]) => ({
    code,
    count,
    label: labelOf(code),
    closest: closest(code, candidates),
  }));
}

/** The three known codes nearest to a typed one (edit distance on codes without case or accents). */
export function closest(code: string, candidates: { key: string; shown: string }[], limit = 3): string[] {
  const wanted = codeKey(code);
  const scored = candidates
    .map((c) => ({ shown: c.shown, distance: editDistance(wanted, codeKey(c.key)) }))
    .filter((c) => c.distance <= Math.max(2, Math.floor(wanted.length / 2)))
    .sort((a, b) => a.distance - b.distance);
  return [...new Set(scored.map((c) => c.shown))].slice(0, limit);
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The variables the user tied to an indicator that its « Variables sources » cell does not hold yet. */
function remembered(
  data: WorkbookData,
  choices: ImportChoices,
  file: ObservationFile,
): ImportPlan['remembered'] {
  const inFile = new Set(file.observations.map((o) => codeKey(o.variable)));
  const added = new Map<string, string[]>();
  for (const [variable, code] of Object.entries(choices.mapping)) {
    if (!code || !inFile.has(codeKey(variable))) continue;
    const located = data.indicators.find((i) => codeKey(i.record.code) === codeKey(code))!;
    const known = [
      located.record.code,
      ...located.record.variables,
      ...(added.get(located.record.code) ?? []),
    ];
    if (known.some((k) => codeKey(k) === codeKey(variable))) continue;
    added.set(located.record.code, [...(added.get(located.record.code) ?? []), variable]);
  }
  return [...added].map(([indicator, variables]) => {
    const located = data.indicators.find((i) => i.record.code === indicator)!;
    return { indicator, variables: [...located.record.variables, ...variables], row: located.row };
  });
}

export const hasChanges = (plan: ImportPlan) =>
  plan.created.length + plan.replaced.length + plan.remembered.length > 0;

/** « 12 valeurs créées, 3 remplacées, 40 inchangées, 5 ignorées. » */
export function importSummary(plan: ImportPlan): string {
  const ignored = plan.ignored.length + plan.unmatched;
  return `${plural(plan.created.length, 'valeur créée', 'valeurs créées')}, ${plural(plan.replaced.length, 'remplacée')}, ${plural(plan.unchanged, 'inchangée')}, ${plural(ignored, 'ignorée')}.`;
}
