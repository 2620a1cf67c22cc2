/**
 * The second half of a « Fiche territoire »: what the contract does in the territory — its actions by
 * domain under the report's territory rule, chantiers prioritaires, participation, avancées and freins.
 */

import { progressByYear } from '../progress';
import type { Territory } from '../schemas';
import { plural } from '../typography';
import { actionsInScope, countsInMoney } from './aggregate';
import { right } from './context';
import type { FicheInput } from './fiche';

import { formatCount, formatEuros, shareText } from './format';
import { type Block, paragraph, table } from './model';

const notesOf = (text: string, year: number): string => (progressByYear(text).get(year) ?? []).join(' ; ');

export function actionBlocks(input: FicheInput, territory: Territory): Block[] {
  const actions = actionsInScope(
    input.actions,
    input.data.territories,
    { kind: 'territory', code: territory.code },
    input.year,
  );
  if (actions.length === 0) {
    return [paragraph(`Aucune action de ${input.year} ne concerne ${territory.name} dans ce périmètre.`)];
  }
  const byDomain = input.domains
    .map((d) => {
      const own = actions.filter((a) => a.domain === d.code);
      return {
        name: d.name,
        count: own.length,
        budget: own.reduce((s, a) => s + (countsInMoney(a) ? (a.budget ?? 0) : 0), 0),
      };
    })
    .filter((d) => d.count > 0);
  const total = byDomain.reduce((s, d) => s + d.budget, 0);
  const chantiers = actions.filter((a) => a.chantier);
  const participation = actions.filter((a) => a.participation);
  // A territory every action of the report concerns (the agglomération, or the territory of its own
  // report): its lists would repeat the report's own parts, which a sentence points to.
  if (actions.length === input.actions.length) {
    return [
      ...countsBlocks(input, territory, actions.length, byDomain, total),
      paragraph(
        chantiers.length
          ? `${plural(chantiers.length, 'chantier prioritaire', 'chantiers prioritaires')} : leur état est présenté dans la partie « Chantiers prioritaires ».`
          : 'Aucun chantier prioritaire ne concerne ce territoire.',
      ),
      participationParagraph(participation.length, actions.length),
      paragraph(
        `Les avancées et les freins de ${input.year} de ces actions sont présentés dans la partie de leur domaine.`,
      ),
    ];
  }
  const progress = actions
    .map((a) => ({ a, forward: notesOf(a.avancees, input.year), brakes: notesOf(a.freins, input.year) }))
    .filter((r) => r.forward || r.brakes);
  return [
    ...countsBlocks(input, territory, actions.length, byDomain, total),
    // A table rather than a list: one call in a Google Doc however many chantiers there are.
    ...(chantiers.length
      ? [
          table(
            [`Chantiers prioritaires (${formatCount(chantiers.length)})`, 'Statut'],
            chantiers.map((a) => [input.actionLabel(a), a.status || '—']),
          ),
        ]
      : [paragraph('Aucun chantier prioritaire ne concerne ce territoire.')]),
    participationParagraph(participation.length, actions.length),
    ...(progress.length
      ? [
          table(
            ['Action', `Avancées ${input.year}`, `Freins ${input.year}`],
            progress.map((r) => [input.actionLabel(r.a), r.forward || '—', r.brakes || '—']),
          ),
        ]
      : [paragraph(`Aucune avancée ni aucun frein n’est noté pour ${input.year}.`)]),
  ];
}

/** How many actions concern the territory, and their budget by domain. */
function countsBlocks(
  input: FicheInput,
  territory: Territory,
  count: number,
  byDomain: readonly { name: string; count: number; budget: number }[],
  total: number,
): Block[] {
  return [
    paragraph(
      `${plural(count, 'action concerne', 'actions concernent')} ${territory.name} en ${input.year}, chacune pour son budget prévu entier.`,
    ),
    table(
      ['Domaine', right('Actions'), right('Budget prévu')],
      byDomain.map((d) => [d.name, formatCount(d.count), formatEuros(d.budget)]),
      ['Total', formatCount(count), formatEuros(total)],
    ),
  ];
}

const participationParagraph = (participating: number, count: number): Block =>
  paragraph(
    participating
      ? `Participation des habitants : ${shareText(participating, count)} des actions associent les habitants.`
      : 'Aucune action de ce territoire n’associe les habitants.',
  );
