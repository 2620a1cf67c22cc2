/**
 * The annual report of a contrat de ville, in the six parts of décret n° 2015-1118 (art. 1): the contract's
 * orientations; how the situation of the quartiers prioritaires changed; the actions carried out for
 * their residents, by the EPCI, the communes and the other porteurs; outlook and improvements; the link
 * with urban renewal; the développement social urbain of the communes receiving the DSU. The opinions of
 * the conseils citoyens and conseils municipaux are annexed. The same data as the CUCS plan feeds it:
 * the CUCS plan's parts reappear inside part 3, one heading level down.
 */
import { normaliseKey } from '../cells';
import { lateReferrals } from '../opinions';
import { progressByYear } from '../progress';
import type { Action } from '../schemas';
import { moneyOf, territoryAndDescendants } from './aggregate';
import type { Context } from './context';
import { rejectedValues, warnedValues } from './corrections';
import { quartiersSituation, transversalContext } from './fiche';
import { formatCount, formatEuros, isoToFr } from './format';
import type { IndicatorRow } from './indicator-values';
import { type Block, bullets, heading, paragraph, table } from './model';

/** The parts the CUCS plan is made of, built once; the décret's plan reorders them (after the title page). */
export interface ReportSections {
  titlePage: Block[];
  synthesis: Block[];
  /** « Suites données aux décisions » (decisions.ts). */
  followUp: Block[];
  chantiers: Block[];
  domains: Block[][];
  territories: Block[];
  funding: Block[];
  participation: Block[];
  axes: Block[][];
  annexes: Block[];
}

export interface DecretContext extends Context {
  /** The indicator table and, when a warning marked it, its note. */
  indicatorTable: (rows: IndicatorRow[]) => Block[];
  actionLabel: (a: Action) => string;
  domainName: (code: string) => string;
}

export const DECRET_TITLES = [
  '1. Les orientations du contrat',
  '2. L’évolution de la situation des quartiers prioritaires',
  '3. Les actions menées en faveur des habitants des quartiers prioritaires',
  '4. Perspectives et pistes d’amélioration',
  '5. L’articulation avec le renouvellement urbain',
  '6. Le développement social urbain des communes bénéficiaires de la DSU',
] as const;

/** The parts on what the contract did: their own parts in the CUCS plan, inside part 3 in the décret's. */
export function actionParts(sections: ReportSections): Block[][] {
  return [
    sections.followUp,
    sections.chantiers,
    ...sections.domains,
    sections.territories,
    sections.funding,
    sections.participation,
    ...sections.axes,
  ];
}

export function decretParts(sections: ReportSections, ctx: DecretContext): Block[][] {
  const annexes = sections.annexes;
  return [
    sections.synthesis,
    orientations(ctx),
    situation(ctx),
    [...actionsByPorteur(ctx), ...actionParts(sections).flatMap(demote)],
    outlook(ctx),
    urbanRenewal(ctx),
    dsu(ctx),
    [annexes[0]!, ...opinionsAnnex(ctx), ...annexes.slice(1)],
  ];
}

/** A part of the CUCS plan placed inside one of the décret's: each heading one level down. */
function demote(blocks: Block[]): Block[] {
  return blocks.map((b) => (b.kind === 'heading' ? { ...b, level: Math.min(3, b.level + 1) as 2 | 3 } : b));
}

const contains = (text: string, words: string[]) => {
  const key = normaliseKey(text);
  return words.some((w) => w !== '' && key.includes(normaliseKey(w)));
};

// 1 -------------------------------------------------------------------------------------------

function orientations(ctx: DecretContext): Block[] {
  const { settings, referentiel } = ctx.data;
  const blocks: Block[] = [
    heading(1, DECRET_TITLES[0]),
    paragraph(
      `${settings.contractName}, du ${isoToFr(settings.periodStart)} au ${isoToFr(settings.periodEnd)}. Ses orientations et leurs objectifs, tels que les porte le Référentiel du contrat\u00a0:`,
    ),
  ];
  for (const d of ctx.domains) {
    blocks.push(
      heading(2, `${d.code} — ${d.name}`),
      paragraph(
        `${d.label}. Pilotage\u00a0: ${d.steeringBody || 'instance non renseignée dans le Référentiel'}.`,
      ),
      bullets(d.objectives.map((o) => `${o.code} — ${o.label}`)),
    );
  }
  if (referentiel.axes.length > 0) {
    blocks.push(
      heading(2, 'Axes et priorités communs à toutes les orientations'),
      bullets(referentiel.axes.map((a) => `${a.code} — ${a.label}`)),
    );
  }
  return blocks;
}

// 2 -------------------------------------------------------------------------------------------

function situation(ctx: DecretContext): Block[] {
  const blocks: Block[] = [heading(1, DECRET_TITLES[1])];
  const observation = ctx.indicators.filter((r) => r.indicator.kind === 'contexte');
  const results = ctx.indicators.filter((r) => r.indicator.kind === 'résultat');
  const transversal = transversalContext(ctx.data.indicators.map((i) => i.record));
  if (observation.length + results.length + transversal.length === 0) {
    blocks.push(
      paragraph(
        'Aucun indicateur de contexte ni de résultat n’est défini dans la feuille Indicateurs\u00a0: la situation des quartiers ne peut pas être décrite par des chiffres.',
      ),
    );
    return blocks;
  }
  const ofDomains =
    observation.length + results.length > 0
      ? `valeurs de ${ctx.year - 1} et de ${ctx.year} des indicateurs des orientations, rapportées à la valeur de référence et à la cible de chaque indicateur`
      : '';
  const ofQuartiers = transversal.length
    ? 'chaque quartier comparé à sa commune et à l’agglomération pour les indicateurs de contexte transversaux'
    : '';
  blocks.push(
    paragraph(
      `La situation des quartiers prioritaires au regard des objectifs du contrat\u00a0: ${[ofQuartiers, ofDomains].filter(Boolean).join('\u00a0; ')}.`,
    ),
  );
  if (transversal.length > 0) blocks.push(...transversalBlocks(ctx));
  if (observation.length > 0) {
    blocks.push(heading(2, 'Indicateurs de contexte des orientations'), ...ctx.indicatorTable(observation));
  }
  if (results.length > 0) {
    blocks.push(heading(2, 'Indicateurs de résultat'), ...ctx.indicatorTable(results));
  }
  return blocks;
}

/** The quartiers prioritaires of the report's scope: all of them, or those inside its territory. */
function quartiersInScope(ctx: DecretContext) {
  const { scope, data } = ctx;
  const area = scope.kind === 'territory' ? territoryAndDescendants(data.territories, scope.code) : null;
  return data.territories.filter(
    (t) => t.level === 'quartier prioritaire' && (area === null || area.has(t.code)),
  );
}

/** The observation data of no domain, quartier by quartier, as the fiches compare it. */
function transversalBlocks(ctx: DecretContext): Block[] {
  const blocks: Block[] = [heading(2, 'Indicateurs de contexte transversaux')];
  const comparison = quartiersSituation(
    { data: ctx.data, year: ctx.year, rejected: rejectedValues(ctx.gate), warned: warnedValues(ctx.gate) },
    quartiersInScope(ctx),
  );
  if (comparison.length === 0) {
    blocks.push(
      paragraph(
        `Aucun indicateur de contexte transversal n’est mesuré en ${ctx.year} pour les quartiers prioritaires de ce périmètre\u00a0: importez les données d’observation (INSEE, CAF…) ou saisissez-les dans la feuille Mesures.`,
      ),
    );
    return blocks;
  }
  blocks.push(
    paragraph(
      `Chaque quartier prioritaire en ${ctx.year}, comparé à sa commune et à l’agglomération comme dans sa fiche territoire\u00a0: écart en points pour un taux, rapport pour un montant, part de la commune pour un effectif, et évolution depuis l’année de référence de l’indicateur. Une valeur couverte par le secret statistique ou non disponible est indiquée comme telle, jamais comptée pour zéro.`,
    ),
    ...comparison,
  );
  return blocks;
}

// 3 -------------------------------------------------------------------------------------------

type PorteurKind = 'EPCI' | 'Communes' | 'Autres porteurs (État, associations, bailleurs…)';

/** Who carried an action: the EPCI, a commune, or another porteur, read from the porteur's name. */
export function porteurKind(porteur: string, ctx: Pick<Context, 'data'>): PorteurKind {
  const names = (level: string) => ctx.data.territories.filter((t) => t.level === level).map((t) => t.name);
  if (
    contains(porteur, [
      ...names('agglomération'),
      'métropole',
      'communauté',
      'agglomération',
      'EPCI',
      'intercommunal',
    ])
  )
    return 'EPCI';
  if (contains(porteur, [...names('commune'), 'ville de', 'commune', 'mairie', 'CCAS'])) return 'Communes';
  return 'Autres porteurs (État, associations, bailleurs…)';
}

function actionsByPorteur(ctx: DecretContext): Block[] {
  const blocks: Block[] = [heading(1, DECRET_TITLES[2])];
  if (ctx.actions.length === 0) {
    blocks.push(paragraph(`Aucune action n’est suivie pour ${ctx.year} dans ce périmètre.`));
    return blocks;
  }
  const kinds: PorteurKind[] = ['EPCI', 'Communes', 'Autres porteurs (État, associations, bailleurs…)'];
  const byKind = new Map(kinds.map((k) => [k, ctx.actions.filter((a) => porteurKind(a.porteur, ctx) === k)]));
  blocks.push(
    paragraph(
      `Les actions de ${ctx.year} par porteur\u00a0: l’intercommunalité (EPCI), les communes, les autres porteurs. Le porteur est reconnu à son nom (feuille Territoires pour l’agglomération et les communes).`,
    ),
    table(
      ['Porteur', { header: 'Actions', align: 'right' }, { header: 'Budget prévu', align: 'right' }],
      kinds.map((k) => [k, formatCount(byKind.get(k)!.length), formatEuros(moneyOf(byKind.get(k)!).budget)]),
      ['Total', formatCount(ctx.actions.length), formatEuros(moneyOf(ctx.actions).budget)],
    ),
  );
  return blocks;
}

// 4 -------------------------------------------------------------------------------------------

function outlook(ctx: DecretContext): Block[] {
  const blocks: Block[] = [heading(1, DECRET_TITLES[3])];
  const braked = ctx.actions.flatMap((a) => {
    const lines = progressByYear(a.freins).get(ctx.year) ?? [];
    return lines.length ? [[ctx.actionLabel(a), ctx.domainName(a.domain), lines.join(' ; ')]] : [];
  });
  const coming = ctx.actions.filter((a) => a.status === 'programmée' || a.status === 'reportée');
  blocks.push(heading(2, `Freins relevés en ${ctx.year}, à lever`));
  blocks.push(
    braked.length
      ? table(['Action', 'Domaine', 'Freins'], braked)
      : paragraph(`Aucun frein n’est noté pour ${ctx.year} dans la colonne Freins des actions.`),
  );
  blocks.push(heading(2, 'Actions programmées ou reportées'));
  blocks.push(
    coming.length
      ? table(
          ['Action', 'Domaine', 'Statut', 'Porteur'],
          coming.map((a) => [ctx.actionLabel(a), ctx.domainName(a.domain), a.status, a.porteur]),
        )
      : paragraph('Aucune action programmée ou reportée dans ce périmètre.'),
  );
  return blocks;
}

// 5 -------------------------------------------------------------------------------------------

const URBAN_RENEWAL = ['renouvellement urbain', 'NPNRU', 'ANRU'];

/** Actions of a domain, action line or axis whose label speaks of urban renewal. */
export function urbanRenewalActions(ctx: Pick<Context, 'data' | 'actions'>): Action[] {
  const { referentiel } = ctx.data;
  const domains = new Set(
    referentiel.domains.filter((d) => contains(`${d.name} ${d.label}`, URBAN_RENEWAL)).map((d) => d.code),
  );
  const lines = new Set(
    referentiel.domains.flatMap((d) =>
      d.objectives.flatMap((o) => o.lines.filter((l) => contains(l.label, URBAN_RENEWAL)).map((l) => l.code)),
    ),
  );
  const axes = new Set(referentiel.axes.filter((a) => contains(a.label, URBAN_RENEWAL)).map((a) => a.code));
  return ctx.actions.filter(
    (a) => domains.has(a.domain) || lines.has(a.actionLine) || a.axes.some((x) => axes.has(x)),
  );
}

function urbanRenewal(ctx: DecretContext): Block[] {
  const blocks: Block[] = [heading(1, DECRET_TITLES[4])];
  const list = urbanRenewalActions(ctx);
  if (list.length === 0) {
    blocks.push(
      paragraph(
        `Aucune action de ${ctx.year} ne relève du renouvellement urbain dans ce périmètre (un domaine, une ligne d’action ou un axe du Référentiel dont le libellé mentionne le renouvellement urbain).`,
      ),
    );
    return blocks;
  }
  blocks.push(
    paragraph(
      `${formatCount(list.length)} action${list.length > 1 ? 's' : ''} de ${ctx.year} relève${list.length > 1 ? 'nt' : ''} du renouvellement urbain, pour un budget prévu de ${formatEuros(moneyOf(list).budget)}.`,
    ),
    table(
      ['Action', 'Domaine', 'Statut', { header: 'Budget prévu', align: 'right' }],
      list.map((a) => [
        ctx.actionLabel(a),
        ctx.domainName(a.domain),
        a.status,
        a.budget === null ? '—' : formatEuros(a.budget),
      ]),
    ),
  );
  return blocks;
}

// 6 -------------------------------------------------------------------------------------------

function dsu(ctx: DecretContext): Block[] {
  const blocks: Block[] = [heading(1, DECRET_TITLES[5])];
  const codes = ctx.data.settings.dsuCommunes
    .split(/[;,]/)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  if (codes.length === 0) {
    blocks.push(
      paragraph(
        'Aucune commune bénéficiaire de la dotation de solidarité urbaine n’est indiquée (paramètre « Communes bénéficiaires de la DSU »)\u00a0: cette partie est sans objet.',
      ),
    );
    return blocks;
  }
  for (const code of codes) {
    const commune = ctx.data.territories.find((t) => t.code === code);
    const name = commune?.name ?? code;
    const inside = new Set([
      code,
      ...ctx.data.territories.filter((t) => t.parent === code).map((t) => t.code),
    ]);
    const list = ctx.actions.filter(
      (a) =>
        a.territories.some((t) => inside.has(t)) ||
        (commune !== undefined && contains(a.porteur, [commune.name])),
    );
    blocks.push(heading(2, name));
    blocks.push(
      list.length
        ? table(
            ['Action', 'Domaine', 'Porteur', 'Statut', { header: 'Budget prévu', align: 'right' }],
            list.map((a) => [
              ctx.actionLabel(a),
              ctx.domainName(a.domain),
              a.porteur,
              a.status,
              a.budget === null ? '—' : formatEuros(a.budget),
            ]),
          )
        : paragraph(
            `Aucune action de ${ctx.year} n’est menée à ${name} ou dans ses quartiers dans ce périmètre.`,
          ),
    );
  }
  return blocks;
}

// Annex ---------------------------------------------------------------------------------------

function opinionsAnnex(ctx: DecretContext): Block[] {
  const { settings } = ctx.data;
  const opinions = ctx.data.opinions.filter((o) => o.record.year === ctx.year);
  const blocks: Block[] = [heading(2, 'Avis des conseils citoyens et des conseils municipaux')];
  if (opinions.length === 0) {
    blocks.push(
      paragraph(
        `Aucun avis sur le rapport ${ctx.year} n’est enregistré dans la feuille Avis. Les conseils citoyens et les conseils municipaux sont saisis au moins un mois avant la délibération du conseil communautaire\u00a0; leurs avis sont annexés au rapport.`,
      ),
    );
    return blocks;
  }
  blocks.push(
    paragraph(
      settings.deliberationDate
        ? `Délibération du conseil communautaire\u00a0: ${isoToFr(settings.deliberationDate)}.`
        : 'La date de délibération du conseil communautaire n’est pas indiquée (Paramètres).',
      'note',
    ),
  );
  for (const late of lateReferrals(opinions, settings, ctx.year)) {
    blocks.push(
      paragraph(
        `Attention\u00a0: ${late.record.instance} a été saisi le ${isoToFr(late.record.referralDate)}, ${late.record.referralDate >= settings.deliberationDate! ? 'après' : 'moins d’un mois avant'} la délibération du ${isoToFr(settings.deliberationDate!)}.`,
        'warning',
      ),
    );
  }
  blocks.push(
    table(
      ['Instance', 'Date de saisine', 'Date de l’avis', 'Avis'],
      opinions.map(({ record: o }) => [
        `${o.instance} (${o.kind})`,
        isoToFr(o.referralDate),
        o.opinionDate ? isoToFr(o.opinionDate) : 'avis attendu',
        o.opinion || (o.opinionDate ? 'texte non saisi' : '—'),
      ]),
    ),
  );
  return blocks;
}
