/** @jest-environment-options {"globalsCleanup": "off"} */
// The built first-install dialog in headless Chromium, talking through google.script.run to the built
// server (dist/Code.js in node:vm) on a blank Apps Script fake; it passes WCAG 2.1 AA (axe) as shown and when done.
// @requires chromium
import type { Browser, Page } from 'playwright-core';
import { frenchSpacing } from '../src/core/typography';
import { builtPage, expectAccessible, launchChromium, openPage, screenshotPath } from './browser/harness';
import { loadBundle } from './support/bundle';

jest.setTimeout(120_000);

let html: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  html = builtPage('InstallDialog');
  browser = await launchChromium();
});
afterAll(async () => {
  await page?.close();
  await browser?.close();
});

it('offers the three models, the CUCS one checked, and installs the one chosen', async () => {
  const server = loadBundle();
  const opened = await openPage(browser, server, html, {
    url: 'https://dialog.pilotage-cucs.test/',
    viewport: { width: 560, height: 560 },
  });
  page = opened.page;
  await page.waitForSelector('#choices:not([hidden])');
  expect(await page.locator('.preset label').allTextContents()).toEqual([
    'Contrat urbain de cohésion sociale (Brest, 2006)',
    'Contrat de ville 2015–2023',
    'Contrat de ville « Engagements Quartiers 2030 »',
  ]);
  expect(await page.locator('#preset-cucs-brest-2006').isChecked()).toBe(true);
  expect(await page.locator('.preset').nth(2).textContent()).toContain(
    frenchSpacing('Priorités nationales : Éducation ; Emploi et développement économique'),
  );
  await expectAccessible(page, 'choices');
  await page.screenshot({ path: screenshotPath('install-dialog.png') });
  await page.check('#preset-quartiers-2030');
  await page.click('#install');
  await page.waitForSelector('#done:not([hidden])');
  expect(opened.bridge.calls).toEqual(['presetChoices', 'installWithPreset']);
  expect(await page.locator('#summary').textContent()).toContain(
    frenchSpacing('Feuille « Avenir des jeunes » créée.'),
  );
  await expectAccessible(page, 'done');
  expect(server.fake.spreadsheet.sheetNames()).toEqual(
    expect.arrayContaining(['Référentiel', 'Avenir des jeunes', 'Habiter le quartier', 'Accès à l’emploi']),
  );
  await page.click('#close');
  expect(opened.bridge.closed).toBe(true);
  expect(opened.bridge.requests).toEqual([]);
});
