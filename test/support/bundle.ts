/** Loads the built dist/Code.js in node:vm with the fake's globals, as Apps Script would run it. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import { createGasFake, type GasFake, type GasFakeOptions } from '../fake';

const ROOT = join(__dirname, '..', '..');
export const BUNDLE = join(ROOT, 'dist', 'Code.js');

/** Builds dist/ once per test process when it is missing (npm test builds it before jest). */
export function ensureBuilt(): string {
  if (!existsSync(BUNDLE)) execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  return readFileSync(BUNDLE, 'utf8');
}

export interface LoadedBundle {
  fake: GasFake;
  context: vm.Context;
  /** Calls a top-level function of the bundle, as a menu item or google.script.run would. */
  call(name: string, ...args: unknown[]): unknown;
  topLevelFunctions(): string[];
}

export function loadBundle(options: GasFakeOptions = {}): LoadedBundle {
  const code = ensureBuilt();
  const context = vm.createContext({});
  const realm = vm.runInContext('({ Date, Error })', context);
  const fake = createGasFake({ ...options, realm });
  fake.install(context);
  vm.runInContext(code, context, { filename: 'Code.js' });
  const call = (name: string, ...args: unknown[]) => {
    const fn = context[name];
    if (typeof fn !== 'function')
      throw new Error(`${name} n’est pas une fonction de premier niveau du bundle`);
    return fn(...args);
  };
  const topLevelFunctions = () =>
    Object.keys(context).filter(
      (k) => typeof context[k] === 'function' && Object.getOwnPropertyDescriptor(context, k)?.enumerable,
    );
  return { fake, context, call, topLevelFunctions };
}
