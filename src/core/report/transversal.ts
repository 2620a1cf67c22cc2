/**
 * The parts that cross the domains: the chantiers prioritaires, the funding by funder and domain, and
 * the participation des habitants.
 */
import { normaliseKey } from '../cells';
import { agree, plural } from '../typography';
import { fundingMatrix } from './aggregate';
import {
  actionLabel,
  type Context,
  domainName,
  markedTable,
  notesOf,
  plainLabel,
  rejectedNote,
  rejectedStatus,
  right,
  territoriesText,
} from './context';
import { decisionsAbout } from './decisions';
import { formatCount, formatEuros, shareText } from './format';
import { type Block, chart, heading, paragraph, table } from './model';

export function chantiers(ctx: Context): Block[] {
  const list = ctx.actions.filter((a) => a.chantier);
  const rejected = ctx.rejected.filter((g) => g.record.chantier);
  const blocks: Block[] = [heading(1, 'Chantiers prioritaires')];
  if (list.length === 0 && rejected.length === 0) {
    blocks.push(paragraph(`Aucun chantier prioritaire n’est suivi en ${ctx.year} dans ce périmètre.`));
    return blocks;
  }
  const done = list.filter((a) => a.status === 'réalisée').length;
  blocks.push(
    paragraph(
      `${plural(list.length, 'chantier prioritaire', 'chantiers prioritaires')} en ${ctx.year}, dont ${formatCount(done)} ${agree(done, 'réalisé', 'réalisés')}. Le comité de pilotage partage leur état d’avancement, repère les avancées et les freins et impulse les infléchissements nécessaires.`,
    ),
    ...markedTable(
      ['Chantier', 'Domaine', 'Porteur', 'Statut', `Avancées ${ctx.year}`, `Freins ${ctx.year}`],
      [
        ...list.map((a) => [
          actionLabel(ctx, a),
          domainName(ctx, a.domain),
          a.porteur,
          a.status || '—',
          notesOf(a.avancees, ctx.year) || '—',
          notesOf(a.freins, ctx.year) || '—',
        ]),
        ...rejected.map((g) => [
          plainLabel(g.record),
          domainName(ctx, g.record.domain),
          g.record.porteur,
          rejectedStatus(g),
          '—',
          '—',
        ]),
      ],
    ),
  );
  if (rejected.length) blocks.push(rejectedNote(rejected));
  const codes = new Set(list.map((a) => normaliseKey(a.id)).filter((c) => c !== ''));
  blocks.push(...decisionsAbout(ctx.decisions, codes, 'les chantiers prioritaires'));
  return blocks;
}

export function fundingPart(ctx: Context): Block[] {
  const rows = fundingMatrix(ctx.actions, ctx.data.funders, ctx.domains);
  const blocks: Block[] = [
    heading(1, 'Financements'),
    paragraph(
      'Crédits spécifiques du contrat et cofinancements par financeur et par domaine, pour les actions de l’année (hors actions abandonnées).',
    ),
  ];
  const total = rows.reduce((s, r) => s + r.total, 0);
  if (total === 0) {
    blocks.push(
      paragraph(`Aucun financement n’est saisi pour les actions de ${ctx.year} dans ce périmètre.`),
    );
    return blocks;
  }
  const contributing = rows.filter((r) => r.total > 0);
  const columnTotal = (code: string) => rows.reduce((s, r) => s + (r.byDomain.get(code) ?? 0), 0);
  // A short report shows only who and what is funded; a long one, every active funder and domain.
  const short = ctx.layout === 'short';
  const domains = short ? ctx.domains.filter((d) => columnTotal(d.code) > 0) : ctx.domains;
  blocks.push(
    table(
      ['Financeur', ...domains.map((d) => right(d.name)), right('Total')],
      (short ? contributing : rows).map((r) => [
        r.name,
        ...domains.map((d) => formatEuros(r.byDomain.get(d.code)!)),
        formatEuros(r.total),
      ]),
      ['Total', ...domains.map((d) => formatEuros(columnTotal(d.code))), formatEuros(total)],
    ),
    chart({
      kind: 'bar',
      title: 'Financements par financeur (€)',
      categories: contributing.map((r) => r.name),
      series: [{ name: 'Montant', values: contributing.map((r) => r.total) }],
      unit: '€',
      description:
        'Histogramme des montants apportés par chaque financeur, crédits spécifiques du contrat compris.',
    }),
  );
  return blocks;
}

export function participationPart(ctx: Context): Block[] {
  const list = ctx.actions.filter((a) => a.participation);
  const blocks: Block[] = [heading(1, 'Participation des habitants')];
  if (list.length === 0) {
    blocks.push(paragraph(`Aucune action de ${ctx.year} n’associe les habitants dans ce périmètre.`));
    return blocks;
  }
  blocks.push(
    paragraph(
      `${shareText(list.length, ctx.actions.length)} des actions de ${ctx.year} associent les habitants, principe de base du contrat dans chacun de ses domaines.`,
    ),
    table(
      ['Action', 'Domaine', 'Territoires', 'Modalités de participation'],
      list.map((a) => [
        actionLabel(ctx, a),
        domainName(ctx, a.domain),
        territoriesText(ctx, a),
        a.participationHow || 'modalités non précisées',
      ]),
    ),
  );
  return blocks;
}
