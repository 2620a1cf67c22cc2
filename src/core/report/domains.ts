/**
 * One part per domain of intervention: its orientation, objectives and actions, indicators, avancées and
 * freins of the year, and the comité's decisions about it.
 */
import type { DomainRef } from '../referentiel';
import type { Action } from '../schemas';
import { agree, listText } from '../typography';
import { objectiveSummaries } from './aggregate';
import {
  actionLabel,
  amountCell,
  type Context,
  markedTable,
  notesOf,
  plainLabel,
  rejectedNote,
  rejectedStatus,
  right,
  territoriesText,
} from './context';
import { decisionsAbout, domainCodes } from './decisions';
import { formatCount, formatEuros } from './format';
import { indicatorBlocks } from './indicator-table';
import { type Block, heading, paragraph, table } from './model';

/**
 * A part per domain; in a short territory report, the domains without any action there share one
 * part, after the others, for their indicators: a line each in the synthesis says they have none.
 */
export function domainParts(ctx: Context): Block[][] {
  const hasActions = (d: DomainRef) =>
    ctx.actions.some((a) => a.domain === d.code) || ctx.rejected.some((g) => g.record.domain === d.code);
  if (ctx.layout === 'full' || ctx.scope.kind === 'domain') return ctx.domains.map((d) => domainPart(ctx, d));
  const without = ctx.domains.filter((d) => !hasActions(d));
  const parts = ctx.domains.filter(hasActions).map((d) => domainPart(ctx, d));
  return without.length ? [...parts, domainsWithoutActions(ctx, without)] : parts;
}

function domainsWithoutActions(ctx: Context, domains: DomainRef[]): Block[] {
  const names = domains.map((d) => `« ${d.name} »`);
  const indicators = ctx.indicators.filter((r) => domains.some((d) => d.code === r.indicator.domain));
  return [
    heading(1, agree(domains.length, 'Domaine sans action', 'Domaines sans action')),
    paragraph(
      `Aucune action de ${ctx.year} ne concerne ce territoire dans ${agree(domains.length, 'le domaine', 'les domaines')} ${listText(names)}.`,
    ),
    heading(2, 'Indicateurs'),
    ...indicatorBlocks(ctx, domains, indicators),
    ...domains.flatMap((d) =>
      decisionsAbout(ctx.decisions, domainCodes(d, ctx.allActions), `le domaine ${d.name}`),
    ),
  ];
}

function domainPart(ctx: Context, domain: DomainRef): Block[] {
  const actions = ctx.actions.filter((a) => a.domain === domain.code);
  const indicators = ctx.indicators.filter((r) => r.indicator.domain === domain.code);
  return [
    heading(1, `${domain.code} — ${domain.name}`),
    paragraph(
      `Orientation : ${domain.label}. Pilotage et animation : ${domain.steeringBody || 'instance non renseignée dans le Référentiel'}.`,
    ),
    heading(2, 'Objectifs et actions'),
    ...objectivesBlocks(ctx, domain, actions),
    heading(2, 'Indicateurs'),
    ...indicatorBlocks(ctx, [domain], indicators),
    heading(2, `Avancées et freins ${ctx.year}`),
    ...progressBlocks(ctx, actions),
    ...decisionsAbout(ctx.decisions, domainCodes(domain, ctx.allActions), 'le domaine'),
  ];
}

function objectivesBlocks(ctx: Context, domain: DomainRef, actions: Action[]): Block[] {
  const rejected = ctx.rejected.filter((g) => g.record.domain === domain.code);
  const none = actions.length === 0 && rejected.length === 0;
  // A territory's report leaves out the table of zeros of a domain that does not concern it.
  if (none && ctx.scope.kind === 'territory') {
    return [paragraph(`Aucune action de ce domaine ne concerne ce territoire en ${ctx.year}.`)];
  }
  const summaries = objectiveSummaries(
    actions,
    ctx.indicators.map((r) => r.indicator),
    domain,
  );
  // A short report names its actions' objectives in a sentence: a summary table would repeat its few actions.
  const blocks: Block[] =
    ctx.layout === 'short'
      ? objectivesSentence(domain, [...actions, ...rejected.map((g) => g.record)])
      : [
          table(
            [
              'Objectif',
              right('Actions'),
              right('dont réalisées'),
              right('Budget prévu'),
              right('Indicateurs'),
            ],
            // A territory's report keeps the objectives it has actions or indicators for.
            summaries
              .filter((o) => ctx.scope.kind !== 'territory' || o.actions > 0 || o.indicators > 0)
              .map((o) => [
                `${o.code} — ${o.label}`,
                formatCount(o.actions),
                formatCount(o.done),
                formatEuros(o.budget),
                formatCount(o.indicators),
              ]),
          ),
        ];
  if (none) {
    blocks.push(paragraph(`Aucune action de ce domaine n’est suivie en ${ctx.year}.`));
    return blocks;
  }
  blocks.push(
    ...markedTable(
      ['Objectif', 'Action', 'Porteur', 'Territoires', 'Statut', right('Budget prévu')],
      [
        ...actions.map((a) => [
          a.objective || '—',
          actionLabel(ctx, a),
          a.porteur,
          territoriesText(ctx, a),
          a.status || '—',
          amountCell(ctx, a, 'budget'),
        ]),
        ...rejected.map((g) => [
          g.record.objective || '—',
          plainLabel(g.record),
          g.record.porteur,
          territoriesText(ctx, g.record),
          rejectedStatus(g),
          '—',
        ]),
      ],
    ),
  );
  if (rejected.length) blocks.push(rejectedNote(rejected));
  return blocks;
}

/** « Objectif RU1 — … » or « Objectifs RU1 — … ; RU2 — … »: those its actions pursue, in the référentiel's order. */
function objectivesSentence(domain: DomainRef, actions: readonly Action[]): Block[] {
  const pursued = domain.objectives.filter((o) => actions.some((a) => a.objective === o.code));
  if (pursued.length === 0) return [];
  const list = pursued.map((o) => `${o.code} — ${o.label}`).join(' ; ');
  return [paragraph(`${agree(pursued.length, 'Objectif', 'Objectifs')} : ${list}.`)];
}

function progressBlocks(ctx: Context, actions: Action[]): Block[] {
  const rows = actions
    .map((a) => ({ a, forward: notesOf(a.avancees, ctx.year), brakes: notesOf(a.freins, ctx.year) }))
    .filter((r) => r.forward || r.brakes);
  if (rows.length === 0) {
    return [
      paragraph(
        `Aucune avancée ni aucun frein n’est noté pour ${ctx.year} : ajoutez des lignes « ${ctx.year} : … » dans les colonnes Avancées et Freins des actions.`,
      ),
    ];
  }
  return [
    table(
      ['Action', `Avancées ${ctx.year}`, `Freins ${ctx.year}`],
      rows.map((r) => [actionLabel(ctx, r.a), r.forward || '—', r.brakes || '—']),
    ),
  ];
}
