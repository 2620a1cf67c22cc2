/**
 * A short confirmation at the bottom of the sidebar, read out by screen readers (role="status"). It takes
 * the focus, so that a keyboard user lands on what happened; when it goes, the focus goes back to the
 * save button of the tab in view, never to the top of the page.
 */
import { frenchSpacing } from '../../src/core/typography';
import { byId } from './dom';

let timer: ReturnType<typeof setTimeout> | undefined;

function dismiss(box: HTMLElement): void {
  clearTimeout(timer);
  const hadFocus = box.contains(document.activeElement);
  box.hidden = true;
  if (hadFocus) {
    document.querySelector<HTMLElement>('[role="tabpanel"]:not([hidden]) button[type="submit"]')?.focus();
  }
}

export function toast(message: string): void {
  const box = byId('toast');
  box.textContent = frenchSpacing(message);
  box.hidden = false;
  box.tabIndex = -1;
  box.focus();
  box.onkeydown = (event) => {
    if (event.key === 'Escape') dismiss(box);
  };
  clearTimeout(timer);
  timer = setTimeout(() => dismiss(box), 6000);
}
