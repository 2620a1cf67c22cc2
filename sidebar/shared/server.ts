/**
 * google.script.run as promises. The server functions are typed from the contract in src/core/api.ts
 * (types only: nothing of the server reaches the page); every argument and result is plain JSON.
 */
import type { SidebarApi } from '../../src/core/api';

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

// biome-ignore lint/suspicious/noExplicitAny: server functions take and return plain JSON of any shape.
type ServerApi = Record<string, (...args: any[]) => unknown>;

/** A typed google.script.run caller for one page's server functions, as promises. */
export function serverCaller<A extends ServerApi>() {
  return <K extends keyof A & string>(name: K, ...args: Parameters<A[K]>): Promise<ReturnType<A[K]>> =>
    new Promise((resolve, reject) => {
      const runner = google.script.run
        .withSuccessHandler((result) => resolve(result as ReturnType<A[K]>))
        .withFailureHandler((error) => reject(new Error(failureMessage(error))));
      (runner[name] as (...a: unknown[]) => void)(...args);
    });
}

export const callServer = serverCaller<SidebarApi>();
