/** Small DOM helpers. User text only ever goes through textContent, never through HTML. */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`Élément #${id} absent de la page`);
  return element as T;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Record<string, string>> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props))
    if (value !== undefined) element.setAttribute(name, value);
  if (text !== undefined) element.textContent = text;
  return element;
}

export function option(value: string, text: string, selected = false): HTMLOptionElement {
  const element = new Option(text, value, selected, selected);
  element.title = text;
  return element;
}

export function setOptions(select: HTMLSelectElement, options: HTMLOptionElement[], keep: string): void {
  select.replaceChildren(...options);
  select.value = options.some((o) => o.value === keep) ? keep : (options[0]?.value ?? '');
}

/** Number typed the French way in a text input: null when blank, NaN when unreadable. */
export function readNumberInput(
  input: HTMLInputElement,
  parse: (text: string) => number | null,
): number | null {
  const text = input.value.trim();
  if (text === '') return null;
  return parse(text) ?? Number.NaN;
}

/** A year typed in an input: NaN when blank, so that the form's check asks for it. */
export function readYearInput(input: HTMLInputElement): number {
  const text = input.value.trim();
  return text === '' ? Number.NaN : Number(text);
}

/** A number as it goes back in an input: French decimal comma, no rounding. */
export function numberText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value).replace('.', ',');
}
