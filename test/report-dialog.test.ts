/**
 * @jest-environment-options {"globalsCleanup": "off"}
 * @requires chromium
 */
// The built « Générer le rapport… » dialog in headless Chromium, talking through google.script.run to
// the built server (dist/Code.js in node:vm) on the Apps Script fake.
import type { Browser, Page } from 'playwright-core';
import {
  type Bridge,
  builtPage,
  demoServer,
  launchChromium,
  openPage,
  screenshotPath,
} from './browser/harness';
import type { LoadedBundle } from './support/bundle';

jest.setTimeout(120_000);

const PAGE_URL = 'https://dialog.pilotage-cucs.test/';

let html: string;
let browser: Browser;
let server: LoadedBundle;
let page: Page;
let bridge: Bridge;

beforeAll(async () => {
  html = builtPage('ReportDialog');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(() => {
  server = demoServer();
});
afterEach(async () => {
  await page?.close();
});

async function openDialog(): Promise<void> {
  ({ page, bridge } = await openPage(browser, server, html, {
    url: PAGE_URL,
    viewport: { width: 520, height: 520 },
  }));
}

it('offers the contract years and every scope', async () => {
  await openDialog();
  expect(await page.locator('#year option').allTextContents()).toEqual(['2006', '2007', '2008', '2009']);
  expect(await page.locator('#year').inputValue()).toBe('2008');
  const scopes = await page.locator('#scope option').allTextContents();
  expect(scopes[0]).toBe(
    'Ensemble du contrat — Contrat urbain de cohésion sociale de Brest métropole océane',
  );
  expect(scopes).toContain('Pontanézen (quartier prioritaire)');
  expect(scopes).toContain('SA — Santé');
  expect(
    await page.locator('#scope optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label'))),
  ).toEqual(['Un territoire', 'Un domaine d’intervention']);
});

it('previews the report in a sandboxed frame, the dialog grown, then comes back', async () => {
  await openDialog();
  await page.selectOption('#scope', 'domain:SA');
  await page.click('#preview');
  await page.waitForSelector('#preview-pane:not([hidden])');
  expect(bridge.calls).toEqual(['reportChoices', 'reportPreview']);
  expect(bridge.sizes.at(-1)).toEqual([1000, 720]);
  expect(await page.locator('#preview-frame').getAttribute('sandbox')).toBe('');
  const frame = page.frameLocator('#preview-frame');
  await expect(frame.locator('h2').first().textContent()).resolves.toBe('Synthèse');
  expect(await frame.locator('h2').allTextContents()).toContain('SA — Santé');
  expect(await page.locator('#preview-title').textContent()).toMatch(
    /^Aperçu — Rapport annuel .* \(domaine « Santé »\)/,
  );
  await page.setViewportSize({ width: 1000, height: 720 });
  await page.screenshot({ path: screenshotPath('report-dialog-preview.png') });
  await page.click('#preview-back');
  expect(await page.locator('#choices').isVisible()).toBe(true);
  expect(bridge.sizes.at(-1)).toEqual([520, 520]);
  expect(server.fake.documents).toHaveLength(0);
});

it('validates, generates the Doc and links to it', async () => {
  await openDialog();
  await page.click('#generate');
  await page.waitForSelector('#done:not([hidden])');
  expect(bridge.calls).toEqual(['reportChoices', 'reportCheck', 'generateReport']);
  const [doc] = server.fake.documents;
  expect(await page.locator('#done a').getAttribute('href')).toBe(
    `https://docs.google.com/document/d/${doc!.id}/edit`,
  );
  expect(await page.locator('#done a').getAttribute('target')).toBe('_blank');
  expect(await page.locator('#done-name').textContent()).toBe(doc!.name);
  expect(await page.locator('#step-build').getAttribute('data-state')).toBe('done');
  expect(await page.locator('#done-notice').isHidden()).toBe(true);
  await page.screenshot({ path: screenshotPath('report-dialog-done.png') });
  await page.click('#done-close');
  expect(bridge.closed).toBe(true);
  expect(bridge.requests).toEqual([]);
});

it('says when the Doc was laid without the Docs API, still whole', async () => {
  // A script whose advanced service « Google Docs API » was removed in the editor.
  server.context.Docs = undefined;
  await openDialog();
  await page.click('#generate');
  await page.waitForSelector('#done:not([hidden])');
  expect(server.fake.documents).toHaveLength(1);
  expect(await page.locator('#done-notice').isVisible()).toBe(true);
  expect(await page.locator('#done-notice').textContent()).toMatch(
    /^Mise en page simplifiée\u00a0: l’API Google Docs n’est pas disponible pour le module/,
  );
});

it('lists the validation errors as text and lets the user cancel or go on', async () => {
  const santé = server.fake.spreadsheet.inspect.sheet('Santé').values;
  const row = [...santé[1]!];
  row[santé[0]!.indexOf('Statut')] = 'en retard';
  row[santé[0]!.indexOf('Intitulé de l’action')] = '<img src=x onerror=alert(1)>';
  server.fake.addSheetWithValues('Santé', [santé[0]!, row]);
  await openDialog();
  await page.click('#generate');
  await page.waitForSelector('#check:not([hidden])');
  const items = await page.locator('#check-list li').allTextContents();
  expect(items.length).toBeGreaterThan(0);
  expect(items.join('\n')).toContain('Santé, ligne 2, « Statut »');
  expect(await page.locator('#check img').count()).toBe(0);
  await page.screenshot({ path: screenshotPath('report-dialog-errors.png') });
  await page.click('#check-cancel');
  expect(await page.locator('#choices').isVisible()).toBe(true);
  expect(server.fake.documents).toHaveLength(0);
  await page.click('#generate');
  await page.waitForSelector('#check:not([hidden])');
  await page.click('#check-continue');
  await page.waitForSelector('#done:not([hidden])');
  expect(server.fake.documents).toHaveLength(1);
  expect(await page.locator('#done-warnings').textContent()).toMatch(
    /^Généré malgré 1 erreur et 0 avertissement du contrôle/,
  );
  expect(bridge.requests).toEqual([]);
});
