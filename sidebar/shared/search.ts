/**
 * Finds an action by title or ID among the workbook's actions (sent once with the sidebar data), and
 * filters them by transversal axis when the référentiel has axes.
 * Plain buttons in a list: reachable with Tab or the down arrow, picked with Enter.
 */
import { normaliseKey } from '../../src/core/cells';
import type { ActionSummary } from '../../src/core/editing';
import type { AxisRef } from '../../src/core/referentiel';
import { el, option } from './dom';

const MAX_RESULTS = 8;
/** An axis alone lists its actions: more of them, the list scrolls. */
const MAX_AXIS_RESULTS = 50;

export function matchActions(index: ActionSummary[], query: string, axis = ''): ActionSummary[] {
  const wanted = normaliseKey(query);
  if (wanted === '' && axis === '') return [];
  return index
    .filter((a) => axis === '' || a.axes.includes(axis))
    .filter((a) => normaliseKey(a.id).includes(wanted) || normaliseKey(a.title).includes(wanted))
    .slice(0, wanted === '' ? MAX_AXIS_RESULTS : MAX_RESULTS);
}

function resultLabel(a: ActionSummary): string {
  return `${a.id || `ligne ${a.row} (sans ID)`} · ${a.title || '(sans intitulé)'}`;
}

export interface SearchOptions {
  idPrefix: string;
  index: () => ActionSummary[];
  /** The référentiel's axes: a filter is shown when there are some. */
  axes: () => AxisRef[];
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
  const axisId = `${options.idPrefix}-axis-filter`;
  const axis = el('select', { id: axisId, 'aria-controls': `${inputId}-results` });
  const axes = options.axes();
  axis.append(option('', 'Tous les axes'), ...axes.map((a) => option(a.code, `${a.code} — ${a.label}`)));
  const axisField = el('div', { class: 'field' });
  axisField.append(el('label', { for: axisId }, 'Axe transversal'), axis);
  axisField.hidden = axes.length === 0;
  host.append(label, input, axisField, status, list);

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
  const search = () => {
    const results = matchActions(options.index(), input.value, axis.value);
    render(results);
    status.textContent =
      input.value.trim() === '' && axis.value === ''
        ? ''
        : results.length === 0
          ? 'Aucune action trouvée.'
          : `${results.length} action${results.length > 1 ? 's' : ''} trouvée${results.length > 1 ? 's' : ''}.`;
  };
  input.addEventListener('input', search);
  axis.addEventListener('change', search);
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
