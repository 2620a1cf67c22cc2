/**
 * Field errors of a form: each control marked `data-field="key"` gets its own error line right under
 * it (linked by aria-describedby), and the form's alert region announces a summary (role="alert").
 */

import { frenchSpacing } from '../../src/core/typography';
import { el } from './dom';

export interface FormView {
  form: HTMLFormElement;
  alert: HTMLElement;
}

type Control = HTMLElement & { disabled?: boolean };

function controlOf(view: FormView, field: string): Control | null {
  return view.form.querySelector<Control>(`[data-field="${CSS.escape(field)}"]`);
}

function errorOf(control: Control): HTMLElement {
  const id = `${control.id}-error`;
  let error = document.getElementById(id);
  if (!error) {
    error = el('p', { id, class: 'field-error', hidden: '' });
    (control.closest('.field') ?? control.parentElement!).append(error);
    const described = control.getAttribute('aria-describedby');
    control.setAttribute('aria-describedby', described ? `${described} ${id}` : id);
  }
  return error;
}

/** Prepares the error line of every control (also the ones added later, such as funders). */
export function prepareFields(view: FormView): void {
  for (const control of view.form.querySelectorAll<Control>('[data-field]')) errorOf(control);
}

function labelOf(control: Control): string {
  if (control instanceof HTMLFieldSetElement) return control.querySelector('legend')?.textContent ?? '';
  const label = control.id ? document.querySelector(`label[for="${CSS.escape(control.id)}"]`) : null;
  return (label?.textContent ?? control.getAttribute('aria-label') ?? '').replace(/\s*\*$/, '').trim();
}

export function clearErrors(view: FormView): void {
  for (const control of view.form.querySelectorAll<Control>('[aria-invalid="true"]')) {
    control.removeAttribute('aria-invalid');
  }
  for (const error of view.form.querySelectorAll<HTMLElement>('.field-error')) {
    error.textContent = '';
    error.hidden = true;
  }
  hideAlert(view);
}

/** Shows each message under its field, announces the summary and puts the focus on the first field. */
export function showErrors(view: FormView, errors: Record<string, string>): void {
  clearErrors(view);
  const placed: Control[] = [];
  const elsewhere: string[] = [];
  for (const [field, message] of Object.entries(errors)) {
    const control = controlOf(view, field);
    if (!control) {
      elsewhere.push(message);
      continue;
    }
    const error = errorOf(control);
    error.textContent = frenchSpacing(message);
    error.hidden = false;
    control.setAttribute('aria-invalid', 'true');
    placed.push(control);
  }
  placed.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const names = placed.map(labelOf).filter((n) => n !== '');
  const summary =
    placed.length === 0
      ? ''
      : placed.length === 1
        ? `Un champ à corriger : ${names[0] ?? ''}.`
        : `${placed.length} champs à corriger : ${names.join(', ')}.`;
  showAlert(view, [summary, ...elsewhere].filter((t) => t !== '').join('\n'));
  const first = placed[0];
  const focusable = first instanceof HTMLFieldSetElement ? first.querySelector<HTMLElement>('input') : first;
  focusable?.focus();
}

export function showAlert(
  view: FormView,
  message: string,
  action?: { label: string; run: () => void },
): void {
  const text = el('p', {}, frenchSpacing(message));
  const parts: HTMLElement[] = [text];
  if (action) {
    const button = el('button', { type: 'button', class: 'secondary' }, action.label);
    button.addEventListener('click', action.run);
    parts.push(button);
  }
  view.alert.replaceChildren(...parts);
  view.alert.hidden = false;
  view.alert.scrollIntoView({ block: 'nearest' });
}

/**
 * A refused save: its message, with a button to reload the record when the server says it changed
 * since it was loaded (« Rechargez… ») and there is a record to reload.
 */
export function showSaveFailure(
  view: FormView,
  error: unknown,
  reload: { label: string; run: () => void } | null,
): void {
  const message = (error as Error).message;
  showAlert(view, message, reload && /Rechargez/.test(message) ? reload : undefined);
}

export function hideAlert(view: FormView): void {
  view.alert.replaceChildren();
  view.alert.hidden = true;
}

/**
 * Sends the form through `work` on submit, once at a time: the submit button is disabled and says so
 * until the server answers, so a double click or a second Enter never sends the form twice.
 */
export function onSubmit(view: FormView, button: HTMLButtonElement, work: () => Promise<void>): void {
  let busy = false;
  view.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const idleText = button.textContent ?? '';
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = 'Enregistrement…';
    work().finally(() => {
      busy = false;
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = idleText;
    });
  });
}
