/**
 * Progress of an existing action: its status and the year's avancées / freins, without retyping the
 * rest. The year's lines are prefilled from the cells; the other years are kept by the server.
 */
import {
  formErrors,
  type LoadedAction,
  ProgressRequestSchema,
  progressErrors,
  type SavedAction,
  type SidebarData,
} from '../../src/core/editing';
import { progressForYear } from '../../src/core/progress';
import { byId, option, readYearInput, setOptions } from './dom';
import { clearErrors, type FormView, onSubmit, prepareFields, showAlert, showErrors } from './fields';
import { callServer } from './server';
import { toast } from './toast';

export interface ProgressFormDeps {
  data: () => SidebarData;
  onSaved: (saved: SavedAction) => void;
  reload: (loaded: LoadedAction) => Promise<void>;
}

export interface ProgressForm {
  fill(loaded: LoadedAction | null): void;
  view: FormView;
}

const yearInput = () => byId<HTMLInputElement>('p-year');
const status = () => byId<HTMLSelectElement>('p-status');
const avancees = () => byId<HTMLTextAreaElement>('p-avancees');
const freins = () => byId<HTMLTextAreaElement>('p-freins');

export function mountProgressForm(deps: ProgressFormDeps): ProgressForm {
  const view: FormView = { form: byId<HTMLFormElement>('p-form'), alert: byId('p-alert') };
  const save = byId<HTMLButtonElement>('p-save');
  let loaded: LoadedAction | null = null;

  setOptions(
    status(),
    deps.data().statuses.map((s) => option(s, s)),
    'en cours',
  );
  yearInput().value = String(deps.data().settings.reportingYear);

  const refreshYear = () => {
    const year = readYearInput(yearInput());
    const shown = Number.isInteger(year) ? String(year) : 'de l’année';
    byId('p-avancees-label').textContent = `Avancées ${Number.isInteger(year) ? 'en ' : ''}${shown}`;
    byId('p-freins-label').textContent = `Freins ${Number.isInteger(year) ? 'en ' : ''}${shown}`;
    if (!loaded || !Number.isInteger(year)) return;
    avancees().value = progressForYear(loaded.action.avancees, year);
    freins().value = progressForYear(loaded.action.freins, year);
  };
  yearInput().addEventListener('change', refreshYear);

  const fill = (next: LoadedAction | null) => {
    loaded = next;
    clearErrors(view);
    view.form.hidden = next === null;
    const heading = byId('p-heading');
    const where = byId('p-where');
    if (!next) {
      heading.textContent = 'Aucune action choisie';
      where.textContent = 'Cherchez une action ou placez le curseur sur sa ligne.';
      return;
    }
    const a = next.action;
    heading.textContent = `${a.id || 'Action sans ID'} — ${a.title || '(sans intitulé)'}`;
    where.textContent = `Ligne ${next.row} de « ${next.sheet} » · statut actuel : ${a.status || 'non renseigné'}.`;
    status().value = a.status;
    refreshYear();
  };

  const submit = async () => {
    if (!loaded) return;
    const candidate = {
      domain: loaded.action.domain,
      id: loaded.action.id,
      origin: { version: loaded.version, row: loaded.row },
      status: status().value,
      year: readYearInput(yearInput()),
      avancees: avancees().value,
      freins: freins().value,
    };
    const parsed = ProgressRequestSchema.safeParse(candidate);
    const errors = parsed.success ? progressErrors(parsed.data, loaded.action) : formErrors(parsed.error);
    if (!parsed.success || Object.keys(errors).length > 0) {
      showErrors(view, errors);
      return;
    }
    clearErrors(view);
    const current = loaded;
    try {
      const saved = await callServer('updateProgress', parsed.data);
      deps.onSaved(saved);
      toast(saved.message);
    } catch (error) {
      const message = (error as Error).message;
      const reload = /Rechargez/.test(message)
        ? { label: 'Recharger l’action', run: () => void deps.reload(current) }
        : undefined;
      showAlert(view, message, reload);
    }
  };
  onSubmit(view, save, submit);
  prepareFields(view);
  return { fill, view };
}
