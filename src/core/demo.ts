/**
 * A fictional but realistic workbook for the Brest CUCS: the demo of the offline edition, the fixtures
 * of the tests and the large workbook of the benchmark. Deterministic: the same options give the same
 * workbook, so reports and figures can be compared from one run to the next.
 */

import type { CellValue, Grid } from './cells';
import { planInstall } from './install';
import { addDemoObservation } from './observation/demo';
import { DEFAULT_REFERENTIEL, type DomainCode, type DomainRef } from './referentiel';
import { layoutRow, mapHeaders, type TypedValue } from './table';
import { codeLabel, FUNDER_KEY_PREFIX, type SheetSpec } from './workbook';

export interface DemoOptions {
  actionsPerDomain?: number;
  indicatorsPerDomain?: number;
  /** Number of indicator values; the contract period grows to hold them all. */
  measureCount?: number;
  seed?: number;
}

/** The large workbook of the benchmark and of `pilotage-cucs demo --grand`: 1,000 actions, 150 indicators. */
export const LARGE_DEMO: DemoOptions = {
  actionsPerDomain: 200,
  indicatorsPerDomain: 30,
  measureCount: 10_000,
};

/** mulberry32: a tiny seeded generator, good enough for plausible figures. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const QUARTIERS = [
  ['Q-PONTANEZEN', 'Pontanézen'],
  ['Q-BELLEVUE', 'Bellevue'],
  ['Q-KEREDERN', 'Kérédern'],
  ['Q-KEROURIEN', 'Kérourien'],
  ['Q-RECOUVRANCE', 'Recouvrance'],
  ['Q-QUELIVERZAN', 'Quéliverzan'],
  ['Q-LAMBEZELLEC', 'Lambézellec'],
] as const;

const OTHER_COMMUNES = [
  ['GUIPAVAS', 'Guipavas'],
  ['PLOUZANE', 'Plouzané'],
  ['RELECQ', 'Le Relecq-Kerhuon'],
] as const;

const PORTEURS: Record<DomainCode, string[]> = {
  RU: [
    'Brest métropole habitat',
    'BMO — mission renouvellement urbain',
    'Ville de Brest — gestion urbaine de proximité',
    'Association des gens du voyage du Finistère',
    'Foyer des jeunes travailleurs de Brest',
  ],
  RE: [
    'Ville de Brest — direction éducation',
    'Patronage laïque de Bellevue',
    'Centre social de Pontanézen',
    'Ligue de l’enseignement du Finistère',
    'Collège de Kérichen',
  ],
  IE: [
    'Maison de l’emploi et de la formation du pays de Brest',
    'Mission locale du pays de Brest',
    'PLIE du pays de Brest',
    'Association Don Bosco',
    'Entreprise d’insertion Le Relais',
  ],
  SA: [
    'Atelier santé ville de Brest',
    'CCAS de Brest',
    'Centre hospitalier universitaire de Brest',
    'Association Addictions France 29',
    'Mutualité française Finistère',
  ],
  PD: [
    'CISPD de BMO',
    'Ville de Brest — service prévention',
    'Association d’aide aux victimes du Finistère',
    'Service pénitentiaire d’insertion et de probation',
    'Prévention routière du Finistère',
  ],
};

const TITLES: Record<DomainCode, string[]> = {
  RU: [
    'Résidentialisation des immeubles',
    'Diagnostic en marchant',
    'Navette de quartier vers le centre-ville',
    'Maison de services publics',
    'Programme d’accession sociale',
    'Logements sociaux en ZAC',
    'Démolition-reconstruction de la barre',
    'Terrain familial des gens du voyage',
    'Logements relais pour jeunes',
    'Pensions de famille',
  ],
  RE: [
    'Ouverture culturelle des écoles',
    'Formation des animateurs de centres de loisirs',
    'Accompagnement à la scolarité',
    'Équipe pluridisciplinaire de réussite éducative',
    'Ateliers parents-enfants',
    'Café des parents',
    'Lieu d’accueil enfants-parents',
    'Chantiers jeunes',
    'Éducation à l’environnement au jardin partagé',
    'Accueil des 11-15 ans',
  ],
  IE: [
    'Observatoire local de l’emploi',
    'Diagnostic territorial partagé',
    'Permanences emploi de proximité',
    'Clauses d’insertion des marchés publics',
    'Accompagnement renforcé des jeunes en rupture',
    'Parcours vers l’emploi des jeunes sous main de justice',
    'Formation des conseillers à l’accueil interculturel',
    'Couveuse d’entreprises',
    'Chantier d’insertion bâtiment',
    'Plateforme mobilité',
  ],
  SA: [
    'Tableau de bord santé des quartiers',
    'Permanence d’accès aux droits de santé',
    'Consultations avancées en quartier',
    'Ateliers nutrition des familles',
    'Santé communautaire à Bellevue',
    'Prévention des conduites addictives au collège',
    'Boutique de réduction des risques',
    'Formation des personnes relais en santé mentale',
    'Accompagnement dans le logement des personnes fragiles',
    'Groupe d’entraide mutuelle',
  ],
  PD: [
    'Éducation routière des collégiens',
    'Prévention de l’alcoolisation sur l’espace public',
    'Préparation à la sortie de détention',
    'Travaux d’intérêt général',
    'Accueil des victimes au commissariat',
    'Médiation réparation',
    'Écoute des jeunes victimes',
    'Cellule de veille de quartier',
    'Tableau de bord de la tranquillité publique',
    'Réunions publiques d’information',
  ],
};

const INDICATORS: Record<DomainCode, [string, string, 'hausse' | 'baisse', number, number, string][]> = {
  RU: [
    [
      'Part de logements sociaux dans les programmes neufs',
      '%',
      'hausse',
      18,
      25,
      'BMO — observatoire de l’habitat',
    ],
    [
      'Taux de vacance du parc social des quartiers prioritaires',
      '%',
      'baisse',
      6.5,
      4,
      'Brest métropole habitat',
    ],
    ['Logements en accession à coût maîtrisé livrés', 'logements', 'hausse', 40, 120, 'BMO'],
    ['Habitants satisfaits de la propreté de leur quartier', '%', 'hausse', 52, 65, 'Enquête GUP'],
  ],
  RE: [
    ['Enfants suivis en parcours de réussite éducative', 'personnes', 'hausse', 60, 180, 'PRE de Brest'],
    ['Élèves entrant en 6e avec au moins un an de retard', '%', 'baisse', 21, 15, 'Inspection académique'],
    [
      'Fréquentation des centres de loisirs (journées enfants)',
      'nombre',
      'hausse',
      14000,
      17000,
      'Ville de Brest',
    ],
    [
      'Parents participant aux actions de soutien à la parentalité',
      'personnes',
      'hausse',
      150,
      300,
      'CAF du Finistère',
    ],
  ],
  IE: [
    ['Demandeurs d’emploi de catégorie 1 des quartiers prioritaires', 'nombre', 'baisse', 2900, 2400, 'ANPE'],
    ['Taux de chômage des 16-25 ans', '%', 'baisse', 24, 18, 'INSEE'],
    [
      'Heures d’insertion réalisées au titre des clauses sociales',
      'nombre',
      'hausse',
      20000,
      45000,
      'Maison de l’emploi',
    ],
    ['Créations d’entreprise accompagnées', 'nombre', 'hausse', 25, 60, 'Couveuse d’entreprises'],
  ],
  SA: [
    ['Bénéficiaires de la CMU complémentaire suivis', 'personnes', 'hausse', 800, 1100, 'CPAM du Finistère'],
    ['Couverture vaccinale ROR à 24 mois', '%', 'hausse', 82, 95, 'PMI'],
    ['Passages à la permanence d’accès aux soins', 'nombre', 'hausse', 900, 1400, 'CHU de Brest'],
    ['Personnes relais formées en santé mentale', 'personnes', 'hausse', 20, 80, 'Conseil de santé mentale'],
  ],
  PD: [
    ['Faits de délinquance de voie publique', 'taux pour 1000', 'baisse', 38, 30, 'Police nationale'],
    ['Accidents corporels de la circulation', 'nombre', 'baisse', 310, 250, 'Préfecture'],
    ['Victimes accueillies par l’aide aux victimes', 'personnes', 'hausse', 700, 950, 'AVIMED 29'],
    ['Mesures alternatives à l’incarcération exécutées', 'nombre', 'hausse', 120, 200, 'SPIP'],
  ],
};

const PROGRESS = [
  'le comité de suivi s’est réuni trois fois',
  'les habitants ont été associés au choix des aménagements',
  'la première phase est achevée dans les délais',
  'le partenariat avec les bailleurs est formalisé par une convention',
  'la fréquentation dépasse les prévisions',
];
const BRAKES = [
  'le recrutement du coordinateur a pris du retard',
  'les cofinancements ne sont pas tous confirmés',
  'la mobilisation des familles reste difficile',
  'les locaux ne seront disponibles qu’à l’automne',
  'le turn-over des intervenants freine la continuité',
];

interface Builder {
  spec: SheetSpec;
  rows: CellValue[][];
  put(values: Record<string, TypedValue>): void;
}

function builders(): Map<string, Builder> {
  const plan = planInstall(new Map());
  const map = new Map<string, Builder>();
  for (const sheet of plan.sheets) {
    const mapping = mapHeaders(sheet.spec, sheet.headerRow);
    const rows: CellValue[][] = [sheet.headerRow, ...sheet.appendRows];
    map.set(sheet.spec.key, {
      spec: sheet.spec,
      rows,
      put: (values) => rows.push(layoutRow(mapping, values, sheet.headerRow.length)),
    });
  }
  return map;
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
const roundTo = (n: number, step: number) => Math.round(n / step) * step;

export function buildDemoWorkbook(options: DemoOptions = {}): Map<string, Grid> {
  const actionsPerDomain = options.actionsPerDomain ?? 8;
  const indicatorsPerDomain = options.indicatorsPerDomain ?? 4;
  const rnd = random(options.seed ?? 2006);
  const sheets = builders();
  const territories = addTerritories(
    sheets.get('territories')!,
    indicatorsPerDomain * 5,
    options.measureCount,
  );
  const years = contractYears(indicatorsPerDomain * 5, territories.length, options.measureCount);
  const reportingYear = options.measureCount ? years[years.length - 1]! : 2008;
  setSettings(sheets.get('settings')!, years, reportingYear);
  for (const domain of DEFAULT_REFERENTIEL.domains) {
    addActions(sheets.get(`actions:${domain.code}`)!, domain, actionsPerDomain, reportingYear, rnd);
  }
  const indicators = addIndicators(sheets.get('indicators')!, indicatorsPerDomain, rnd);
  addMeasures(
    sheets.get('measures')!,
    indicators,
    territories,
    years,
    reportingYear,
    options.measureCount,
    rnd,
  );
  const grids = new Map([...sheets.values()].map((b) => [b.spec.name, b.rows as Grid]));
  // Observation × mise en œuvre: each quartier's context next to its commune's and the agglomération's.
  if (!options.measureCount)
    addDemoObservation(
      grids,
      [...sheets.values()].map((b) => b.spec),
    );
  return grids;
}

function addTerritories(b: Builder, indicatorCount: number, measureCount: number | undefined): string[] {
  const codes = ['BMO', 'BREST'];
  for (const [code, name] of QUARTIERS) {
    b.put({
      code,
      name,
      level: 'quartier prioritaire',
      parent: 'BREST',
      comment: 'Quartier prioritaire (fictif pour la démonstration).',
    });
    codes.push(code);
  }
  for (const [code, name] of OTHER_COMMUNES) {
    b.put({ code, name, level: 'commune', parent: 'BMO', comment: '' });
    codes.push(code);
  }
  // The large workbook needs more places to hold its measures within a plausible period.
  const wanted = measureCount ? Math.ceil(measureCount / (indicatorCount * 8)) : 0;
  for (let i = codes.length; i < wanted; i++) {
    const code = `SECTEUR-${String(i).padStart(2, '0')}`;
    b.put({ code, name: `Secteur d’observation ${i}`, level: 'autre', parent: 'BREST', comment: '' });
    codes.push(code);
  }
  return codes;
}

/** 2007–2009 for the demo; longer (as CUCS were extended to 2014) when many measures must fit. */
function contractYears(
  indicatorCount: number,
  territoryCount: number,
  measureCount: number | undefined,
): number[] {
  const span = measureCount ? Math.max(3, Math.ceil(measureCount / (indicatorCount * territoryCount))) : 3;
  return Array.from({ length: span }, (_, i) => 2007 + i);
}

function setSettings(b: Builder, years: number[], reportingYear: number): void {
  const values: Record<string, CellValue> = {
    'Fin du contrat': new Date(years[years.length - 1]!, 11, 31),
    'Année de rapport': reportingYear,
    'Données fictives': true,
  };
  for (const row of b.rows.slice(1)) {
    const name = String(row[0]);
    if (name in values) row[1] = values[name]!;
  }
}

function addActions(b: Builder, domain: DomainRef, count: number, year: number, rnd: () => number): void {
  const lines = domain.objectives.flatMap((o) => o.lines.map((l) => ({ objective: o, line: l })));
  const titles = TITLES[domain.code];
  for (let i = 0; i < count; i++) {
    const { objective, line } = lines[i % lines.length]!;
    const base = titles[i % titles.length]!;
    const round = Math.floor(i / titles.length);
    const quartier = pick(rnd, QUARTIERS);
    const title = round === 0 ? base : `${base} — ${quartier[1]} (${round + 1})`;
    b.put(
      actionValues(
        domain.code,
        i,
        objective.code,
        objective.label,
        line.code,
        line.label,
        title,
        quartier[0],
        year,
        rnd,
      ),
    );
  }
}

function actionValues(
  domain: DomainCode,
  i: number,
  objectiveCode: string,
  objectiveLabel: string,
  lineCode: string,
  lineLabel: string,
  title: string,
  quartier: string,
  year: number,
  rnd: () => number,
): Record<string, TypedValue> {
  const status = pick(rnd, [
    'en cours',
    'en cours',
    'réalisée',
    'programmée',
    'réalisée',
    'reportée',
    'en cours',
    'abandonnée',
  ] as const);
  const start = new Date(year - (status === 'programmée' ? 0 : 1), Math.floor(rnd() * 12), 1);
  const end =
    status === 'réalisée'
      ? new Date(year, 5 + Math.floor(rnd() * 6), 30)
      : status === 'en cours'
        ? new Date(year, 11, 31)
        : null;
  const budget = roundTo(8000 + rnd() * 240000, 500);
  const credits = roundTo(budget * (0.15 + rnd() * 0.35), 100);
  const chantier = i % 4 === 0;
  const participation = rnd() < 0.45;
  const territories =
    i % 5 === 0
      ? ['BREST']
      : i % 7 === 0
        ? ['BMO']
        : [quartier, ...(rnd() < 0.3 ? [pick(rnd, QUARTIERS)[0]] : [])];
  return {
    id: `${domain}-${String(i + 1).padStart(3, '0')}`,
    objective: codeLabel(objectiveCode, objectiveLabel),
    actionLine: codeLabel(lineCode, lineLabel),
    title,
    porteur: pick(rnd, PORTEURS[domain]),
    partners: 'Ville de Brest, CAF du Finistère',
    territories: [...new Set(territories)],
    publicCible: pick(rnd, [
      'Habitants des quartiers prioritaires',
      'Jeunes de 16 à 25 ans',
      'Familles monoparentales',
      'Enfants de 2 à 16 ans',
      'Demandeurs d’emploi de longue durée',
    ]),
    chantier,
    participation,
    participationHow: participation
      ? pick(rnd, [
          'Comité d’usagers associé au suivi',
          'Ateliers de concertation avec les habitants',
          'Enquête auprès des familles',
          'Habitants relais formés',
        ])
      : '',
    status,
    startDate: start,
    endDate: end,
    budget,
    credits,
    ...funding(budget - credits, rnd),
    spent:
      status === 'programmée'
        ? 0
        : roundTo(budget * (status === 'réalisée' ? 0.9 + rnd() * 0.1 : rnd() * 0.7), 100),
    beneficiaries: Math.floor(15 + rnd() * 400),
    avancees:
      chantier || rnd() < 0.5 ? `${year - 1} : ${pick(rnd, PROGRESS)}\n${year} : ${pick(rnd, PROGRESS)}` : '',
    freins: chantier || rnd() < 0.3 ? `${year} : ${pick(rnd, BRAKES)}` : '',
    updatedAt: new Date(year, 10, 15, 10, 30),
    updatedBy: 'service.dsu@brest.fr',
  };
}

/** Co-funding that closes the budget exactly: 1 to 3 funders share what the credits leave. */
function funding(rest: number, rnd: () => number): Record<string, TypedValue> {
  const funders = ['VILLE', 'BMO', 'ETAT', 'CG29', 'CAF', 'REGION', 'BAILLEURS'];
  const count = 1 + Math.floor(rnd() * 3);
  const chosen = [...funders].sort(() => rnd() - 0.5).slice(0, count);
  const values: Record<string, TypedValue> = {};
  let left = rest;
  chosen.forEach((code, k) => {
    const share = k === chosen.length - 1 ? left : roundTo(left * (0.4 + rnd() * 0.3), 100);
    values[`${FUNDER_KEY_PREFIX}${code}`] = share;
    left -= share;
  });
  return values;
}

interface DemoIndicator {
  code: string;
  unit: string;
  direction: 'hausse' | 'baisse';
  baseline: number;
  target: number;
}

function addIndicators(b: Builder, perDomain: number, rnd: () => number): DemoIndicator[] {
  const all: DemoIndicator[] = [];
  for (const domain of DEFAULT_REFERENTIEL.domains) {
    const catalogue = INDICATORS[domain.code];
    for (let i = 0; i < perDomain; i++) {
      const [label, unit, direction, baseline, target, source] = catalogue[i % catalogue.length]!;
      const variant = Math.floor(i / catalogue.length);
      const objective = domain.objectives[i % domain.objectives.length]!;
      const code = `${domain.code}-IND-${String(i + 1).padStart(2, '0')}`;
      b.put({
        code,
        domain: codeLabel(domain.code, domain.name),
        objective: codeLabel(objective.code, objective.label),
        label: variant === 0 ? label : `${label} (série ${variant + 1})`,
        kind: pick(rnd, ['contexte', 'résultat', 'réalisation'] as const),
        unit,
        direction,
        baseline,
        baselineYear: 2006,
        target,
        targetYear: 2009,
        source,
        comment: '',
      });
      all.push({ code, unit, direction, baseline, target });
    }
  }
  return all;
}

function addMeasures(
  b: Builder,
  indicators: DemoIndicator[],
  territories: string[],
  years: number[],
  reportingYear: number,
  measureCount: number | undefined,
  rnd: () => number,
): void {
  // The demo measures the agglomération and the quartiers up to the reporting year; the large workbook fills all.
  const places = measureCount ? territories : territories.filter((t) => t === 'BMO' || t.startsWith('Q-'));
  const measured = measureCount ? years : years.filter((y) => y <= reportingYear);
  // A capped count fills the latest years first, so that every indicator has its reporting-year value.
  const order = measureCount ? [...measured].reverse() : measured;
  let count = 0;
  for (const year of order) {
    const step = measured.indexOf(year) + 1;
    for (const indicator of indicators) {
      for (const territory of places) {
        if (measureCount !== undefined && count >= measureCount) return;
        b.put({
          indicator: indicator.code,
          year,
          territory,
          value: measureValue(indicator, step, territoryScale(indicator, territory, rnd), rnd),
          source: 'Observatoire du contrat',
          comment: '',
          updatedAt: new Date(year, 11, 15, 9, 0),
          updatedBy: 'observatoire@brest.fr',
        });
        count++;
      }
    }
  }
}

/** Rates are of the same order everywhere; counts of a quartier are a fraction of the agglomération's. */
function territoryScale(ind: DemoIndicator, territory: string, rnd: () => number): number {
  if (territory === 'BMO') return 1;
  return ind.unit === '%' || ind.unit === 'taux pour 1000' ? 0.9 + rnd() * 0.5 : 0.08 + rnd() * 0.1;
}

/** A value moving from the baseline towards the target, with some noise, rounded as its unit wants. */
function measureValue(ind: DemoIndicator, step: number, scale: number, rnd: () => number): number {
  const progress = Math.min(1.1, step * (0.2 + rnd() * 0.3)) - (rnd() < 0.15 ? 0.3 : 0);
  const raw = (ind.baseline + (ind.target - ind.baseline) * progress) * scale;
  const value = ind.unit === '%' ? Math.min(100, Math.max(0, raw)) : Math.max(0, raw);
  return ind.unit === '%' || ind.unit === 'taux pour 1000' ? Math.round(value * 10) / 10 : Math.round(value);
}
