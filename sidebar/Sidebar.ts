/**
 * The « Saisir ou modifier » sidebar: one server round trip at opening brings every list and the action
 * under the cursor; then three tabs (action, progress, indicator value) save through google.script.run.
 */
import type {
  ActionSummary,
  LoadedAction,
  SavedAction,
  SavedMeasure,
  SidebarData,
} from '../src/core/editing';
import { mountActionForm } from './shared/action-form';
import { byId, el } from './shared/dom';
import { type FormView, showAlert } from './shared/fields';
import { mountMeasureForm } from './shared/measure-form';
import { mountProgressForm } from './shared/progress-form';
import { mountSearch } from './shared/search';
import { callServer } from './shared/server';

let data: SidebarData;

function summaryOf(saved: LoadedAction): ActionSummary {
  const a = saved.action;
  return {
    id: a.id,
    title: a.title,
    domain: a.domain,
    sheet: saved.sheet,
    row: saved.row,
    status: a.status,
    axes: a.axes,
  };
}

/** Keeps the search index in step with what was just saved (an ID given, a title changed). */
function remember(saved: LoadedAction): void {
  const summary = summaryOf(saved);
  const at = data.actionsIndex.findIndex(
    (s) => (s.id !== '' && s.id === summary.id) || (s.sheet === summary.sheet && s.row === summary.row),
  );
  if (at >= 0) data.actionsIndex[at] = summary;
  else data.actionsIndex.push(summary);
}

function rememberMeasure(saved: SavedMeasure): void {
  const { indicator, year, territory, value } = saved.measure;
  const existing = data.measures.find(
    (m) => m.indicator === indicator && m.year === year && m.territory === territory,
  );
  if (existing) existing.value = value;
  else data.measures.push({ indicator, year, territory, value });
}

function setUpTabs(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  const select = (tab: HTMLButtonElement) => {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      byId(other.getAttribute('aria-controls')!).hidden = !selected;
    }
    tab.focus();
  };
  for (const [i, tab] of tabs.entries()) {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const moves: Record<string, number> = {
        ArrowRight: i + 1,
        ArrowLeft: i - 1,
        Home: 0,
        End: tabs.length - 1,
      };
      const to = moves[event.key];
      if (to === undefined) return;
      event.preventDefault();
      select(tabs[(to + tabs.length) % tabs.length]!);
    });
  }
  byId('panel-action').hidden = false;
}

/** Runs a load from the server once at a time from a button, showing a failure in `view`. */
function loader(button: HTMLButtonElement, view: () => FormView, work: () => Promise<void>): () => void {
  return () => {
    if (button.disabled) return;
    button.disabled = true;
    work()
      .catch((error: Error) => showAlert(view(), error.message))
      .finally(() => {
        button.disabled = false;
      });
  };
}

function start(): void {
  const setCurrent = (loaded: LoadedAction | null) => {
    actionForm.fill(loaded, data.activeDomain);
    progressForm.fill(loaded);
  };
  const onSaved = (saved: SavedAction) => {
    remember(saved);
    setCurrent(saved);
  };
  const reload = async (loaded: LoadedAction) => {
    const request = {
      domain: loaded.action.domain,
      id: loaded.action.id,
      row: loaded.action.id ? null : loaded.row,
    };
    setCurrent(await callServer('loadAction', request));
  };
  const actionForm = mountActionForm({ data: () => data, onSaved, reload });
  const progressForm = mountProgressForm({ data: () => data, onSaved, reload });
  mountMeasureForm({ data: () => data, onSaved: rememberMeasure });

  const open = (view: () => FormView) => (summary: ActionSummary) => {
    const request = { domain: summary.domain, id: summary.id, row: summary.id ? null : summary.row };
    callServer('loadAction', request)
      .then(setCurrent)
      .catch((error: Error) => showAlert(view(), error.message));
  };
  mountSearch(byId('a-finder'), {
    idPrefix: 'a',
    index: () => data.actionsIndex,
    axes: () => data.referentiel.axes,
    onPick: open(() => actionForm.view),
  });
  mountSearch(byId('p-finder'), {
    idPrefix: 'p',
    index: () => data.actionsIndex,
    axes: () => data.referentiel.axes,
    onPick: open(() => progressForm.view),
  });
  const loadSelected = async () => setCurrent(await callServer('loadSelectedAction'));
  for (const [id, view] of [
    ['a-load-selected', () => actionForm.view],
    ['p-load-selected', () => progressForm.view],
  ] as const) {
    const button = byId<HTMLButtonElement>(id);
    button.addEventListener('click', loader(button, view, loadSelected));
  }
  byId('a-new').addEventListener('click', () => {
    actionForm.fill(null, data.activeDomain);
    byId('a-domain').focus();
  });
  setCurrent(data.currentAction);
  setUpTabs();
}

function showLoadError(message: string): void {
  const box = byId('load-error');
  const retry = el('button', { type: 'button', class: 'secondary' }, 'Réessayer');
  retry.addEventListener('click', () => {
    box.hidden = true;
    void boot();
  });
  box.replaceChildren(el('p', {}, message), retry);
  box.hidden = false;
}

async function boot(): Promise<void> {
  const loading = byId('loading');
  loading.hidden = false;
  try {
    data = await callServer('getSidebarData');
  } catch (error) {
    loading.hidden = true;
    showLoadError((error as Error).message);
    byId('app').setAttribute('aria-busy', 'false');
    return;
  }
  loading.hidden = true;
  byId('tabs').hidden = false;
  start();
  byId('app').setAttribute('aria-busy', 'false');
}

void boot();
