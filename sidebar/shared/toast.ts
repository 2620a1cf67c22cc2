/** A short confirmation at the bottom of the sidebar, read out by screen readers (role="status"). */
import { frenchSpacing } from '../../src/core/typography';
import { byId } from './dom';

let timer: ReturnType<typeof setTimeout> | undefined;

export function toast(message: string): void {
  const box = byId('toast');
  box.textContent = frenchSpacing(message);
  box.hidden = false;
  clearTimeout(timer);
  timer = setTimeout(() => {
    box.hidden = true;
  }, 6000);
}
