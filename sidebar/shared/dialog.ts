/** What the dialogs share: opening on a server read, the page busy until it answers; sections; the alert box. */
import { frenchSpacing } from '../../src/core/typography';
import { byId } from './dom';

/** Loads what the dialog shows, then reveals it, or says in French why it cannot; the page is busy till then. */
export async function openDialog(
  load: () => Promise<void>,
  reveal: () => void,
  showError: (message: string) => void,
): Promise<void> {
  try {
    await load();
    byId('loading').hidden = true;
    reveal();
  } catch (error) {
    byId('loading').hidden = true;
    showError((error as Error).message);
  } finally {
    byId('app').setAttribute('aria-busy', 'false');
  }
}

/** Shows the section named and hides the page's others. */
export function sectionSwitcher<S extends string>(sections: readonly S[]): (shown: S) => void {
  return (shown) => {
    for (const id of sections) byId(id).hidden = id !== shown;
  };
}

/** The alert box (#error) with a French message, or hidden for null. */
export function showError(message: string | null): void {
  const box = byId('error');
  box.textContent = frenchSpacing(message ?? '');
  box.hidden = message === null;
}
