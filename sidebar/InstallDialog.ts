/**
 * The first install's dialog: choose the contract's model (the CUCS of 2006, a contrat de ville 2015–2023,
 * Quartiers 2030), see what each brings, install. User-visible text only goes through textContent.
 */
import type { InstallApi, PresetChoice } from '../src/core/api';
import { frenchSpacing } from '../src/core/typography';
import { openDialog } from './shared/dialog';
import { byId, el } from './shared/dom';
import { serverCaller } from './shared/server';

declare const google: { script: { host: { close(): void } } };

const call = serverCaller<InstallApi>();

const SECTIONS = ['choices', 'progress', 'done'] as const;

function showOnly(section: (typeof SECTIONS)[number]): void {
  for (const id of SECTIONS) byId(id).hidden = id !== section;
}

function showError(message: string | null): void {
  const box = byId('error');
  box.textContent = frenchSpacing(message ?? '');
  box.hidden = message === null;
}

/** One radio button per model, with what it brings: its domains, then its axes. */
function presetOption(choice: PresetChoice, checked: boolean): HTMLElement {
  const id = `preset-${choice.id}`;
  const item = el('div', { class: 'preset' });
  const radio = el('input', { id, type: 'radio', name: 'preset', value: choice.id });
  radio.checked = checked;
  const details = el('div', { class: 'details' });
  details.append(
    el('label', { for: id }, choice.title),
    el('p', { class: 'small' }, choice.description),
    el('p', { class: 'small muted' }, frenchSpacing(`Feuilles d’actions : ${choice.domains.join(' ; ')}.`)),
  );
  if (choice.axes.length > 0) {
    details.append(
      el('p', { class: 'small muted' }, frenchSpacing(`${choice.axesTitle} : ${choice.axes.join(' ; ')}.`)),
    );
  }
  item.append(radio, details);
  return item;
}

function chosen(): string {
  return byId('preset-list').querySelector<HTMLInputElement>('input[name="preset"]:checked')?.value ?? '';
}

async function install(): Promise<void> {
  showError(null);
  showOnly('progress');
  try {
    const summary = await call('installWithPreset', { preset: chosen() });
    byId('summary').textContent = frenchSpacing(summary);
    showOnly('done');
    byId('close').focus();
  } catch (error) {
    showOnly('choices');
    showError((error as Error).message);
  }
}

async function start(): Promise<void> {
  byId<HTMLFormElement>('choices').addEventListener('submit', (event) => {
    event.preventDefault();
    void install();
  });
  byId('cancel').addEventListener('click', () => google.script.host.close());
  byId('close').addEventListener('click', () => google.script.host.close());
  await openDialog(
    async () => {
      const choices = await call('presetChoices');
      byId('preset-list').replaceChildren(...choices.map((c, i) => presetOption(c, i === 0)));
    },
    () => showOnly('choices'),
    showError,
  );
}

void start();
