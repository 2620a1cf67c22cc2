/**
 * Runs the built sidebar (dist/Sidebar.html) in headless Chromium, with a google.script.run bridge to
 * the built server (dist/Code.js in node:vm) working on the Apps Script fake: the page talks to the
 * same top-level functions, through the same JSON round trip, as in Google Sheets.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { buildDemoWorkbook } from '../../src/core/demo';
import { type LoadedBundle, loadBundle } from '../support/bundle';

const ROOT = join(__dirname, '..', '..');
export const ARTIFACTS = join(ROOT, 'test', 'artifacts');
export const RU_SHEET = 'Renouvellement urbain, habitat';
const PAGE_URL = 'https://sidebar.pilotage-cucs.test/';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const OUTPUTS = ['Code.js', 'Sidebar.html'].map((f) => join(ROOT, 'dist', f));
const BUILD_LOCK = join(
  tmpdir(),
  `pilotage-cucs-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`,
);

function isStale(): boolean {
  const sources = Math.max(...['src', 'sidebar', 'scripts/build.mjs'].map((p) => newestMtime(join(ROOT, p))));
  return OUTPUTS.some((f) => !existsSync(f) || statSync(f).mtimeMs < sources);
}

/** Jest runs test files in parallel workers: one build at a time (the build empties dist/ first). */
function withBuildLock(work: () => void): void {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      if (Date.now() > deadline) rmSync(BUILD_LOCK, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    work();
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

/** Builds dist/ when it is missing or older than the sources (`npm test` builds it before jest). */
export function ensureFreshBuild(): string {
  if (isStale()) {
    withBuildLock(() => {
      if (isStale()) execFileSync('node', ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
    });
  }
  return readFileSync(OUTPUTS[1]!, 'utf8');
}

/** A built page of dist/ (« ReportDialog », « ImportDialog »…), built first when it is out of date. */
export function builtPage(name: string): string {
  ensureFreshBuild();
  return readFileSync(join(ROOT, 'dist', `${name}.html`), 'utf8');
}

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium introuvable (${CHROMIUM}) : installez le paquet Debian chromium (npm run test:all le fait).`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** The demo workbook, installed by the bundle's own menu function, on a fresh fake. */
export function demoServer(userEmail = 'pilote.ru@brest.fr'): LoadedBundle {
  const server = loadBundle({ userEmail });
  server.call('installWithPreset', { preset: 'cucs-brest-2006' });
  for (const [name, grid] of buildDemoWorkbook()) server.fake.addSheetWithValues(name, grid);
  server.fake.calls.reset();
  return server;
}

export interface Bridge {
  /** google.script.run calls received, by function name, in order. */
  calls: string[];
  /** Milliseconds the server takes to answer (to catch a double submit). */
  delay: number;
  /** alert/confirm/prompt dialogs the page opened (dismissed): there must be none. */
  dialogs: string[];
  /** Requests the page made besides loading itself (an injected <img src=x> would show here). */
  requests: string[];
  /** Sizes asked through google.script.host.setWidth/setHeight, in order. */
  sizes: [number, number][];
  /** Whether the page called google.script.host.close(). */
  closed: boolean;
}

/**
 * google.script.run and google.script.host in the page: each call crosses as JSON to the bundle and
 * the answer comes back asynchronously, as in Apps Script.
 */
const SHIM = `(() => {
  const runner = (onSuccess, onFailure) => new Proxy({}, {
    get(_, name) {
      if (name === 'withSuccessHandler') return (f) => runner(f, onFailure);
      if (name === 'withFailureHandler') return (f) => runner(onSuccess, f);
      return (...args) => {
        window.__gasRun(String(name), JSON.stringify(args)).then((answer) => {
          if (answer.ok) onSuccess && onSuccess(JSON.parse(answer.json));
          else onFailure && onFailure(new Error(answer.message));
        });
      };
    },
  });
  let width = window.innerWidth, height = window.innerHeight;
  const host = {
    setWidth: (w) => { width = w; window.__gasHost('size', JSON.stringify([width, height])); },
    setHeight: (h) => { height = h; window.__gasHost('size', JSON.stringify([width, height])); },
    close: () => window.__gasHost('close', '[]'),
  };
  window.google = { script: { run: runner(null, null), host } };
})();`;

export interface PageOptions {
  /** The address the page is served at; every other request is recorded and refused. */
  url: string;
  viewport: { width: number; height: number };
}

/** Serves a built page (sidebar or dialog) in Chromium, bridged to the server bundle on the fake. */
export async function openPage(
  browser: Browser,
  server: LoadedBundle,
  html: string,
  options: PageOptions,
): Promise<{ page: Page; bridge: Bridge }> {
  const page = await browser.newPage({ viewport: options.viewport, locale: 'fr-FR' });
  const bridge: Bridge = { calls: [], delay: 0, dialogs: [], requests: [], sizes: [], closed: false };
  page.on('dialog', (dialog) => {
    bridge.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.exposeFunction('__gasRun', async (name: string, args: string) => {
    bridge.calls.push(name);
    await new Promise((resolve) => setTimeout(resolve, bridge.delay));
    try {
      const result = server.call(name, ...JSON.parse(args));
      return { ok: true, json: JSON.stringify(result ?? null) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  });
  await page.exposeFunction('__gasHost', async (what: string, args: string) => {
    if (what === 'size') bridge.sizes.push(JSON.parse(args));
    if (what === 'close') bridge.closed = true;
  });
  await page.addInitScript(SHIM);
  await page.route(options.url, (route) =>
    route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }),
  );
  await page.route(
    (url) => url.href !== options.url,
    (route) => {
      bridge.requests.push(route.request().url());
      return route.abort();
    },
  );
  await page.goto(options.url);
  await page.waitForSelector('#app[aria-busy="false"]');
  return { page, bridge };
}

export function openSidebar(
  browser: Browser,
  server: LoadedBundle,
  html: string,
): Promise<{ page: Page; bridge: Bridge }> {
  return openPage(browser, server, html, { url: PAGE_URL, viewport: { width: 300, height: 800 } });
}

/** The WCAG 2.0 and 2.1 success criteria of levels A and AA, as axe-core tags its rules. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is now, one line per failing element. Frames
 * are audited as pages of their own (the report preview is a sandboxed frame where no script runs).
 */
export async function wcagViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    type Result = {
      violations: { id: string; help: string; nodes: { target: string[]; failureSummary?: string }[] }[];
    };
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } })
      .axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, iframes: false });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.help}) : ${n.target.join(' ')} — ${n.failureSummary ?? ''}`),
    );
  }, WCAG_21_AA);
}

/** No WCAG 2.1 A or AA violation in the page as it is now; `state` names it in a failure. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  expect({ state, violations: await wcagViolations(page) }).toEqual({ state, violations: [] });
}

export function screenshotPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
