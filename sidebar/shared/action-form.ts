/**
 * The action form (create and edit): domain → objective → action line cascade from the référentiel,
 * territories and funders from their sheets, a live funding total. The form is checked with the same
 * schema and reference lists as the server before it is sent.
 */
import { formatEuros, normaliseKey, parseFrenchNumber } from '../../src/core/cells';
import {
  checkAction,
  fundingTotal,
  fundingWarning,
  type LoadedAction,
  type SavedAction,
  type SidebarData,
} from '../../src/core/editing';
import { findDomain, findObjective } from '../../src/core/referentiel';
import { frenchSpacing } from '../../src/core/typography';
import { byId, el, numberText, option, readNumberInput, setOptions } from './dom';
import { clearErrors, type FormView, onSubmit, prepareFields, showAlert, showErrors } from './fields';
import { callServer } from './server';
import { toast } from './toast';

export interface ActionFormDeps {
  data: () => SidebarData;
  onSaved: (saved: SavedAction) => void;
  reload: (loaded: LoadedAction) => Promise<void>;
}

export interface ActionForm {
  /** Shows a loaded action, or an empty form for a new action (in `domain` when given). */
  fill(loaded: LoadedAction | null, domain?: string | null): void;
  view: FormView;
}

const input = (id: string) => byId<HTMLInputElement>(`a-${id}`);
const select = (id: string) => byId<HTMLSelectElement>(`a-${id}`);
const area = (id: string) => byId<HTMLTextAreaElement>(`a-${id}`);

const TEXT_FIELDS = ['title', 'porteur', 'partners', 'publicCible'] as const;
const AREA_FIELDS = ['participationHow', 'avancees', 'freins'] as const;
const AMOUNT_FIELDS = ['budget', 'credits', 'spent'] as const;

export function mountActionForm(deps: ActionFormDeps): ActionForm {
  const view: FormView = { form: byId<HTMLFormElement>('a-form'), alert: byId('a-alert') };
  const save = byId<HTMLButtonElement>('a-save');
  let loaded: LoadedAction | null = null;
  /** Funders shown: the active ones, plus any inactive one the loaded action has an amount from. */
  let funderCodes: string[] = [];

  const data = deps.data();
  setOptions(
    select('domain'),
    data.referentiel.domains.map((d) => option(d.code, `${d.code} — ${d.name}`)),
    '',
  );
  setOptions(
    select('status'),
    [option('', '— choisir —'), ...data.statuses.map((s) => option(s, s))],
    'programmée',
  );

  const refreshObjectives = (keep: string) => {
    const domain = findDomain(deps.data().referentiel, select('domain').value);
    const objectives = domain?.objectives ?? [];
    setOptions(
      select('objective'),
      [
        option('', '— choisir un objectif —'),
        ...objectives.map((o) => option(o.code, `${o.code} — ${o.label}`)),
      ],
      keep,
    );
  };
  const refreshLines = (keep: string) => {
    const objective = findObjective(deps.data().referentiel, select('objective').value);
    byId('a-objective-label').textContent = objective?.label ?? '';
    setOptions(
      select('actionLine'),
      [
        option('', objective ? '— aucune —' : '— choisissez d’abord l’objectif —'),
        ...(objective?.lines ?? []).map((l) => option(l.code, `${l.code} — ${l.label}`)),
      ],
      keep,
    );
    refreshLineLabel();
  };
  const refreshLineLabel = () => {
    const objective = findObjective(deps.data().referentiel, select('objective').value);
    byId('a-actionLine-label').textContent =
      objective?.lines.find((l) => l.code === select('actionLine').value)?.label ?? '';
  };
  select('domain').addEventListener('change', () => {
    refreshObjectives('');
    refreshLines('');
  });
  select('objective').addEventListener('change', () => refreshLines(''));
  select('actionLine').addEventListener('change', refreshLineLabel);
  input('territory-filter').addEventListener('input', filterTerritories);

  const renderFunders = (action: LoadedAction['action'] | null) => {
    const funders = deps.data().funders;
    funderCodes = funders.filter((f) => f.active || (action?.funding[f.code] ?? 0) !== 0).map((f) => f.code);
    byId('a-funders').replaceChildren(
      ...funderCodes.map((code) => {
        const funder = funders.find((f) => f.code === code)!;
        const id = `a-funding-${code}`;
        const field = el('div', { class: 'field' });
        field.append(
          el('label', { for: id }, `${funder.name} (${code})${funder.active ? '' : ' — inactif'}`),
          el('input', {
            id,
            type: 'text',
            inputmode: 'decimal',
            autocomplete: 'off',
            'data-field': `funding.${code}`,
            'data-funder': code,
          }),
        );
        return field;
      }),
    );
    prepareFields(view);
  };

  const readAmounts = () => {
    const funding: Record<string, number> = {};
    for (const code of funderCodes) {
      const amount = readNumberInput(input(`funding-${code}`), parseFrenchNumber);
      if (amount !== null) funding[code] = amount;
    }
    return funding;
  };

  const readForm = () => ({
    id: loaded?.action.id ?? '',
    domain: select('domain').value,
    objective: select('objective').value,
    actionLine: select('actionLine').value,
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, input(f).value])),
    ...Object.fromEntries(AREA_FIELDS.map((f) => [f, area(f).value])),
    territories: checkedTerritories(),
    axes: checkedAxes(),
    chantier: input('chantier').checked,
    participation: input('participation').checked,
    status: select('status').value,
    startDate: input('startDate').value || null,
    endDate: input('endDate').value || null,
    ...Object.fromEntries(AMOUNT_FIELDS.map((f) => [f, readNumberInput(input(f), parseFrenchNumber)])),
    funding: readAmounts(),
    beneficiaries: readNumberInput(input('beneficiaries'), parseFrenchNumber),
    updatedAt: loaded?.action.updatedAt ?? '',
    updatedBy: loaded?.action.updatedBy ?? '',
  });

  const refreshTotal = () => {
    const finite = (n: number | null) => (n === null || Number.isNaN(n) ? null : n);
    const amounts = Object.fromEntries(Object.entries(readAmounts()).filter(([, n]) => !Number.isNaN(n)));
    const plan = {
      budget: finite(readNumberInput(input('budget'), parseFrenchNumber)),
      credits: finite(readNumberInput(input('credits'), parseFrenchNumber)),
      funding: amounts,
    };
    byId('a-funding-total').textContent = frenchSpacing(
      `Total des financements : ${formatEuros(fundingTotal(plan))} (crédits spécifiques + cofinancements).`,
    );
    const warning = fundingWarning(plan, deps.data().settings.fundingTolerance);
    const box = byId('a-funding-warning');
    box.textContent = frenchSpacing(warning ?? '');
    box.hidden = warning === null;
  };
  view.form.addEventListener('input', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('.group')) refreshTotal();
  });

  const fill = (next: LoadedAction | null, domain?: string | null) => {
    loaded = next;
    const a = next?.action;
    clearErrors(view);
    select('domain').value = a?.domain ?? domain ?? deps.data().referentiel.domains[0]?.code ?? '';
    select('domain').disabled = next !== null;
    refreshObjectives(a?.objective ?? '');
    refreshLines(a?.actionLine ?? '');
    for (const f of TEXT_FIELDS) input(f).value = a?.[f] ?? '';
    for (const f of AREA_FIELDS) area(f).value = a?.[f] ?? '';
    renderTerritories(deps.data(), a?.territories ?? []);
    renderAxes(deps.data(), a?.axes ?? []);
    input('chantier').checked = a?.chantier ?? false;
    input('participation').checked = a?.participation ?? false;
    select('status').value = a ? a.status : 'programmée';
    input('startDate').value = a?.startDate ?? '';
    input('endDate').value = a?.endDate ?? '';
    for (const f of AMOUNT_FIELDS) input(f).value = numberText(a?.[f]);
    input('beneficiaries').value = numberText(a?.beneficiaries);
    renderFunders(a ?? null);
    for (const code of funderCodes) input(`funding-${code}`).value = numberText(a?.funding[code]);
    refreshTotal();
    describeMode(next);
    save.textContent = next ? 'Enregistrer les modifications' : 'Créer l’action';
  };

  const submit = async () => {
    const checked = checkAction(readForm(), deps.data());
    if (!checked.ok) {
      showErrors(view, checked.errors);
      return;
    }
    clearErrors(view);
    const origin = loaded && { version: loaded.version, row: loaded.row };
    try {
      const saved = await callServer('saveAction', { action: checked.value, origin });
      deps.onSaved(saved);
      toast(saved.message);
    } catch (error) {
      const message = (error as Error).message;
      const current = loaded;
      const reload =
        current && /Rechargez/.test(message)
          ? {
              label: 'Recharger l’action (vos modifications seront perdues)',
              run: () => void deps.reload(current),
            }
          : undefined;
      showAlert(view, message, reload);
    }
  };
  onSubmit(view, save, submit);
  prepareFields(view);
  return { fill, view };
}

function describeMode(loaded: LoadedAction | null): void {
  const heading = byId('a-heading');
  const where = byId('a-where');
  if (!loaded) {
    heading.textContent = 'Nouvelle action';
    where.textContent =
      'Son ID est attribué à l’enregistrement ; elle est ajoutée en bas de la feuille du domaine.';
    return;
  }
  heading.textContent = loaded.action.id ? `Modifier ${loaded.action.id}` : 'Modifier une action sans ID';
  where.textContent = `Ligne ${loaded.row} de « ${loaded.sheet} »${loaded.action.id ? '' : ' : un ID lui sera attribué à l’enregistrement'}.`;
}

/**
 * One checkbox per territory of the Territoires sheet, checked for the action's codes; a code the sheet
 * does not know is shown too (checked, marked unknown) so that the check flags it instead of dropping it.
 */
function renderTerritories(data: SidebarData, checked: string[]): void {
  const known = new Set(data.territories.map((t) => t.code));
  const entries = [
    ...data.territories.map((t) => ({ code: t.code, text: `${t.name} (${t.code})`, level: t.level })),
    ...checked
      .filter((code) => !known.has(code))
      .map((code) => ({ code, text: `${code} (inconnu de la feuille Territoires)`, level: 'inconnu' })),
  ];
  byId('a-territory-list').replaceChildren(
    ...entries.map((t, i) => {
      const id = `a-territory-${i}`;
      const item = el('div', { class: `check level-${t.level.replace(/\s+/g, '-')}` });
      const box = el('input', { id, type: 'checkbox', value: t.code });
      box.checked = checked.includes(t.code);
      item.append(box, el('label', { for: id, title: `${t.text} — ${t.level}` }, t.text));
      return item;
    }),
  );
  byId<HTMLInputElement>('a-territory-filter').value = '';
}

/** One checkbox per axis of the référentiel (the fieldset is hidden when it has none). */
function renderAxes(data: SidebarData, checked: string[]): void {
  const axes = [
    ...data.referentiel.axes,
    ...checked
      .filter((code) => !data.referentiel.axes.some((a) => a.code === code))
      .map((code) => ({ code, label: 'inconnu du Référentiel' })),
  ];
  byId('a-axes').hidden = axes.length === 0;
  byId('a-axis-list').replaceChildren(
    ...axes.map((a, i) => {
      const id = `a-axis-${i}`;
      const item = el('div', { class: 'check' });
      const box = el('input', { id, type: 'checkbox', value: a.code });
      box.checked = checked.includes(a.code);
      item.append(box, el('label', { for: id }, `${a.label} (${a.code})`));
      return item;
    }),
  );
}

function checkedAxes(): string[] {
  return [...byId('a-axis-list').querySelectorAll<HTMLInputElement>('input[type="checkbox"]')]
    .filter((box) => box.checked)
    .map((box) => box.value);
}

function territoryBoxes(): HTMLInputElement[] {
  return [...byId('a-territory-list').querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
}

function checkedTerritories(): string[] {
  return territoryBoxes()
    .filter((box) => box.checked)
    .map((box) => box.value);
}

/** Keeps the checked territories in view whatever the filter, so a choice never disappears. */
function filterTerritories(): void {
  const wanted = normaliseKey(byId<HTMLInputElement>('a-territory-filter').value);
  for (const box of territoryBoxes()) {
    const text = normaliseKey(box.nextElementSibling?.textContent ?? '');
    box.parentElement!.hidden = wanted !== '' && !box.checked && !text.includes(wanted);
  }
}
