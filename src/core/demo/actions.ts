/**
 * The demo's actions: titles, porteurs, budgets closed by their co-funding, avancées and freins of the
 * year.
 */

import type { Preset } from '../presets';
import type { DemoSamples } from '../presets/demo-samples';
import type { ActionLineRef, DomainRef } from '../referentiel';
import type { TypedValue } from '../table';
import { codeLabel, FUNDER_KEY_PREFIX } from '../workbook';
import { QUARTIERS } from './places';
import { type Builder, pick, roundTo } from './sheets';

export const PROGRESS = [
  'le comité de suivi s’est réuni trois fois',
  'les habitants ont été associés au choix des aménagements',
  'la première phase est achevée dans les délais',
  'le partenariat avec les bailleurs est formalisé par une convention',
  'la fréquentation dépasse les prévisions',
];
export const BRAKES = [
  'le recrutement du coordinateur a pris du retard',
  'les cofinancements ne sont pas tous confirmés',
  'la mobilisation des familles reste difficile',
  'les locaux ne seront disponibles qu’à l’automne',
  'le turn-over des intervenants freine la continuité',
];

/** Sample content for a domain the preset has none for (a référentiel typed by the users). */
export function genericSamples(domain: DomainRef): DemoSamples {
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
export const FUNDER_KINDS = [
  'Commune',
  'Intercommunalité',
  'État',
  'Département',
  'Organisme social',
  'Région',
  'Bailleur',
];
export function demoFunders(preset: Preset): string[] {
  const rank = (kind: string) =>
    (FUNDER_KINDS.indexOf(kind) + FUNDER_KINDS.length + 1) % (FUNDER_KINDS.length + 1);
  return [...preset.funders].sort((a, b) => rank(a.kind) - rank(b.kind)).map((f) => f.code);
}

export interface ActionContext {
  /** The référentiel's axes: the demo tags some actions with them. */
  axes: string[];
  funders: string[];
  year: number;
  rnd: () => number;
}

export function addActions(
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
