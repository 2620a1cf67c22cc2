/**
 * google.script.run as promises. The server functions are typed from src/gas/sidebar.ts (types only:
 * nothing of the server reaches the page); every argument and result is plain JSON.
 */
import type * as Server from '../../src/gas/sidebar';

type Api = Pick<
  typeof Server,
  'getSidebarData' | 'loadAction' | 'loadSelectedAction' | 'saveAction' | 'updateProgress' | 'saveMeasure'
>;

interface ScriptRun {
  withSuccessHandler(handler: (result: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRun } };

/** The French message of a server failure, without the « Error: » / « Exception: » Apps Script may add. */
export function failureMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(/^(Error|Exception|Erreur)\s*:\s*/i, '').trim();
  return message || 'Le serveur n’a pas répondu. Vérifiez la connexion puis réessayez.';
}

export function callServer<K extends keyof Api>(
  name: K,
  ...args: Parameters<Api[K]>
): Promise<ReturnType<Api[K]>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((result) => resolve(result as ReturnType<Api[K]>))
      .withFailureHandler((error) => reject(new Error(failureMessage(error))));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
