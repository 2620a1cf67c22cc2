/**
 * A comité's decision: instance (the two comités and the domains' steering bodies), date, type, text,
 * the codes it concerns, responsable, échéance, suite and comment. The list at the top picks a decision
 * to follow up (its suite, its comment); the server saves it under the lock, refusing a row changed since.
 */
import {
  checkDecision,
  type DecisionLists,
  type LoadedDecision,
  type SavedDecision,
} from '../../src/core/decisions';
import type { SidebarData } from '../../src/core/editing';
import { splitCodes } from '../../src/core/table';
import { frenchSpacing } from '../../src/core/typography';
import { DECISION_KINDS, DECISION_SUITES, decisionInstances } from '../../src/core/workbook';
import { byId, option, setOptions } from './dom';
import { clearErrors, type FormView, onSubmit, prepareFields, showErrors, showSaveFailure } from './fields';
import { callServer } from './server';
import { toast } from './toast';

export interface DecisionFormDeps {
  data: () => SidebarData;
  onSaved: (saved: SavedDecision) => void;
}

const NEW = '';
const input = (key: string) => byId<HTMLInputElement>(`d-${key}`);
const select = (key: string) => byId<HTMLSelectElement>(`d-${key}`);

function listsOf(data: SidebarData): DecisionLists {
  return {
    referentiel: data.referentiel,
    actionIds: data.actionsIndex.map((a) => a.id).filter((id) => id !== ''),
  };
}

function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return y && m && d ? `${d}/${m}/${y}` : iso;
}

function pickLabel(d: LoadedDecision): string {
  const text = d.decision.decision.length > 50 ? `${d.decision.decision.slice(0, 50)}…` : d.decision.decision;
  return `${d.decision.id || `ligne ${d.row}`} · ${frenchDate(d.decision.date)} · ${d.decision.suite} · ${text}`;
}

/** Where the decision is kept: its row, or its ID given at the first save. */
function pickKey(d: LoadedDecision): string {
  return `${d.row}`;
}

export function mountDecisionForm(deps: DecisionFormDeps): { view: FormView } {
  const view: FormView = { form: byId<HTMLFormElement>('d-form'), alert: byId('d-alert') };
  const save = byId<HTMLButtonElement>('d-save');
  const data = deps.data();
  let loaded: LoadedDecision | null = null;

  setOptions(
    select('instance'),
    [option('', '— choisir une instance —'), ...decisionInstances(data.referentiel).map((i) => option(i, i))],
    '',
  );
  setOptions(
    select('kind'),
    DECISION_KINDS.map((k) => option(k, k)),
    DECISION_KINDS[0],
  );
  setOptions(
    select('suite'),
    DECISION_SUITES.map((s) => option(s, s)),
    DECISION_SUITES[0],
  );
  byId('d-concerns-hint').textContent = frenchSpacing(
    `Codes séparés par « ; » : un domaine (${data.referentiel.domains.map((d) => d.code).join(', ')}), un objectif ou l’ID d’une action (ex. RU-003).`,
  );

  const refreshPicker = () => {
    const decisions = deps.data().decisions;
    setOptions(
      select('pick'),
      [option(NEW, '— nouvelle décision —'), ...decisions.map((d) => option(pickKey(d), pickLabel(d)))],
      loaded ? pickKey(loaded) : NEW,
    );
  };

  const fill = (next: LoadedDecision | null) => {
    loaded = next;
    const d = next?.decision;
    select('instance').value = d?.instance ?? '';
    input('date').value = d?.date ?? '';
    select('kind').value = d?.kind ?? DECISION_KINDS[0];
    byId<HTMLTextAreaElement>('d-decision').value = d?.decision ?? '';
    input('concerns').value = d?.concerns.join(' ; ') ?? '';
    input('responsable').value = d?.responsable ?? '';
    input('deadline').value = d?.deadline ?? '';
    select('suite').value = d?.suite ?? DECISION_SUITES[0];
    byId<HTMLTextAreaElement>('d-comment').value = d?.comment ?? '';
    byId('d-heading').textContent = next
      ? `Modifier ${next.decision.id || 'une décision sans ID'}`
      : 'Nouvelle décision';
    byId('d-where').textContent = frenchSpacing(
      next
        ? `Ligne ${next.row} de « ${next.sheet} ».`
        : 'Son ID est attribué à l’enregistrement ; elle est ajoutée en bas de la feuille « Décisions ».',
    );
    save.textContent = next ? 'Enregistrer les modifications' : 'Créer la décision';
    clearErrors(view);
    refreshPicker();
  };

  select('pick').addEventListener('change', () => {
    const key = select('pick').value;
    fill(deps.data().decisions.find((d) => pickKey(d) === key) ?? null);
  });

  const readForm = () => ({
    id: loaded?.decision.id ?? '',
    instance: select('instance').value,
    date: input('date').value,
    kind: select('kind').value,
    decision: byId<HTMLTextAreaElement>('d-decision').value,
    concerns: splitCodes(input('concerns').value),
    responsable: input('responsable').value,
    deadline: input('deadline').value || null,
    suite: select('suite').value,
    comment: byId<HTMLTextAreaElement>('d-comment').value,
    updatedAt: '',
    updatedBy: '',
  });

  const reload = async (row: number) => {
    const decisions = await callServer('loadDecisions');
    deps.data().decisions = decisions;
    fill(decisions.find((d) => d.row === row) ?? null);
  };

  const submit = async () => {
    const checked = checkDecision(readForm(), listsOf(deps.data()));
    if (!checked.ok) {
      showErrors(view, checked.errors);
      return;
    }
    clearErrors(view);
    const origin = loaded && { version: loaded.version, row: loaded.row };
    try {
      const saved = await callServer('saveDecision', { decision: checked.value, origin });
      deps.onSaved(saved);
      fill(saved);
      toast(saved.message);
    } catch (error) {
      const current = loaded;
      showSaveFailure(
        view,
        error,
        current && {
          label: 'Recharger la décision (vos modifications seront perdues)',
          run: () => void reload(current.row),
        },
      );
    }
  };
  onSubmit(view, save, submit);
  prepareFields(view);
  fill(null);
  return { view };
}
