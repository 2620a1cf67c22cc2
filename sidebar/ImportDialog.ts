/**
 * The « Importer des données d’observation… » dialog: the user picks a .csv or an .xlsx on their
 * computer, the page sends its bytes (base64) to the server, which reads the file and previews what the
 * import creates, replaces and ignores; the user may tie the file's unknown variables to indicators,
 * then imports. Nothing is written before « Importer ». User text only ever goes through textContent.
 */
import type { ImportApi, ImportPreview, ImportRequest } from '../src/core/api';
import { MAX_IMPORT_BYTES } from '../src/core/observation/vocabulary';
import { frenchSpacing } from '../src/core/typography';
import { sectionSwitcher, showError } from './shared/dialog';
import { byId, el, option } from './shared/dom';
import { serverCaller } from './shared/server';

declare const google: { script: { host: { close(): void } } };

const call = serverCaller<ImportApi>();
const showOnly = sectionSwitcher(['pick', 'preview', 'done'] as const);

let request: ImportRequest | null = null;

function busy(button: HTMLButtonElement, text: string | null, idle: string): void {
  button.disabled = text !== null;
  button.textContent = text ?? idle;
}

/** The file's bytes as base64, in chunks (a spread of a whole file would overflow the call stack). */
async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function yearTyped(): number | null | 'invalid' {
  const text = byId<HTMLInputElement>('year').value.trim();
  if (text === '') return null;
  return /^\d{4}$/.test(text) ? Number(text) : 'invalid';
}

async function read(): Promise<void> {
  showError(null);
  const file = byId<HTMLInputElement>('file').files?.[0];
  if (!file) return showError('Choisissez un fichier .csv ou .xlsx.');
  if (file.size > MAX_IMPORT_BYTES)
    return showError(
      'Fichier trop volumineux (5 Mo au plus) : découpez-le, ou gardez seulement les feuilles et colonnes à importer.',
    );
  const year = yearTyped();
  if (year === 'invalid')
    return showError('Année des valeurs : une année sur quatre chiffres, par exemple 2019.');
  const button = byId<HTMLButtonElement>('read');
  busy(button, 'Lecture…', 'Lire le fichier');
  try {
    request = { fileName: file.name, content: await readBase64(file), year, mapping: {} };
    showPreview(await call('importPreview', request));
  } catch (error) {
    showError((error as Error).message);
  } finally {
    busy(button, null, 'Lire le fichier');
  }
}

function showPreview(preview: ImportPreview): void {
  byId('summary').textContent = frenchSpacing(preview.summary);
  byId('lines').replaceChildren(
    ...preview.lines.slice(1).map((line) => el('li', {}, frenchSpacing(line.trim()))),
  );
  const fields = preview.unknownVariables.map((u, i) => {
    const select = el('select', { id: `map-${i}`, 'data-variable': u.code });
    const near = new Set(u.closest.map((c) => c.split(' ')[0]));
    const ordered = [...preview.indicators].sort(
      (a, b) => Number(near.has(b.code)) - Number(near.has(a.code)),
    );
    select.replaceChildren(
      option('', '— ne pas importer —'),
      ...ordered.map((ind) =>
        option(ind.code, `${ind.code} — ${ind.label}`, request?.mapping[u.code] === ind.code),
      ),
    );
    const label = el('label', { for: `map-${i}` }, `${u.code}${u.label ? ` (${u.label})` : ''}`);
    return el('div', { class: 'field' }, undefined).appendChild(label).parentElement!.appendChild(select)
      .parentElement!;
  });
  byId('mapping-fields').replaceChildren(...fields);
  byId('mapping').hidden = fields.length === 0;
  const importButton = byId<HTMLButtonElement>('confirm');
  importButton.disabled = !preview.changes;
  showOnly('preview');
}

function chosenMapping(): Record<string, string> {
  const mapping: Record<string, string> = { ...(request?.mapping ?? {}) };
  for (const select of byId('mapping-fields').querySelectorAll('select')) {
    const variable = select.dataset.variable ?? '';
    if (select.value) mapping[variable] = select.value;
    else delete mapping[variable];
  }
  return mapping;
}

async function refresh(): Promise<void> {
  if (!request) return;
  showError(null);
  const button = byId<HTMLButtonElement>('refresh');
  busy(button, 'Calcul…', 'Mettre à jour l’aperçu');
  try {
    request = { ...request, mapping: chosenMapping() };
    showPreview(await call('importPreview', request));
  } catch (error) {
    showError((error as Error).message);
  } finally {
    busy(button, null, 'Mettre à jour l’aperçu');
  }
}

async function importFile(): Promise<void> {
  if (!request) return;
  showError(null);
  const button = byId<HTMLButtonElement>('confirm');
  busy(button, 'Import…', 'Importer');
  try {
    request = { ...request, mapping: chosenMapping() };
    const result = await call('importObservations', request);
    byId('done-message').textContent = frenchSpacing(result.message);
    showOnly('done');
    byId<HTMLButtonElement>('close').focus();
  } catch (error) {
    showError((error as Error).message);
  } finally {
    busy(button, null, 'Importer');
  }
}

byId<HTMLFormElement>('pick').addEventListener('submit', (event) => {
  event.preventDefault();
  void read();
});
byId('cancel').addEventListener('click', () => google.script.host.close());
byId('back').addEventListener('click', () => showOnly('pick'));
byId('refresh').addEventListener('click', () => void refresh());
byId('confirm').addEventListener('click', () => void importFile());
byId('close').addEventListener('click', () => google.script.host.close());
byId('app').setAttribute('aria-busy', 'false');
