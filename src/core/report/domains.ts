/**
 * One part per domain of intervention: its orientation, objectives and actions, indicators, avancées and
 * freins of the year, and the comité's decisions about it.
 */
import type { DomainRef } from '../referentiel';
import type { Action } from '../schemas';
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

export function domainPart(ctx: Context, domain: DomainRef): Block[] {
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
    ...indicatorBlocks(ctx, domain, indicators),
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
  const blocks: Block[] = [
    table(
      ['Objectif', right('Actions'), right('dont réalisées'), right('Budget prévu'), right('Indicateurs')],
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
