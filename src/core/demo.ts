/**
 * A fictional but realistic workbook for the Brest CUCS: the demo of the offline edition, the fixtures
 * of the tests and the large workbook of the benchmark. Deterministic: the same options give the same
 * workbook, so reports and figures can be compared from one run to the next.
 */

import { type Grid, isoYear } from './cells';
import { type ActionContext, addActions, demoFunders, genericSamples } from './demo/actions';
import { addDecisions, addOpinions } from './demo/comite';
import { addIndicators, addMeasures } from './demo/indicators';
import { addTerritories, contractYears } from './demo/places';
import { type Builder, builders, random, setSettingValues } from './demo/sheets';
import { addDemoObservation } from './observation/demo';
import { DEFAULT_PRESET, type Preset } from './presets';
import type { DomainRef } from './referentiel';

export interface DemoOptions {
  actionsPerDomain?: number;
  indicatorsPerDomain?: number;
  /** Number of indicator values; the contract period grows to hold them all. */
  measureCount?: number;
  seed?: number;
  /** The référentiel and sample content the demo is built on (the CUCS one by default). */
  preset?: Preset;
}

/** The large workbook of the benchmark and of `pilotage-cucs demo --grand`: 1,000 actions, 150 indicators. */
export const LARGE_DEMO: DemoOptions = {
  actionsPerDomain: 200,
  indicatorsPerDomain: 30,
  measureCount: 10_000,
};

export function buildDemoWorkbook(options: DemoOptions = {}): Map<string, Grid> {
  const actionsPerDomain = options.actionsPerDomain ?? 8;
  const indicatorsPerDomain = options.indicatorsPerDomain ?? 4;
  const rnd = random(options.seed ?? 2006);
  const preset = options.preset ?? DEFAULT_PRESET;
  const { domains } = preset.referentiel;
  const samples = (domain: DomainRef) => preset.demo[domain.code] ?? genericSamples(domain);
  const sheets = builders(preset);
  const indicatorCount = indicatorsPerDomain * domains.length;
  const territories = addTerritories(sheets.get('territories')!, indicatorCount, options.measureCount);
  const firstYear = isoYear(preset.settings.periodStart);
  const years = contractYears(firstYear, indicatorCount, territories.length, options.measureCount);
  const reportingYear = options.measureCount ? years[years.length - 1]! : firstYear + 1;
  setSettings(sheets.get('settings')!, years, reportingYear);
  const context: ActionContext = {
    axes: preset.referentiel.axes.map((a) => a.code),
    funders: demoFunders(preset),
    year: reportingYear,
    rnd,
  };
  for (const domain of domains) {
    const sheet = sheets.get(`actions:${domain.code}`)!;
    addActions(sheet, domain, samples(domain), actionsPerDomain, context);
  }
  const indicators = addIndicators(
    sheets.get('indicators')!,
    domains,
    samples,
    indicatorsPerDomain,
    [firstYear - 1, years[years.length - 1]!],
    rnd,
  );
  addMeasures(
    sheets.get('measures')!,
    indicators,
    territories,
    years,
    reportingYear,
    options.measureCount,
    rnd,
  );
  const opinions = sheets.get('opinions');
  if (opinions) addOpinions(opinions, sheets.get('settings')!, reportingYear);
  // The large workbook keeps the figures the benchmark has always measured.
  if (!options.measureCount) addDecisions(sheets.get('decisions')!, domains, reportingYear);
  const grids = new Map([...sheets.values()].map((b) => [b.spec.name, b.rows as Grid]));
  // Observation × mise en œuvre: each quartier's context next to its commune's and the agglomération's.
  if (!options.measureCount) {
    // Values of the year before the contract (the census's) and of the report's year.
    addDemoObservation(
      grids,
      [...sheets.values()].map((b) => b.spec),
      [firstYear - 1, reportingYear],
    );
  }
  return grids;
}

function setSettings(b: Builder, years: number[], reportingYear: number): void {
  setSettingValues(b, {
    'Fin du contrat': new Date(years[years.length - 1]!, 11, 31),
    'Année de rapport': reportingYear,
    'Données fictives': true,
  });
}
