/**
 * The « Générer le rapport… » dialog: pick a year and a scope, preview the report as HTML, or generate
 * the Google Doc after the validation (errors are listed and the user decides). User text only ever
 * goes through textContent; the preview is the server's escaped HTML in a sandboxed frame (no script).
 */
import type {
  GeneratedReport,
  ReportApi,
  ReportCheck,
  ReportChoices,
  ReportPreview,
  ReportRequest,
} from '../src/core/api';
import { frenchSpacing, plural } from '../src/core/typography';
import { openDialog } from './shared/dialog';
import { byId, el, option } from './shared/dom';
import { serverCaller } from './shared/server';

declare const google: {
  script: { host: { close(): void; setWidth(width: number): void; setHeight(height: number): void } };
};

const call = serverCaller<ReportApi>();

const SMALL = { width: 520, height: 520 };
const LARGE = { width: 1000, height: 720 };

const SECTIONS = ['choices', 'check', 'progress', 'done', 'preview-pane'] as const;
type Section = (typeof SECTIONS)[number];

function showOnly(section: Section): void {
  for (const id of SECTIONS) byId(id).hidden = id !== section;
  const size = section === 'preview-pane' ? LARGE : SMALL;
  google.script.host.setWidth(size.width);
  google.script.host.setHeight(size.height);
}

function showError(message: string | null): void {
  const box = byId('error');
  box.textContent = frenchSpacing(message ?? '');
  box.hidden = message === null;
}

function fillChoices(choices: ReportChoices): void {
  const year = byId<HTMLSelectElement>('year');
  year.replaceChildren(...choices.years.map((y) => option(String(y), String(y), y === choices.defaultYear)));
  const scope = byId<HTMLSelectElement>('scope');
  const group = (label: string, options: HTMLOptionElement[]) => {
    const g = el('optgroup', { label });
    g.append(...options);
    return g;
  };
  scope.replaceChildren(
    option('contract', `Ensemble du contrat — ${choices.contractName}`, true),
    group(
      'Un territoire',
      choices.territories.map((t) => option(`territory:${t.code}`, t.label)),
    ),
    group(
      'Un domaine d’intervention',
      choices.domains.map((d) => option(`domain:${d.code}`, d.label)),
    ),
  );
}

function currentRequest(): ReportRequest {
  const year = Number(byId<HTMLSelectElement>('year').value);
  const value = byId<HTMLSelectElement>('scope').value;
  const [kind, code = ''] = value.split(/:(.*)/s);
  if (kind === 'territory') return { year, scope: { kind: 'territory', code } };
  if (kind === 'domain') return { year, scope: { kind: 'domain', code: code as string } };
  return { year, scope: { kind: 'contract' } };
}

function setStep(id: 'step-check' | 'step-build', state: 'active' | 'done' | ''): void {
  byId(id).dataset.state = state;
}

/** Generation takes a while (charts are drawn one by one): the elapsed time shows it is alive. */
function startClock(): () => void {
  const note = byId('progress-note');
  const started = Date.now();
  const tick = () => {
    note.textContent = `Temps écoulé : ${Math.round((Date.now() - started) / 1000)} s`;
  };
  tick();
  const timer = window.setInterval(tick, 1000);
  return () => window.clearInterval(timer);
}

async function preview(): Promise<void> {
  showError(null);
  const button = byId<HTMLButtonElement>('preview');
  button.disabled = true;
  button.textContent = 'Préparation de l’aperçu…';
  try {
    const result: ReportPreview = await call('reportPreview', currentRequest());
    byId('preview-title').textContent = `Aperçu — ${result.name}`;
    byId<HTMLIFrameElement>('preview-frame').srcdoc = result.html;
    showOnly('preview-pane');
  } catch (error) {
    showError((error as Error).message);
  } finally {
    button.disabled = false;
    button.textContent = 'Aperçu';
  }
}

async function check(): Promise<void> {
  showError(null);
  showOnly('progress');
  setStep('step-check', 'active');
  setStep('step-build', '');
  const stop = startClock();
  try {
    const result: ReportCheck = await call('reportCheck');
    setStep('step-check', 'done');
    if (result.errors > 0) {
      showCheck(result);
      return;
    }
    await generate(result);
  } catch (error) {
    showOnly('choices');
    showError((error as Error).message);
  } finally {
    stop();
  }
}

function showCheck(result: ReportCheck): void {
  byId('check-summary').textContent =
    `${plural(result.errors, 'erreur')} et ${plural(result.warnings, 'avertissement')}.` +
    (result.errors > result.firstErrors.length
      ? ` Les ${result.firstErrors.length} premières erreurs :`
      : '');
  byId('check-list').replaceChildren(...result.firstErrors.map((text) => el('li', {}, text)));
  showOnly('check');
  byId<HTMLButtonElement>('check-continue').focus();
  byId<HTMLButtonElement>('check-continue').onclick = () => {
    showOnly('progress');
    const stop = startClock();
    generate(result)
      .catch((error: Error) => {
        showOnly('choices');
        showError(error.message);
      })
      .finally(stop);
  };
}

async function generate(checked: ReportCheck): Promise<void> {
  setStep('step-build', 'active');
  const created: GeneratedReport = await call('generateReport', currentRequest());
  setStep('step-build', 'done');
  byId('done-name').textContent = created.name;
  // Only a Google Docs address becomes a link: the server's answer is data, never markup.
  const url = /^https:\/\/docs\.google\.com\//.test(created.url) ? created.url : '';
  const link = el(
    'a',
    { href: url, class: 'button primary', target: '_blank', rel: 'noopener' },
    'Ouvrir le rapport',
  );
  byId('done-link-slot').replaceChildren(link);
  const warnings = byId('done-warnings');
  warnings.hidden = checked.errors + checked.warnings === 0;
  warnings.textContent = frenchSpacing(
    checked.errors > 0
      ? `Généré malgré ${plural(checked.errors, 'erreur')} et ${plural(checked.warnings, 'avertissement')} du contrôle : voir l’annexe « Qualité des données ».`
      : `Le contrôle a relevé ${plural(checked.warnings, 'avertissement')} : voir l’annexe « Qualité des données ».`,
  );
  const notice = byId('done-notice');
  notice.hidden = !created.notice;
  notice.textContent = frenchSpacing(created.notice ?? '');
  showOnly('done');
  link.focus();
}

function wire(): void {
  byId<HTMLFormElement>('choices').addEventListener('submit', (event) => {
    event.preventDefault();
    void check();
  });
  byId('preview').addEventListener('click', () => void preview());
  byId('preview-back').addEventListener('click', () => showOnly('choices'));
  byId('preview-generate').addEventListener('click', () => void check());
  byId('check-cancel').addEventListener('click', () => showOnly('choices'));
  byId('done-close').addEventListener('click', () => google.script.host.close());
}

async function start(): Promise<void> {
  wire();
  await openDialog(
    async () => fillChoices(await call('reportChoices')),
    () => showOnly('choices'),
    showError,
  );
}

void start();
