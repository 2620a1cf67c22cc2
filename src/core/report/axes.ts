/**
 * The report's part on the transversal axes (contrats de ville) or national priorities (Quartiers 2030):
 * how many of the year's actions serve each axis, their budget, and which they are. Present only when
 * the référentiel has axes. An action serving two axes counts in both rows, and once in the total.
 */
import type { AxisRef } from '../referentiel';
import type { Action } from '../schemas';
import { moneyOf } from './aggregate';
import { formatCount, formatEuros, shareText } from './format';
import { type Block, heading, paragraph, table } from './model';

export interface AxesPartInput {
  /** « Axes transversaux » or « Priorités nationales », as the contract's model calls them. */
  title: string;
  axes: AxisRef[];
  /** The year's actions in the report's scope. */
  actions: Action[];
  year: number;
  actionLabel: (a: Action) => string;
  domainName: (code: string) => string;
}

export function axesPart(input: AxesPartInput): Block[] {
  const { title, axes, actions, year } = input;
  const tagged = actions.filter((a) => a.axes.length > 0);
  const blocks: Block[] = [heading(1, title)];
  if (tagged.length === 0) {
    blocks.push(
      paragraph(`Aucune action de ${year} de ce périmètre n’est rattachée à un axe du Référentiel.`),
    );
    return blocks;
  }
  blocks.push(
    paragraph(
      `${shareText(tagged.length, actions.length)} des actions de ${year} servent au moins un axe. Une action qui en sert plusieurs figure dans chacun.`,
    ),
    table(
      ['Axe', { header: 'Actions', align: 'right' }, { header: 'Budget prévu', align: 'right' }],
      axes.map((axis) => {
        const own = actions.filter((a) => a.axes.includes(axis.code));
        return [`${axis.code} — ${axis.label}`, formatCount(own.length), formatEuros(moneyOf(own).budget)];
      }),
      [
        'Actions rattachées à au moins un axe',
        formatCount(tagged.length),
        formatEuros(moneyOf(tagged).budget),
      ],
    ),
  );
  for (const axis of axes) {
    const own = actions.filter((a) => a.axes.includes(axis.code));
    if (own.length === 0) continue;
    blocks.push(
      heading(2, `${axis.code} — ${axis.label}`),
      table(
        ['Action', 'Domaine', 'Statut'],
        own.map((a) => [input.actionLabel(a), input.domainName(a.domain), a.status]),
      ),
    );
  }
  return blocks;
}
