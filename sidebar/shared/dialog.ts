/** What the dialogs share: opening on a server read, the page busy until it answers. */
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
