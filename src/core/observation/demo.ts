/**
 * Fictional but plausible observation data for the demo workbook (issue 12): official codes of Brest's
 * quartiers, commune and agglomération, six context indicators of the 2006 census, CAF and ANPE kind,
 * and their values for 2006 and 2008, so that `npm start` shows each quartier crossed with its commune
 * and the agglomération. Every figure is invented: the comment of each row says so.
 */
import type { CellValue, Grid } from '../cells';
import { type HeaderMapping, layoutRow, mapHeaders, type TypedValue } from '../table';
import type { SheetSpec } from '../workbook';

const FICTIONAL = 'Données fictives pour la démonstration.';

/** Official codes: INSEE codes of the communes, SIREN of the EPCI; quartier codes invented. */
export const DEMO_OFFICIAL_CODES: Record<string, string> = {
  BMO: '242900314',
  BREST: '29019',
  GUIPAVAS: '29075',
  PLOUZANE: '29212',
  RELECQ: '29235',
  'Q-PONTANEZEN': 'QP029001',
  'Q-BELLEVUE': 'QP029002',
  'Q-KEREDERN': 'QP029003',
  'Q-KEROURIEN': 'QP029004',
  'Q-RECOUVRANCE': 'QP029005',
  'Q-QUELIVERZAN': 'QP029006',
  'Q-LAMBEZELLEC': 'QP029007',
};

interface ContextIndicator {
  code: string;
  label: string;
  unit: string;
  direction: 'hausse' | 'baisse';
  aggregation: string;
  weight: string;
  source: string;
  variable: string;
}

export const DEMO_CONTEXT_INDICATORS: ContextIndicator[] = [
  ind('CTX-POP', 'Population municipale', 'personnes', 'hausse', 'somme', '', 'INSEE', 'P06_POP'),
  ind('CTX-POP1564', 'Population de 15 à 64 ans', 'personnes', 'hausse', 'somme', '', 'INSEE', 'P06_POP1564'),
  ind(
    'CTX-CHOM',
    'Taux de chômage des 15-64 ans',
    '%',
    'baisse',
    'moyenne pondérée',
    'CTX-POP1564',
    'INSEE',
    'TX_CHOM',
  ),
  ind(
    'CTX-BASREV',
    'Part de la population à bas revenus',
    '%',
    'baisse',
    'moyenne pondérée',
    'CTX-POP',
    'CAF',
    'PART_BAS_REV',
  ),
  ind(
    'CTX-REVMED',
    'Revenu fiscal médian par unité de consommation',
    '€',
    'hausse',
    'non agrégeable',
    '',
    'DGFiP',
    'REV_MED',
  ),
  ind(
    'CTX-DEFM',
    'Demandeurs d’emploi de catégorie 1',
    'personnes',
    'baisse',
    'somme',
    '',
    'ANPE',
    'DEFM_CAT1',
  ),
];

function ind(
  code: string,
  label: string,
  unit: string,
  direction: 'hausse' | 'baisse',
  aggregation: string,
  weight: string,
  source: string,
  variable: string,
): ContextIndicator {
  return { code, label, unit, direction, aggregation, weight, source, variable };
}

/** Values by territory, [reference year, report year]; « s » is a value under statistical secrecy. */
const VALUES: Record<string, Record<string, [number | 's', number | 's']>> = {
  'CTX-POP': {
    BMO: [210_200, 211_900],
    BREST: [144_500, 142_100],
    'Q-PONTANEZEN': [4_950, 4_780],
    'Q-BELLEVUE': [9_650, 9_420],
    'Q-KEREDERN': [3_300, 3_240],
    'Q-KEROURIEN': [1_350, 1_310],
    'Q-RECOUVRANCE': [3_900, 3_960],
    'Q-QUELIVERZAN': [2_600, 2_560],
    'Q-LAMBEZELLEC': [5_100, 5_060],
  },
  'CTX-POP1564': {
    BMO: [140_100, 140_600],
    BREST: [97_800, 95_900],
    'Q-PONTANEZEN': [3_120, 3_010],
    'Q-BELLEVUE': [6_480, 6_300],
    'Q-KEREDERN': [2_150, 2_100],
    'Q-KEROURIEN': [850, 830],
    'Q-RECOUVRANCE': [2_700, 2_760],
    'Q-QUELIVERZAN': [1_690, 1_660],
    'Q-LAMBEZELLEC': [3_310, 3_280],
  },
  'CTX-CHOM': {
    BMO: [10.4, 9.1],
    BREST: [12.6, 11.2],
    'Q-PONTANEZEN': [27.5, 25.1],
    'Q-BELLEVUE': [21.3, 20.6],
    'Q-KEREDERN': [24.8, 25.9],
    'Q-KEROURIEN': [31.2, 28.4],
    'Q-RECOUVRANCE': [18.9, 16.5],
    'Q-QUELIVERZAN': [19.7, 19.0],
    'Q-LAMBEZELLEC': [16.2, 15.8],
  },
  'CTX-BASREV': {
    BMO: [14.1, 13.8],
    BREST: [17.9, 17.6],
    'Q-PONTANEZEN': [41.6, 40.2],
    'Q-BELLEVUE': [33.0, 33.4],
    'Q-KEREDERN': [36.5, 37.8],
    'Q-KEROURIEN': [45.2, 43.1],
    'Q-RECOUVRANCE': [28.4, 26.9],
    'Q-QUELIVERZAN': [30.1, 29.5],
    'Q-LAMBEZELLEC': [24.7, 24.1],
  },
  'CTX-REVMED': {
    BMO: [16_850, 17_520],
    BREST: [15_940, 16_480],
    'Q-PONTANEZEN': [9_120, 9_460],
    'Q-BELLEVUE': [11_380, 11_640],
    'Q-KEREDERN': [10_250, 10_310],
    'Q-KEROURIEN': ['s', 's'],
    'Q-RECOUVRANCE': [12_900, 13_560],
    'Q-QUELIVERZAN': [12_100, 12_380],
    'Q-LAMBEZELLEC': [13_650, 14_020],
  },
  'CTX-DEFM': {
    BMO: [9_850, 8_920],
    BREST: [7_900, 7_150],
    'Q-PONTANEZEN': [560, 505],
    'Q-BELLEVUE': [890, 860],
    'Q-KEREDERN': [330, 345],
    'Q-KEROURIEN': [170, 152],
    'Q-RECOUVRANCE': [325, 290],
    'Q-QUELIVERZAN': [210, 204],
    'Q-LAMBEZELLEC': [345, 338],
  },
};

interface SheetAt {
  spec: SheetSpec;
  grid: Grid;
  mapping: HeaderMapping;
}

/**
 * Adds the observation data to a workbook's grids (as the demo lays them out): official codes on the
 * territories it knows, the context indicators and their measures at the end of their sheets.
 */
export function addDemoObservation(
  grids: Map<string, Grid>,
  specs: readonly SheetSpec[],
  years: [reference: number, report: number],
): void {
  const sheet = (role: SheetSpec['role']): SheetAt | null => {
    const spec = specs.find((s) => s.role === role);
    const grid = spec ? grids.get(spec.name) : undefined;
    return spec && grid ? { spec, grid, mapping: mapHeaders(spec, grid[0] ?? []) } : null;
  };
  const territories = sheet('territories');
  const indicators = sheet('indicators');
  const measures = sheet('measures');
  if (!territories || !indicators || !measures) return;
  const known = setOfficialCodes(territories);
  const put = (at: SheetAt, values: Record<string, TypedValue>) =>
    at.grid.push(layoutRow(at.mapping, values, at.grid[0]!.length));
  for (const i of DEMO_CONTEXT_INDICATORS) {
    put(indicators, {
      code: i.code,
      domain: 'transversal',
      label: i.label,
      kind: 'contexte',
      unit: i.unit,
      direction: i.direction,
      baselineYear: years[0],
      source: `${i.source} (fictif)`,
      comment: FICTIONAL,
      millesime: `${i.source === 'INSEE' ? 'recensement ' : ''}${years[0]}`,
      aggregation: i.aggregation,
      weight: i.weight,
      variables: [i.variable],
    });
    for (const [territory, values] of Object.entries(VALUES[i.code]!)) {
      if (!known.has(territory)) continue;
      years.forEach((year, k) => {
        const value = values[k]!;
        put(measures, {
          indicator: i.code,
          year,
          territory,
          value: value === 's' ? null : value,
          marker: value === 's' ? 'secret statistique' : '',
          source: `${i.source} (fictif)`,
          comment: FICTIONAL,
          updatedAt: new Date(2009, 0, 15, 9, 0),
          updatedBy: 'observatoire@brest.fr',
        });
      });
    }
  }
}

function setOfficialCodes(territories: SheetAt): Set<string> {
  const codeColumn = territories.mapping.index.get('code');
  const officialColumn = territories.mapping.index.get('officialCode');
  const known = new Set<string>();
  if (codeColumn === undefined) return known;
  for (const row of territories.grid.slice(1)) {
    const code = String(row[codeColumn] ?? '');
    known.add(code);
    const official = DEMO_OFFICIAL_CODES[code];
    if (official && officialColumn !== undefined) (row as CellValue[])[officialColumn] = official;
  }
  return known;
}
