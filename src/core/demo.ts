/**
 * A fictional but realistic workbook for the Brest CUCS: the demo of the offline edition, the fixtures
 * of the tests and the large workbook of the benchmark. Deterministic: the same options give the same
 * workbook, so reports and figures can be compared from one run to the next.
 */

import type { CellValue, Grid } from './cells';
import { planInstall } from './install';
import { addDemoObservation } from './observation/demo';
import { DEFAULT_PRESET, type Preset } from './presets';
import type { DemoSamples } from './presets/demo-samples';
import type { ActionLineRef, DomainRef } from './referentiel';
import { layoutRow, mapHeaders, type TypedValue } from './table';
import { codeLabel, FUNDER_KEY_PREFIX, type SheetSpec } from './workbook';

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

function builders(preset: Preset): Map<string, Builder> {
  const plan = planInstall(new Map(), preset);
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
  const preset = options.preset ?? DEFAULT_PRESET;
  const { domains } = preset.referentiel;
  const samples = (domain: DomainRef) => preset.demo[domain.code] ?? genericSamples(domain);
  const sheets = builders(preset);
  const indicatorCount = indicatorsPerDomain * domains.length;
  const territories = addTerritories(sheets.get('territories')!, indicatorCount, options.measureCount);
  const firstYear = Number(preset.settings.periodStart.slice(0, 4));
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

/**
 * A contrat de ville's report is voted the next spring, after the opinions of a conseil citoyen and of
 * the conseil municipal, referred more than a month before; Brest receives the DSU.
 */
function addOpinions(b: Builder, settings: Builder, year: number): void {
  setSettingValues(settings, {
    'Date de délibération du rapport': new Date(year + 1, 5, 29),
    'Communes bénéficiaires de la DSU': 'BREST',
  });
  const opinions: [string, string, string, number, string][] = [
    [
      'conseil citoyen',
      'Conseil citoyen de Pontanézen',
      'Q-PONTANEZEN',
      12,
      'Avis favorable. Le conseil citoyen demande que les ateliers de concertation se tiennent aussi le samedi.',
    ],
    [
      'conseil municipal',
      'Conseil municipal de Brest',
      'BREST',
      27,
      'Avis favorable (délibération fictive).',
    ],
  ];
  for (const [kind, instance, territory, day, opinion] of opinions) {
    const referralDate = new Date(year + 1, 3, 4);
    b.put({
      year,
      kind,
      instance,
      territory,
      referralDate,
      opinionDate: new Date(year + 1, 4, day),
      opinion,
    });
  }
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

/** Three years from the contract's start (2007–2009 for the CUCS); longer when many measures must fit. */
function contractYears(
  firstYear: number,
  indicatorCount: number,
  territoryCount: number,
  measureCount: number | undefined,
): number[] {
  const span = measureCount ? Math.max(3, Math.ceil(measureCount / (indicatorCount * territoryCount))) : 3;
  return Array.from({ length: span }, (_, i) => firstYear + i);
}

function setSettings(b: Builder, years: number[], reportingYear: number): void {
  setSettingValues(b, {
    'Fin du contrat': new Date(years[years.length - 1]!, 11, 31),
    'Année de rapport': reportingYear,
    'Données fictives': true,
  });
}

/** Paramètres values by setting name. */
function setSettingValues(b: Builder, values: Record<string, CellValue>): void {
  for (const row of b.rows.slice(1)) {
    const name = String(row[0]);
    if (name in values) row[1] = values[name]!;
  }
}

/** Sample content for a domain the preset has none for (a référentiel typed by the users). */
function genericSamples(domain: DomainRef): DemoSamples {
  const lines = domain.objectives.flatMap((o) => (o.lines.length ? o.lines.map((l) => l.label) : [o.label]));
  return {
    porteurs: [
      'Commune — service politique de la ville',
      'Centre social du quartier',
      'Association des habitants',
      `Intercommunalité — mission ${domain.name}`,
    ],
    titles: lines.length ? lines : [domain.label],
    indicators: [
      [
        `Personnes touchées par les actions « ${domain.name} »`,
        'personnes',
        'hausse',
        200,
        400,
        'Suivi du contrat',
      ],
      [`Actions « ${domain.name} » menées avec les habitants`, '%', 'hausse', 30, 60, 'Suivi du contrat'],
    ],
  };
}

/** The order the demo has always drawn its funders in, by kind, so that its figures stay the same. */
const FUNDER_KINDS = [
  'Commune',
  'Intercommunalité',
  'État',
  'Département',
  'Organisme social',
  'Région',
  'Bailleur',
];
function demoFunders(preset: Preset): string[] {
  const rank = (kind: string) =>
    (FUNDER_KINDS.indexOf(kind) + FUNDER_KINDS.length + 1) % (FUNDER_KINDS.length + 1);
  return [...preset.funders].sort((a, b) => rank(a.kind) - rank(b.kind)).map((f) => f.code);
}

interface ActionContext {
  /** The référentiel's axes: the demo tags some actions with them. */
  axes: string[];
  funders: string[];
  year: number;
  rnd: () => number;
}

function addActions(
  b: Builder,
  domain: DomainRef,
  samples: DemoSamples,
  count: number,
  ctx: ActionContext,
): void {
  const { rnd } = ctx;
  const lines = domain.objectives.flatMap((o) =>
    o.lines.length
      ? o.lines.map((l) => ({ objective: o, line: l as ActionLineRef | null }))
      : [{ objective: o, line: null }],
  );
  const titles = samples.titles;
  for (let i = 0; i < count; i++) {
    const { objective, line } = lines[i % lines.length]!;
    const base = titles[i % titles.length]!;
    const round = Math.floor(i / titles.length);
    const quartier = pick(rnd, QUARTIERS);
    const title = round === 0 ? base : `${base} — ${quartier[1]} (${round + 1})`;
    b.put(
      actionValues(
        domain.code,
        samples.porteurs,
        i,
        objective.code,
        objective.label,
        line ? codeLabel(line.code, line.label) : '',
        title,
        quartier[0],
        ctx,
      ),
    );
  }
}

function actionValues(
  domain: string,
  porteurs: string[],
  i: number,
  objectiveCode: string,
  objectiveLabel: string,
  actionLine: string,
  title: string,
  quartier: string,
  ctx: ActionContext,
): Record<string, TypedValue> {
  const { year, rnd } = ctx;
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
    actionLine,
    title,
    porteur: pick(rnd, porteurs),
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
    ...funding(budget - credits, ctx.funders, rnd),
    // Only a référentiel with axes draws them, so that the CUCS demo stays as it was.
    axes: ctx.axes.length
      ? [...new Set([pick(rnd, ctx.axes), ...(rnd() < 0.4 ? [pick(rnd, ctx.axes)] : [])])]
      : [],
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
function funding(rest: number, funders: string[], rnd: () => number): Record<string, TypedValue> {
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

function addIndicators(
  b: Builder,
  domains: DomainRef[],
  samples: (domain: DomainRef) => DemoSamples,
  perDomain: number,
  [baselineYear, targetYear]: [number, number],
  rnd: () => number,
): DemoIndicator[] {
  const all: DemoIndicator[] = [];
  for (const domain of domains) {
    const catalogue = samples(domain).indicators;
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
        baselineYear,
        target,
        targetYear,
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
