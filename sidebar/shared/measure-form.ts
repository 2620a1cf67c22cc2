/**
 * An indicator value: indicator (grouped by domain, unit shown), year, territory, value, source and
 * comment. The server upserts it by (indicator, year, territory); the form says beforehand when a value
 * already exists and will be replaced.
 */
import { formatNumberFr, parseFrenchNumber } from '../../src/core/cells';
import { checkMeasure, type SavedMeasure, type SidebarData } from '../../src/core/editing';
import type { Indicator } from '../../src/core/schemas';
import { byId, el, option, readNumberInput, readYearInput, setOptions } from './dom';
import { clearErrors, type FormView, onSubmit, prepareFields, showAlert, showErrors } from './fields';
import { callServer } from './server';
import { toast } from './toast';

export interface MeasureFormDeps {
  data: () => SidebarData;
  onSaved: (saved: SavedMeasure) => void;
}

const indicatorSelect = () => byId<HTMLSelectElement>('m-indicator');
const territorySelect = () => byId<HTMLSelectElement>('m-territory');
const yearInput = () => byId<HTMLInputElement>('m-year');
const valueInput = () => byId<HTMLInputElement>('m-value');

function indicatorOptions(data: SidebarData): HTMLElement[] {
  const sections = [
    ...data.referentiel.domains.map((d) => ({ code: d.code, label: `${d.code} — ${d.name}` })),
    // Context indicators of no domain (observation data).
    { code: '', label: 'Transversal (contexte)' },
  ];
  const groups = sections.map((d) => {
    const group = el('optgroup', { label: d.label });
    group.append(
      ...data.indicators
        .filter((i) => i.domain === d.code)
        .map((i) => option(i.code, `${i.code} — ${i.label} (${i.unit})`)),
    );
    return group;
  });
  return [option('', '— choisir un indicateur —'), ...groups.filter((g) => g.childElementCount > 0)];
}

function describeIndicator(i: Indicator | undefined): string {
  if (!i) return '';
  const target =
    i.targetYear && i.target !== null ? ` ; cible ${formatNumberFr(i.target)} en ${i.targetYear}` : '';
  const baseline =
    i.baseline === null ? '' : ` ; référence ${formatNumberFr(i.baseline)} en ${i.baselineYear}`;
  return `${i.label}. Unité : ${i.unit} ; sens souhaité : ${i.direction}${baseline}${target}.`;
}

export function mountMeasureForm(deps: MeasureFormDeps): { view: FormView } {
  const view: FormView = { form: byId<HTMLFormElement>('m-form'), alert: byId('m-alert') };
  const save = byId<HTMLButtonElement>('m-save');
  const data = deps.data();

  indicatorSelect().replaceChildren(...indicatorOptions(data));
  setOptions(
    territorySelect(),
    [
      option('', '— choisir un territoire —'),
      ...data.territories.map((t) => option(t.code, `${t.name} (${t.code})`)),
    ],
    '',
  );
  yearInput().value = String(data.settings.reportingYear);

  const indicator = () => deps.data().indicators.find((i) => i.code === indicatorSelect().value);
  const refresh = () => {
    const chosen = indicator();
    byId('m-indicator-info').textContent = describeIndicator(chosen);
    const label = byId('m-value-label');
    label.firstChild!.textContent = chosen ? `Valeur (${chosen.unit}) ` : 'Valeur ';
    const existing = deps
      .data()
      .measures.find(
        (m) =>
          m.indicator === indicatorSelect().value &&
          m.year === readYearInput(yearInput()) &&
          m.territory === territorySelect().value,
      );
    const note = byId('m-existing');
    note.textContent = existing
      ? `Une valeur est déjà saisie pour cet indicateur, cette année et ce territoire : ${formatNumberFr(existing.value)}. Elle sera remplacée.`
      : '';
    note.hidden = !existing;
  };
  for (const control of [indicatorSelect(), territorySelect(), yearInput()]) {
    control.addEventListener('change', refresh);
  }
  yearInput().addEventListener('input', refresh);

  const submit = async () => {
    const candidate = {
      indicator: indicatorSelect().value,
      year: readYearInput(yearInput()),
      territory: territorySelect().value,
      value: readNumberInput(valueInput(), parseFrenchNumber) ?? Number.NaN,
      source: byId<HTMLInputElement>('m-source').value,
      comment: byId<HTMLTextAreaElement>('m-comment').value,
    };
    const checked = checkMeasure(candidate, deps.data());
    if (!checked.ok) {
      showErrors(view, checked.errors);
      return;
    }
    clearErrors(view);
    try {
      const saved = await callServer('saveMeasure', checked.value);
      deps.onSaved(saved);
      toast(saved.message);
      valueInput().value = '';
      byId<HTMLTextAreaElement>('m-comment').value = '';
      refresh();
    } catch (error) {
      showAlert(view, (error as Error).message);
    }
  };
  onSubmit(view, save, submit);
  prepareFields(view);
  refresh();
  return { view };
}
