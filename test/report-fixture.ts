/**
 * The small workbook of the report tests, written by hand so that every figure of the report can be
 * computed by hand (the expected values are in test/report.test.ts, with their arithmetic).
 * Report year 2008. Territories: BMO > BREST > three quartiers (Kérédern has no action).
 */
import type { CellValue, Grid } from '../src/core/cells';
import { planInstall } from '../src/core/install';
import { layoutRow, mapHeaders, type TypedValue } from '../src/core/table';
import { FUNDER_KEY_PREFIX } from '../src/core/workbook';

type Row = Record<string, TypedValue>;

const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);
const funding = (amounts: Record<string, number>): Row =>
  Object.fromEntries(Object.entries(amounts).map(([code, v]) => [`${FUNDER_KEY_PREFIX}${code}`, v]));

const action = (values: Row): Row => ({
  partners: '',
  publicCible: '',
  chantier: false,
  participation: false,
  participationHow: '',
  spent: null,
  beneficiaries: null,
  avancees: '',
  freins: '',
  updatedAt: d(2008, 11, 15),
  updatedBy: 'dsu@brest.fr',
  ...values,
});

export const SMALL_ACTIONS: Record<string, Row[]> = {
  RU: [
    action({
      id: 'RU-001',
      objective: 'RU1',
      actionLine: 'RU1.1',
      title: 'Résidentialisation des immeubles',
      porteur: 'Brest métropole habitat',
      territories: ['Q-PONT'],
      chantier: true,
      participation: true,
      participationHow: 'Ateliers de concertation',
      status: 'en cours',
      startDate: d(2007, 3, 1),
      budget: 100000,
      credits: 30000,
      ...funding({ VILLE: 50000, BMO: 20000 }),
      avancees: '2007 : diagnostic partagé\n2008 : travaux lancés',
      freins: '2008 : retard des entreprises',
      updatedAt: d(2008, 12, 2),
    }),
    action({
      id: 'RU-002',
      objective: 'RU2',
      actionLine: 'RU2.1',
      title: 'Accession à coût maîtrisé',
      porteur: 'BMO',
      territories: ['BREST'],
      status: 'réalisée',
      startDate: d(2008, 1, 15),
      endDate: d(2008, 10, 31),
      budget: 50000,
      credits: 10000,
      ...funding({ ETAT: 40000 }),
    }),
    action({
      id: 'RU-003',
      objective: 'RU1',
      actionLine: 'RU1.2',
      title: 'Local de gestion urbaine <abandonné>',
      porteur: 'Ville de Brest',
      territories: ['Q-BELL'],
      status: 'abandonnée',
      startDate: d(2008, 2, 1),
      endDate: d(2008, 6, 30),
      budget: 20000,
      credits: 20000,
    }),
  ],
  RE: [
    action({
      id: 'RE-001',
      objective: 'RE1',
      actionLine: 'RE1.1',
      title: 'Ouverture culturelle des écoles',
      porteur: 'Ville de Brest — éducation',
      territories: ['Q-PONT', 'Q-BELL'],
      participation: true,
      status: 'réalisée',
      startDate: d(2008, 1, 1),
      endDate: d(2008, 6, 30),
      budget: 40000,
      credits: 10000,
      ...funding({ CAF: 30000 }),
      avancees: '2008 : douze classes concernées',
    }),
    action({
      id: 'RE-002',
      objective: 'RE2',
      actionLine: 'RE2.1',
      title: 'Parcours de réussite éducative',
      porteur: 'Centre social de Bellevue',
      territories: ['Q-BELL'],
      chantier: true,
      status: 'programmée',
      startDate: d(2008, 9, 1),
      budget: 30000,
      credits: 15000,
      ...funding({ ETAT: 15000 }),
      freins: '2008 : recrutement du coordinateur',
    }),
    action({
      id: 'RE-003',
      objective: 'RE1',
      actionLine: 'RE1.2',
      title: 'Action terminée en 2007',
      porteur: 'Patronage laïque',
      territories: ['Q-PONT'],
      status: 'réalisée',
      startDate: d(2006, 1, 1),
      endDate: d(2007, 6, 30),
      budget: 99999,
      credits: 99999,
    }),
  ],
  IE: [],
  SA: [
    action({
      id: 'SA-001',
      objective: 'SA3',
      actionLine: 'SA3.3',
      title: 'Santé communautaire',
      porteur: 'Atelier santé ville',
      territories: ['Q-PONT'],
      participation: true,
      participationHow: 'Habitants relais',
      status: 'reportée',
      startDate: d(2008, 4, 1),
      budget: 10000,
      credits: 5000,
      ...funding({ CG29: 5000 }),
    }),
  ],
  PD: [],
};

const indicator = (
  code: string,
  domain: string,
  label: string,
  unit: string,
  direction: 'hausse' | 'baisse',
  baseline: number,
  target: number,
): Row => ({
  code,
  domain,
  objective: '',
  label,
  kind: 'résultat',
  unit,
  direction,
  baseline,
  baselineYear: 2006,
  target,
  targetYear: 2009,
  source: 'Observatoire',
  comment: '',
});

export const SMALL_INDICATORS: Row[] = [
  indicator('RU-IND-1', 'RU', 'Taux de vacance du parc social', '%', 'baisse', 8, 4),
  indicator('RU-IND-2', 'RU', 'Logements en accession livrés', 'logements', 'hausse', 40, 120),
  indicator('RE-IND-1', 'RE', 'Enfants suivis en parcours', 'personnes', 'hausse', 60, 180),
  indicator('RE-IND-2', 'RE', 'Élèves en retard à l’entrée en 6e', '%', 'baisse', 21, 15),
  indicator('IE-IND-1', 'IE', 'Taux de chômage des 16-25 ans', '%', 'baisse', 24, 18),
  indicator('SA-IND-1', 'SA', 'Couverture vaccinale ROR', '%', 'hausse', 90, 90),
  indicator('SA-IND-2', 'SA', 'Passages à la permanence de soins', 'nombre', 'hausse', 900, 1400),
  indicator('PD-IND-1', 'PD', 'Accidents corporels', 'nombre', 'baisse', 300, 250),
];

/** [indicator, year, territory, value] */
export const SMALL_MEASURES: [string, number, string, number][] = [
  ['RU-IND-1', 2007, 'BMO', 7],
  ['RU-IND-1', 2008, 'BMO', 6],
  ['RU-IND-1', 2006, 'Q-PONT', 12],
  ['RU-IND-1', 2007, 'Q-PONT', 11],
  ['RU-IND-1', 2008, 'Q-PONT', 11.5],
  ['RU-IND-2', 2007, 'BMO', 100],
  ['RU-IND-2', 2008, 'BMO', 125],
  ['RE-IND-1', 2007, 'Q-PONT', 40],
  ['RE-IND-1', 2008, 'Q-PONT', 70],
  ['RE-IND-1', 2007, 'Q-BELL', 50],
  ['RE-IND-1', 2008, 'Q-BELL', 80],
  ['RE-IND-2', 2007, 'BMO', 20],
  ['RE-IND-2', 2008, 'BMO', 19.5],
  ['IE-IND-1', 2007, 'BMO', 22],
  ['IE-IND-1', 2008, 'BMO', 22],
  ['SA-IND-1', 2008, 'BMO', 91],
  ['SA-IND-2', 2007, 'BMO', 1000],
  ['PD-IND-1', 2007, 'BMO', 290],
  ['PD-IND-1', 2008, 'BMO', 310],
];

const QUARTIERS: Row[] = [
  { code: 'Q-PONT', name: 'Pontanézen', level: 'quartier prioritaire', parent: 'BREST', comment: '' },
  { code: 'Q-BELL', name: 'Bellevue', level: 'quartier prioritaire', parent: 'BREST', comment: '' },
  { code: 'Q-KER', name: 'Kérédern', level: 'quartier prioritaire', parent: 'BREST', comment: '' },
];

/** The small workbook as the grids a spreadsheet would hand over (header row first). */
export function smallWorkbook(): Map<string, Grid> {
  const plan = planInstall(new Map());
  const grids = new Map<string, Grid>();
  for (const sheet of plan.sheets) {
    const mapping = mapHeaders(sheet.spec, sheet.headerRow);
    const put = (values: Row) => layoutRow(mapping, values, sheet.headerRow.length);
    const rows: CellValue[][] = [sheet.headerRow, ...sheet.appendRows];
    const key = sheet.spec.key;
    if (key === 'territories') rows.push(...QUARTIERS.map(put));
    if (key.startsWith('actions:')) rows.push(...SMALL_ACTIONS[key.slice('actions:'.length)]!.map(put));
    if (key === 'indicators') rows.push(...SMALL_INDICATORS.map(put));
    if (key === 'measures') {
      rows.push(
        ...SMALL_MEASURES.map(([indicator, year, territory, value]) =>
          put({
            indicator,
            year,
            territory,
            value,
            source: '',
            comment: '',
            updatedAt: d(year, 12, 20),
            updatedBy: 'observatoire@brest.fr',
          }),
        ),
      );
    }
    grids.set(sheet.spec.name, rows);
  }
  return grids;
}
