/**
 * @jest-environment-options {"globalsCleanup": "off"}
 * @requires chromium
 */
// « Importer des données d’observation… » in Chromium: a file chosen on the computer, the preview, a
// variable tied to an indicator, the import; WCAG 2.1 AA (axe-core) in each state, and the keyboard path.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { wideXlsx } from '../observation-xlsx';
import { type Bridge, builtPage, demoServer, expectAccessible, launchChromium, openPage } from './harness';

jest.setTimeout(120_000);

const FIXTURE = join(__dirname, '..', 'fixtures', 'observation', 'insee-large-cp1252.csv');
let html: string;
let browser: Browser;
let page: Page;
let bridge: Bridge;

beforeAll(async () => {
  html = builtPage('ImportDialog');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
});

const visible = (selector: string) => page.waitForSelector(selector, { state: 'visible' });

it('reads the chosen file, previews, ties a variable to an indicator, imports — accessible throughout', async () => {
  const server = demoServer();
  ({ page, bridge } = await openPage(browser, server, html, {
    url: 'https://import.pilotage-cucs.test/',
    viewport: { width: 560, height: 560 },
  }));
  await expectAccessible(page, 'Import — choix du fichier');
  await page.setInputFiles('#file', FIXTURE);
  await page.fill('#year', '2006');
  await page.click('#read');
  await visible('#preview');
  expect(await page.textContent('#summary')).toBe('0 valeur créée, 0 remplacée, 19 inchangées, 10 ignorées.');
  await expectAccessible(page, 'Import — aperçu');
  // P06_MEN (households) has no indicator: tied to the population, the preview counts it.
  await page.selectOption('#map-0', 'CTX-POP');
  await page.click('#refresh');
  await page.waitForFunction(() => !document.querySelector<HTMLSelectElement>('#map-0'));
  await page.click('#confirm');
  await visible('#done');
  expect(await page.textContent('#done-message')).toMatch(/^Import terminé/);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('close');
  await expectAccessible(page, 'Import — terminé');
  expect(bridge.calls).toEqual(['importPreview', 'importPreview', 'importObservations']);
  const indicators = server.fake.spreadsheet.inspect.sheet('Indicateurs').values;
  const column = indicators[0]!.indexOf('Variables sources');
  expect(indicators.find((r) => r[0] === 'CTX-POP')![column]).toBe('P06_POP ; P06_MEN');
});

it('reads an .xlsx as its .csv, and says in French that a damaged one cannot be read', async () => {
  const server = demoServer();
  ({ page, bridge } = await openPage(browser, server, html, {
    url: 'https://import.pilotage-cucs.test/',
    viewport: { width: 560, height: 560 },
  }));
  expect(await page.getAttribute('#file', 'accept')).toContain('.xlsx');
  const xlsx = await wideXlsx();
  const workbook = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  await page.setInputFiles('#file', { name: 'insee.xlsx', mimeType: workbook, buffer: xlsx });
  await page.fill('#year', '2006');
  await page.click('#read');
  await visible('#preview');
  expect(await page.textContent('#summary')).toBe('0 valeur créée, 0 remplacée, 19 inchangées, 10 ignorées.');
  expect(await page.textContent('label[for="map-0"]')).toBe('P06_MEN (Nombre de ménages)');
  await expectAccessible(page, 'Import — aperçu d’un classeur .xlsx');
  await page.click('#back');
  await page.setInputFiles('#file', {
    name: 'insee.xlsx',
    mimeType: workbook,
    buffer: xlsx.subarray(0, xlsx.length / 2),
  });
  await page.click('#read');
  await visible('#error');
  expect(await page.textContent('#error')).toMatch(
    /^«\sinsee\.xlsx\s»\s:\sClasseur \.xlsx illisible .*Rien n’a été écrit\.$/,
  );
  await expectAccessible(page, 'Import — classeur .xlsx refusé');
  expect(server.fake.calls.count('Range.set')).toBe(0);
});

it('shows a refused file in an alert, accessible, and reaches every control with Tab', async () => {
  ({ page, bridge } = await openPage(browser, demoServer(), html, {
    url: 'https://import.pilotage-cucs.test/',
    viewport: { width: 560, height: 560 },
  }));
  await page.setInputFiles('#file', { name: 'vide.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await page.click('#read');
  await visible('#error');
  expect(await page.textContent('#error')).toMatch(/Le fichier est vide\. Rien n’a été écrit\.$/);
  await expectAccessible(page, 'Import — fichier refusé');
  const stops: string[] = [];
  await page.focus('body');
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.id ?? '');
    // Chromium may stop twice on a file input (its button, then the field): counted once.
    if (id && stops.at(-1) !== id) stops.push(id);
  }
  expect(stops.slice(0, 4)).toEqual(['file', 'year', 'cancel', 'read']);
});
