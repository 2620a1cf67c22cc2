/**
 * « Fiche territoire »: for a quartier prioritaire (or the agglomération as a whole), its situation —
 * context indicators next to its commune's and the agglomération's, a table and one chart — then what
 * the contract does there, under the report's territory rule. The report « croisant observation et
 * mise en œuvre » of the contract (seed, slide 12).
 */

import {
  type Comparison,
  type ComparisonPlaces,
  combine,
  compareTerritory,
  evolutionWord,
  type GapKind,
  gapOf,
  gapTrendWord,
  ObservationIndex,
  placesOf,
  type Reading,
} from '../observation/compare';
import type { WorkbookData } from '../records';
import type { DomainRef } from '../referentiel';
import type { Action, Indicator, Territory } from '../schemas';
import { groupDigits, NBSP } from '../typography';
import { TERRITORY_RULE, territoryAndDescendants } from './aggregate';
import { right } from './context';
import { toCorrect, WARNING_MARK, warningNote } from './corrections';
import { actionBlocks } from './fiche-actions';
import { valueText } from './format';
import type { MeasurePlace } from './indicator-values';
import { type Block, type Cell, chart, heading, paragraph, table } from './model';

export interface FicheInput {
  data: Pick<WorkbookData, 'territories' | 'indicators' | 'measures'>;
  year: number;
  /** The counted actions of the report's year and scope. */
  actions: readonly Action[];
  domains: readonly DomainRef[];
  actionLabel: (a: Action) => string;
  /** The measures the data-quality gate leaves out: « donnée à corriger » where their value would be. */
  rejected?: readonly MeasurePlace[];
  /** The measures a warning concerns: they count, their value marked « * ». */
  warned?: readonly MeasurePlace[];
}

/** The contract report's part: one fiche per quartier prioritaire, then the agglomération's. */
export function territoryFiches(input: FicheInput): Block[] {
  const quartiers = input.data.territories.filter((t) => t.level === 'quartier prioritaire');
  const agglomerations = input.data.territories.filter((t) => t.level === 'agglomération');
  const blocks: Block[] = [
    heading(1, 'Fiches territoire'),
    paragraph(
      `Pour chaque quartier prioritaire puis pour l’agglomération : sa situation en ${input.year} (indicateurs de contexte comparés à la commune et à l’agglomération), puis ce que le contrat y fait. ${TERRITORY_RULE}`,
    ),
  ];
  if (quartiers.length + agglomerations.length === 0) {
    blocks.push(paragraph('La feuille Territoires ne compte ni quartier prioritaire ni agglomération.'));
    return blocks;
  }
  for (const t of [...quartiers, ...agglomerations]) blocks.push(...territoryFiche(input, t, 2));
  return blocks;
}

/** One territory's fiche; `level` is its heading's (1 when it opens a territory report). */
export function territoryFiche(input: FicheInput, territory: Territory, level: 1 | 2): Block[] {
  const sub = (level + 1) as 2 | 3;
  return [
    heading(level, `Fiche territoire : ${territory.name} (${territory.level})`),
    heading(sub, 'Situation'),
    ...situationBlocks(input, territory),
    heading(sub, 'Ce que fait le contrat'),
    ...actionBlocks(input, territory),
  ];
}

// ---------------------------------------------------------------------------------------------
// Situation

function readingText(r: Reading | null, unit: string): string {
  if (!r) return '—';
  return r.marker || valueText(r.value, unit);
}

const signed = (n: number, decimals = 1) => `${n > 0 ? '+' : ''}${groupDigits(n, decimals)}`;

/** « +13,9 pts », « × 0,57 » or « 3,4 % de la commune ». */
function gapText(kind: GapKind, gap: number | null, of: string): string {
  if (gap === null) return '—';
  if (kind === 'points') return `${signed(gap)}${NBSP}pts`;
  if (kind === 'ratio') return `×${NBSP}${groupDigits(gap, 2)}`;
  return `${groupDigits(gap * 100, 1)}${NBSP}% ${of}`;
}

/** « −2,4 pts (amélioration) » for a rate, « +3,7 % (amélioration) » otherwise. */
function changeText(
  kind: GapKind,
  change: number | null,
  baseline: number | null,
  word: string | null,
): string {
  if (change === null || baseline === null) return '—';
  const figure =
    kind === 'points'
      ? `${signed(change)}${NBSP}pts`
      : baseline === 0
        ? signed(change, 0)
        : `${signed((change / baseline) * 100)}${NBSP}%`;
  return word ? `${figure} (${word})` : figure;
}

function sourcesNote(indicators: readonly Indicator[]): Block[] {
  const sources = [
    ...new Set(indicators.map((i) => [i.source, i.millesime].filter(Boolean).join(', ')).filter(Boolean)),
  ];
  return sources.length ? [paragraph(`Sources : ${sources.join(' ; ')}.`, 'note')] : [];
}

/** Where the gate left out, or warned about, a measure of (indicator, year, territory): its place. */
type PlaceOf = (indicator: string, year: number, territory: string) => string | undefined;

/** The measures a fiche reads, and the places of the warned ones its table marked (for its note). */
interface Observed {
  index: ObservationIndex;
  leftOut: PlaceOf;
  warned: PlaceOf;
  marked: Set<string>;
}

type ObservationInput = Pick<FicheInput, 'data' | 'year' | 'rejected' | 'warned'>;

/**
 * The measures the report counts, indexed; a measure the gate left out stays as an empty reading, so
 * that its row shows « donnée à corriger » and a combination over it is unknown rather than partial.
 */
function observationOf(input: ObservationInput): Observed {
  const rejected = (input.rejected ?? []).flatMap((r) => (r.year === null ? [] : [{ ...r, year: r.year }]));
  const index = new ObservationIndex([
    ...input.data.measures.map((m) => m.record),
    ...rejected.map((r) => ({ ...r, value: null, marker: '' as const })),
  ]);
  return {
    index,
    leftOut: measurePlaces(rejected),
    warned: measurePlaces(input.warned ?? []),
    marked: new Set(),
  };
}

function measurePlaces(measures: readonly MeasurePlace[]): PlaceOf {
  const places = new Map(measures.map((m) => [`${m.indicator}|${m.year}|${m.territory}`, m.place]));
  return (i, y, t) => places.get(`${i}|${y}|${t}`);
}

/** The note under a table whose values a warning marked, naming their measures. */
const markedNote = (observed: Observed): Block[] =>
  observed.marked.size ? [warningNote([...observed.marked])] : [];

/**
 * A territory's value or mark; « donnée à corriger (Mesures, ligne 12) » where the gate left it out, and
 * « * » on a value a warning concerns (it counts, to be checked).
 */
function readingCell(
  reading: Reading | null,
  indicator: Indicator,
  year: number,
  territory: Territory | null,
  observed: Observed,
): string {
  const place =
    territory && reading && reading.value === null && !reading.marker
      ? observed.leftOut(indicator.code, year, territory.code)
      : undefined;
  if (place) return toCorrect(place);
  const warned = territory && reading ? observed.warned(indicator.code, year, territory.code) : undefined;
  if (!warned) return readingText(reading, indicator.unit);
  observed.marked.add(warned);
  return `${readingText(reading, indicator.unit)} ${WARNING_MARK}`;
}

function situationBlocks(input: FicheInput, territory: Territory): Block[] {
  const observed = observationOf(input);
  const { index } = observed;
  const indicators = input.data.indicators.map((i) => i.record);
  if (territory.level === 'agglomération')
    return agglomerationSituation(input, territory, indicators, observed);
  const places = placesOf(input.data.territories, territory.code)!;
  const rows = compareTerritory(indicators, places, input.year, index);
  if (rows.length === 0) return [noContext(territory)];
  const communeName = places.commune?.name ?? 'Commune';
  const agglomerationName = places.agglomeration?.name ?? 'Agglomération';
  const baselineYears = [...new Set(rows.map((r) => r.baselineYear))];
  return [
    table(
      [
        'Indicateur',
        right(`${territory.name} ${input.year}`),
        right(communeName),
        right(agglomerationName),
        right(places.commune ? 'Écart à la commune' : 'Écart à l’agglomération'),
        right(
          baselineYears.length === 1
            ? `Évolution depuis ${baselineYears[0]}`
            : 'Évolution depuis la référence',
        ),
        'Lecture',
      ],
      rows.map((r) => comparisonCells(r, places, observed)),
    ),
    ...markedNote(observed),
    ...sourcesNote(rows.map((r) => r.indicator)),
    ...situationChart(
      territory,
      input.year,
      rows.map((r) => ({
        indicator: r.indicator,
        values: [r.territory.value, r.commune?.value ?? null, r.agglomeration?.value ?? null],
      })),
      [territory.name, communeName, agglomerationName],
    ),
  ];
}

/** Indicator, the territory's, commune's and agglomération's readings, gap, evolution and its word. */
function comparisonCells(r: Comparison, places: ComparisonPlaces, observed: Observed): Cell[] {
  const hasCommune = places.commune !== null;
  const gap = hasCommune ? r.gapCommune : r.gapAgglomeration;
  const cell = (reading: Reading | null, t: Territory | null) =>
    readingCell(reading, r.indicator, r.year, t, observed);
  return [
    r.indicator.label,
    cell(r.territory, places.territory),
    cell(r.commune, places.commune),
    cell(r.agglomeration, places.agglomeration),
    gapText(r.kind, gap, hasCommune ? 'de la commune' : 'de l’agglomération'),
    changeText(r.kind, r.change, r.baseline, r.changeWord),
    r.gapWord ?? '—',
  ];
}

function noContext(territory: Territory): Block {
  return paragraph(
    `Aucun indicateur de contexte n’est mesuré pour ${territory.name} : importez les données d’observation (INSEE, CAF…) ou saisissez-les dans la feuille Mesures.`,
  );
}

/** The agglomération against the whole of its quartiers prioritaires, combined by each indicator’s rule. */
function agglomerationSituation(
  input: FicheInput,
  agglomeration: Territory,
  indicators: readonly Indicator[],
  observed: Observed,
): Block[] {
  const { index } = observed;
  const area = territoryAndDescendants(input.data.territories, agglomeration.code);
  const quartiers = input.data.territories
    .filter((t) => t.level === 'quartier prioritaire' && area.has(t.code))
    .map((t) => t.code);
  const measured = indicators.filter((i) => i.kind === 'contexte' && index.has(i.code, agglomeration.code));
  if (measured.length === 0) return [noContext(agglomeration)];
  const rows = measured.map((indicator) => {
    const kind: GapKind = indicator.unit === '%' || indicator.unit === 'taux pour 1000' ? 'points' : 'ratio';
    const own = (year: number) => index.get(indicator.code, year, agglomeration.code);
    const whole = (year: number) => combine(indicator, year, quartiers, index);
    const base = indicator.baselineYear;
    const now = own(input.year);
    const baseline = own(base).value;
    const change =
      input.year === base || now.value === null || baseline === null ? null : now.value - baseline;
    const gapNow = gapOf(kind, whole(input.year), now.value);
    const gapBefore = gapOf(kind, whole(base), baseline);
    return { indicator, kind, now, whole: whole(input.year), change, baseline, gapNow, gapBefore };
  });
  return [
    table(
      [
        'Indicateur',
        right(`${agglomeration.name} ${input.year}`),
        right('Ensemble des quartiers prioritaires'),
        right('Écart des quartiers'),
        right('Évolution depuis la référence'),
        'Lecture',
      ],
      rows.map((r) => [
        r.indicator.label,
        readingCell(r.now, r.indicator, input.year, agglomeration, observed),
        r.whole === null ? 'non agrégeable ou incomplet' : valueText(r.whole, r.indicator.unit),
        gapText(r.kind, r.gapNow, ''),
        changeText(r.kind, r.change, r.baseline, evolutionWord(r.indicator.direction, r.change)),
        (input.year === r.indicator.baselineYear
          ? null
          : gapTrendWord(r.kind, r.indicator.direction, r.gapBefore, r.gapNow)) ?? '—',
      ]),
    ),
    paragraph(
      'L’ensemble des quartiers prioritaires combine leurs valeurs selon la règle de chaque indicateur (somme, ou moyenne pondérée par la population indiquée) ; un indicateur non agrégeable, ou dont un quartier n’a pas de valeur publiée, n’est pas calculé.',
      'note',
    ),
    ...sourcesNote(measured),
    ...situationChart(
      agglomeration,
      input.year,
      rows.map((r) => ({ indicator: r.indicator, values: [r.whole, r.now.value] })),
      ['Ensemble des quartiers prioritaires', agglomeration.name],
    ),
  ];
}

/** One bar chart of the rates (in %): the territory and its references side by side, indicator by indicator. */
function situationChart(
  territory: Territory,
  year: number,
  rows: { indicator: Indicator; values: (number | null)[] }[],
  names: string[],
): Block[] {
  const rates = rows.filter((r) => r.indicator.unit === '%' && r.values.some((v) => v !== null));
  if (rates.length === 0) return [];
  return [
    chart({
      kind: 'bar',
      title: `${territory.name} : indicateurs de contexte en ${year} (%)`,
      categories: rates.map((r) => r.indicator.label),
      series: names.map((name, i) => ({ name, values: rates.map((r) => r.values[i] ?? null) })),
      unit: '%',
      description: `Histogramme des taux de ${territory.name} en ${year}, comparés à ${names.slice(1).join(' et à ')}, indicateur par indicateur.`,
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// The quartiers side by side

/** The transversal context indicators: observation data that belongs to no domain. */
export const transversalContext = (indicators: readonly Indicator[]): Indicator[] =>
  indicators.filter((i) => i.kind === 'contexte' && i.domain === '');

/** One name when every quartier shares it, else the generic word. */
const sharedName = (names: (string | undefined)[], generic: string) => {
  const distinct = [...new Set(names)];
  return distinct.length === 1 && distinct[0] !== undefined ? distinct[0] : generic;
};

/**
 * The transversal context indicators of the quartiers prioritaires given, one row a quartier under each
 * indicator, each quartier compared with its commune and the agglomération as in its fiche (same gate,
 * same gaps and words): the décret's « évolution de la situation des quartiers prioritaires ».
 */
export function quartiersSituation(input: ObservationInput, quartiers: readonly Territory[]): Block[] {
  const observed = observationOf(input);
  const { index } = observed;
  const indicators = transversalContext(input.data.indicators.map((i) => i.record));
  const compared = indicators.flatMap((indicator) =>
    quartiers.flatMap((q) => {
      const places = placesOf(input.data.territories, q.code)!;
      return compareTerritory([indicator], places, input.year, index).map((r) => ({ r, places }));
    }),
  );
  if (compared.length === 0) return [];
  const communes = compared.map(({ places }) => places.commune?.name);
  const withCommune = communes.filter((c) => c !== undefined).length;
  const baselineYears = [...new Set(compared.map(({ r }) => r.baselineYear))];
  return [
    table(
      [
        'Indicateur',
        'Quartier prioritaire',
        right(String(input.year)),
        right(sharedName(communes, 'Commune du quartier')),
        right(
          sharedName(
            compared.map(({ places }) => places.agglomeration?.name),
            'Agglomération',
          ),
        ),
        right(
          withCommune === compared.length
            ? 'Écart à la commune'
            : withCommune === 0
              ? 'Écart à l’agglomération'
              : 'Écart à la commune (à défaut, à l’agglomération)',
        ),
        right(
          baselineYears.length === 1
            ? `Évolution depuis ${baselineYears[0]}`
            : 'Évolution depuis la référence',
        ),
        'Lecture',
      ],
      compared.map(({ r, places }) => {
        const [label, ...cells] = comparisonCells(r, places, observed);
        return [label!, places.territory.name, ...cells];
      }),
    ),
    ...markedNote(observed),
    ...sourcesNote([...new Set(compared.map(({ r }) => r.indicator))]),
  ];
}
