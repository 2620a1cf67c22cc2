/**
 * Finds an action by title or ID among the workbook's actions (sent once with the sidebar data).
 * Plain buttons in a list: reachable with Tab or the down arrow, picked with Enter.
 */
import { normaliseKey } from '../../src/core/cells';
import type { ActionSummary } from '../../src/core/editing';
import { el } from './dom';

const MAX_RESULTS = 8;

export function matchActions(index: ActionSummary[], query: string): ActionSummary[] {
  const wanted = normaliseKey(query);
  if (wanted === '') return [];
  return index
    .filter((a) => normaliseKey(a.id).includes(wanted) || normaliseKey(a.title).includes(wanted))
    .slice(0, MAX_RESULTS);
}

function resultLabel(a: ActionSummary): string {
  return `${a.id || `ligne ${a.row} (sans ID)`} · ${a.title || '(sans intitulé)'}`;
}

export interface SearchOptions {
  idPrefix: string;
  index: () => ActionSummary[];
  onPick: (action: ActionSummary) => void;
}

/** Builds the search box into `host`. */
export function mountSearch(host: HTMLElement, options: SearchOptions): void {
  const inputId = `${options.idPrefix}-search`;
  const label = el('label', { for: inputId }, 'Rechercher une action (intitulé ou ID)');
  const input = el('input', {
    id: inputId,
    type: 'search',
    autocomplete: 'off',
    placeholder: 'ex. RU-003 ou jardins',
    'aria-controls': `${inputId}-results`,
  });
  const status = el('p', { class: 'muted small', 'aria-live': 'polite', id: `${inputId}-status` });
  const list = el('ul', { class: 'results', id: `${inputId}-results` });
  host.append(label, input, status, list);

  const pick = (action: ActionSummary) => {
    input.value = '';
    render([]);
    status.textContent = '';
    options.onPick(action);
  };
  const render = (results: ActionSummary[]) => {
    list.replaceChildren(
      ...results.map((a) => {
        const button = el('button', { type: 'button', class: 'result' }, resultLabel(a));
        button.title = `${resultLabel(a)} — ${a.sheet}, ligne ${a.row}`;
        button.addEventListener('click', () => pick(a));
        button.addEventListener('keydown', (event) => moveFocus(event, button, input));
        const item = el('li');
        item.append(button);
        return item;
      }),
    );
  };
  input.addEventListener('input', () => {
    const results = matchActions(options.index(), input.value);
    render(results);
    status.textContent =
      input.value.trim() === ''
        ? ''
        : results.length === 0
          ? 'Aucune action trouvée.'
          : `${results.length} action${results.length > 1 ? 's' : ''} trouvée${results.length > 1 ? 's' : ''}.`;
  });
  input.addEventListener('keydown', (event) => {
    const first = list.querySelector('button');
    if (event.key === 'Enter') {
      event.preventDefault();
      first?.click();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      first?.focus();
    }
  });
}

function moveFocus(event: KeyboardEvent, button: HTMLButtonElement, input: HTMLInputElement): void {
  const item = button.parentElement!;
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    item.nextElementSibling?.querySelector('button')?.focus();
  } else if (event.key === 'ArrowUp') {
    event.preventDefault();
    (item.previousElementSibling?.querySelector('button') ?? input).focus();
  } else if (event.key === 'Escape') {
    input.focus();
  }
}
