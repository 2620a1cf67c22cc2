/**
 * @jest-environment-options {"globalsCleanup": "off"}
 * @requires chromium
 */
// The built sidebar in headless Chromium, talking through google.script.run to the built server on the fake.

import type { Browser, Page } from 'playwright-core';
import { frenchSpacing as fr } from '../../src/core/typography';
import type { LoadedBundle } from '../support/bundle';
import {
  type Bridge,
  demoServer,
  ensureFreshBuild,
  launchChromium,
  openSidebar,
  RU_SHEET,
  screenshotPath,
} from './harness';

jest.setTimeout(120_000);

let html: string;
let browser: Browser;
let server: LoadedBundle;
let page: Page;
let bridge: Bridge;

beforeAll(async () => {
  html = ensureFreshBuild();
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

async function open(sheet = RU_SHEET, row = 1): Promise<void> {
  server.fake.setActive(sheet, row, 1);
  ({ page, bridge } = await openSidebar(browser, server, html));
}

const values = (sheet: string) => server.fake.spreadsheet.inspect.sheet(sheet).values;
const cell = (sheet: string, row: number, name: string) =>
  values(sheet)[row - 1]![values(sheet)[0]!.map(String).indexOf(name)];

/** Polls `read` until `matches` (the server answers asynchronously), then returns the last reading. */
async function eventually<T>(read: () => Promise<T>, matches: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  let last = await read();
  while (!matches(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    last = await read();
  }
  return last;
}

type Expected = string | RegExp | { contains: string };
const fits = (actual: string, expected: Expected) =>
  typeof expected === 'string'
    ? actual === expected
    : expected instanceof RegExp
      ? expected.test(actual)
      : actual.includes(expected.contains);

async function expectText(selector: string, expected: Expected): Promise<void> {
  const actual = await eventually(
    async () => (await page.locator(selector).textContent()) ?? '',
    (t) => fits(t.trim(), expected),
  );
  if (typeof expected === 'string') expect(actual.trim()).toBe(expected);
  else if (expected instanceof RegExp) expect(actual.trim()).toMatch(expected);
  else expect(actual).toContain(expected.contains);
}

async function expectValue(selector: string, expected: string): Promise<void> {
  expect(
    await eventually(
      () => page.inputValue(selector),
      (v) => v === expected,
    ),
  ).toBe(expected);
}

/** Nothing is wider than the sidebar: no horizontal scroll bar. */
async function horizontalOverflow(): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('the sidebar in Chromium', () => {
  it('opens on the action under the cursor, fits 300 px and is screenshotted', async () => {
    await open(RU_SHEET, 3);
    expect(bridge.calls).toEqual(['getSidebarData']);
    await expectText('#a-heading', 'Modifier RU-002');
    await expect(page.inputValue('#a-title')).resolves.toBe('Diagnostic en marchant');
    await expect(page.inputValue('#a-objective')).resolves.toBe('RU1');
    await expect(page.inputValue('#a-actionLine')).resolves.toBe('RU1.2');
    await expect(page.isDisabled('#a-domain')).resolves.toBe(true);
    await expect(page.isChecked('#a-territory-list input[value="Q-KEROURIEN"]')).resolves.toBe(true);
    await expect(page.inputValue('#a-funding-REGION')).resolves.toBe('101700');
    await expectText('#a-funding-total', { contains: '230\u202f500\u00a0€' });
    expect(await horizontalOverflow()).toBe(0);
    await page.screenshot({ path: screenshotPath('sidebar-300px.png'), fullPage: true });
    for (const tab of ['progress', 'measure', 'decision']) {
      await page.click(`#tab-${tab}`);
      expect(await horizontalOverflow()).toBe(0);
      await page.screenshot({ path: screenshotPath(`sidebar-300px-${tab}.png`), fullPage: true });
    }
  });

  it('creates an action from the form, with the cascade and a live funding total', async () => {
    await open('Mesures', 2);
    await expectText('#a-heading', 'Nouvelle action');
    await page.selectOption('#a-domain', 'RU');
    await page.selectOption('#a-objective', 'RU3');
    expect(await page.locator('#a-actionLine option').count()).toBe(5);
    await page.selectOption('#a-actionLine', 'RU3.2');
    await page.fill('#a-title', 'Logements pour jeunes en insertion');
    await page.fill('#a-porteur', 'Foyer des jeunes travailleurs');
    await page.fill('#a-territory-filter', 'pontan');
    await page.check('#a-territory-list input[value="Q-PONTANEZEN"]');
    await page.fill('#a-budget', '20 000');
    await page.fill('#a-credits', '5000');
    await page.fill('#a-funding-VILLE', '10000');
    await expectText(
      '#a-funding-total',
      fr('Total des financements : 15\u202f000\u00a0€ (crédits spécifiques + cofinancements).'),
    );
    await expectText(
      '#a-funding-warning',
      fr(
        'Le plan de financement ne boucle pas : il manque 5\u202f000\u00a0€ pour atteindre le budget prévu (20\u202f000\u00a0€).',
      ),
    );
    await page.fill('#a-funding-CAF', '5000,00');
    await expect(page.isHidden('#a-funding-warning')).resolves.toBe(true);
    await page.selectOption('#a-status', 'en cours');
    await page.fill('#a-startDate', '2008-09-01');
    // A slow server and an impatient double click: one save only.
    bridge.delay = 400;
    await page.dblclick('#a-save');
    await expectText('#toast', fr('Action RU-009 créée (ligne 10 de « Renouvellement urbain, habitat »).'));
    expect(bridge.calls.filter((c) => c === 'saveAction')).toHaveLength(1);
    expect(cell(RU_SHEET, 10, 'Intitulé de l’action')).toBe('Logements pour jeunes en insertion');
    expect(cell(RU_SHEET, 10, 'Ligne d’action')).toBe('RU3.2 — Logements des jeunes en insertion');
    expect(cell(RU_SHEET, 10, 'Territoires')).toBe('Q-PONTANEZEN');
    expect(cell(RU_SHEET, 10, 'Financement CAF (€)')).toBe(5000);
    expect(cell(RU_SHEET, 10, 'Date de début')).toEqual(new Date(2008, 8, 1));
    await expectText('#a-heading', 'Modifier RU-009');
    await expect(page.isEnabled('#a-save')).resolves.toBe(true);
  });

  it('edits the selected row', async () => {
    await open('Mesures', 2);
    server.fake.setActive(RU_SHEET, 4, 3);
    await page.click('#a-load-selected');
    await expectText('#a-heading', 'Modifier RU-003');
    const title = await page.inputValue('#a-title');
    await page.fill('#a-porteur', 'Brest métropole habitat');
    await page.fill('#a-spent', '1 234,5');
    await page.click('#a-save');
    await expectText(
      '#toast',
      fr('Action RU-003 enregistrée (ligne 4 de « Renouvellement urbain, habitat »).'),
    );
    expect(cell(RU_SHEET, 4, 'Porteur (maître d’œuvre)')).toBe('Brest métropole habitat');
    expect(cell(RU_SHEET, 4, 'Dépensé (€)')).toBe(1234.5);
    expect(cell(RU_SHEET, 4, 'Intitulé de l’action')).toBe(title);
  });

  it('shows field errors next to their field, announced, without calling the server', async () => {
    await open(RU_SHEET, 2);
    await page.fill('#a-title', '   ');
    await page.fill('#a-budget', 'beaucoup');
    await page.fill('#a-endDate', '2006-01-01');
    await page.click('#a-save');
    await expectText('#a-title-error', 'L’intitulé est obligatoire.');
    await expectText('#a-budget-error', fr('Budget prévu : un montant en euros est attendu.'));
    await expectText('#a-endDate-error', 'La date de fin précède la date de début.');
    await expect(page.getAttribute('#a-title', 'aria-invalid')).resolves.toBe('true');
    await expect(page.getAttribute('#a-title', 'aria-describedby')).resolves.toContain('a-title-error');
    await expectText(
      '#a-alert[role="alert"]',
      fr('3 champs à corriger : Intitulé de l’action, Date de fin, Budget prévu.'),
    );
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('a-title');
    await page.screenshot({ path: screenshotPath('sidebar-300px-errors.png') });
    expect(bridge.calls).toEqual(['getSidebarData']);
    await page.fill('#a-title', 'Un intitulé');
    await page.fill('#a-budget', '');
    await page.fill('#a-endDate', '');
    await page.click('#a-save');
    await expectText('#toast', /RU-001 enregistrée/);
    expect(await page.isHidden('#a-title-error')).toBe(true);
  });

  it('shows a conflict when someone else changed the row, and reloads it', async () => {
    await open(RU_SHEET, 3);
    const sheet = server.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(RU_SHEET)!;
    sheet.getRange('D3').setValue('Titre changé dans la feuille');
    await page.fill('#a-porteur', 'Mon porteur');
    await page.click('#a-save');
    await expectText('#a-alert', {
      contains:
        'Cette action a été modifiée par quelqu’un d’autre depuis son ouverture (ligne 3, par service.dsu@brest.fr le 15/11/2008 à 10 h 30). Rechargez-la avant d’enregistrer.',
    });
    expect(cell(RU_SHEET, 3, 'Porteur (maître d’œuvre)')).toBe(
      'Ville de Brest — gestion urbaine de proximité',
    );
    await page
      .locator('#a-alert')
      .getByRole('button', { name: /Recharger l’action/ })
      .click();
    await expectValue('#a-title', 'Titre changé dans la feuille');
    await page.fill('#a-porteur', 'Mon porteur');
    await page.click('#a-save');
    await expectText('#toast', /RU-002 enregistrée/);
    expect(cell(RU_SHEET, 3, 'Porteur (maître d’œuvre)')).toBe('Mon porteur');
    expect(cell(RU_SHEET, 3, 'Intitulé de l’action')).toBe('Titre changé dans la feuille');
  });

  it('logs a comité’s decision, follows it up, and reloads it after a change in the sheet', async () => {
    await open(RU_SHEET, 2);
    await page.click('#tab-decision');
    await expectText('#d-heading', 'Nouvelle décision');
    await page.selectOption('#d-instance', 'comité de pilotage');
    await page.fill('#d-date', '2009-03-10');
    await page.selectOption('#d-kind', 'infléchissement');
    await page.fill('#d-decision', 'Recentrer le diagnostic en marchant sur Kérourien.');
    await page.fill('#d-concerns', 'ru ; RU-002');
    await page.fill('#d-deadline', '2009-01-01');
    await page.click('#d-save');
    await expectText('#d-deadline-error', 'L’échéance précède la date de la décision.');
    expect(bridge.calls).toEqual(['getSidebarData']);
    await page.fill('#d-deadline', '2009-06-30');
    await page.click('#d-save');
    // The demo holds four decisions already: the new one follows them.
    await expectText('#toast', fr('Décision DEC-005 créée (ligne 6 de « Décisions »).'));
    expect(cell('Décisions', 6, 'Concerne')).toBe('RU ; RU-002');
    expect(cell('Décisions', 6, 'Type')).toBe('infléchissement');
    await expectText('#d-heading', 'Modifier DEC-005');

    await page.selectOption('#d-pick', '');
    await expectText('#d-heading', 'Nouvelle décision');
    await page.selectOption('#d-pick', '6');
    await expectValue('#d-decision', 'Recentrer le diagnostic en marchant sur Kérourien.');
    await page.selectOption('#d-suite', 'en cours');
    await page.click('#d-save');
    await expectText('#toast', fr('Décision DEC-005 enregistrée (ligne 6 de « Décisions »).'));
    expect(cell('Décisions', 6, 'Suite')).toBe('en cours');

    const sheet = server.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Décisions')!;
    sheet.getRange('J6').setValue('Réunion avec les habitants fixée');
    await page.selectOption('#d-suite', 'réalisée');
    await page.click('#d-save');
    await expectText('#d-alert', { contains: 'Cette décision a été modifiée par quelqu’un d’autre' });
    await page.click('#d-alert button');
    await expectValue('#d-comment', 'Réunion avec les habitants fixée');
    await expectValue('#d-suite', 'en cours');
  });

  it('enters an indicator value and says it replaced the previous one', async () => {
    await open(RU_SHEET, 2);
    await page.click('#tab-measure');
    // One group per domain, and the transversal context indicators of the observation data.
    expect(await page.locator('#m-indicator optgroup').count()).toBe(6);
    await page.selectOption('#m-indicator', 'RU-IND-01');
    await expectText('#m-value-label', { contains: 'Valeur (%)' });
    await page.fill('#m-year', '2007');
    await page.selectOption('#m-territory', 'Q-PONTANEZEN');
    await expectText(
      '#m-existing',
      'Une valeur est déjà saisie pour cet indicateur, cette année et ce territoire : 25,5. Elle sera remplacée.',
    );
    await page.fill('#m-value', '27,5');
    await page.fill('#m-source', 'Observatoire');
    await page.click('#m-save');
    await expectText('#toast', fr('Mesure remplacée (ligne 3 de « Mesures ») : 25,5 → 27,5.'));
    expect(values('Mesures')[2]!.slice(0, 5)).toEqual([
      'RU-IND-01',
      2007,
      'Q-PONTANEZEN',
      27.5,
      'Observatoire',
    ]);
    await page.fill('#m-year', '2010');
    await page.fill('#m-value', '30');
    await page.press('#m-value', 'Enter');
    await expectText('#toast', /^Mesure créée \(ligne \d+ de «\u00a0Mesures\u00a0»\)\.$/);
    await page.fill('#m-value', '140');
    await page.click('#m-save');
    await expectText('#m-value-error', 'Un pourcentage est compris entre 0 et 100.');
  });

  it('updates the progress of the year without retyping the action', async () => {
    await open(RU_SHEET, 2);
    await page.click('#tab-progress');
    await expectText('#p-heading', 'RU-001 — Résidentialisation des immeubles');
    await expectValue('#p-avancees', 'le partenariat avec les bailleurs est formalisé par une convention');
    await page.fill('#p-year', '2009');
    await page.dispatchEvent('#p-year', 'change');
    await expectValue('#p-avancees', '');
    await expectText('#p-avancees-label', 'Avancées en 2009');
    await page.fill('#p-avancees', 'Livraison des premiers logements');
    await page.selectOption('#p-status', 'en cours');
    await page.click('#p-save');
    await expectText('#toast', /^Avancement 2009 de l’action RU-001 enregistré/);
    expect(cell(RU_SHEET, 2, 'Avancées')).toBe(
      '2007 : le comité de suivi s’est réuni trois fois\n2008 : le partenariat avec les bailleurs est formalisé par une convention\n2009 : Livraison des premiers logements',
    );
    expect(cell(RU_SHEET, 2, 'Statut')).toBe('en cours');
  });

  it('refuses a closed year’s value and progress in French, naming the closing, and writes nothing', async () => {
    server.fake.ui.nextPromptResponses.push({ text: '2008', button: 'OK' }, { text: '', button: 'OK' });
    server.call('closeYear');
    const before = JSON.stringify([values('Mesures'), values(RU_SHEET)]);
    await open(RU_SHEET, 2);
    await page.click('#tab-measure');
    await page.selectOption('#m-indicator', 'RU-IND-01');
    await page.fill('#m-year', '2008');
    await page.selectOption('#m-territory', 'Q-PONTANEZEN');
    await page.fill('#m-value', '31');
    await page.click('#m-save');
    const closedYear =
      /L’année 2008 est clôturée \(clôture du \d\d\/\d\d\/\d{4} à \d\d:\d\d par pilote\.ru@brest\.fr\)/;
    await expectText('#m-alert', closedYear);
    await page.click('#tab-progress');
    await page.fill('#p-year', '2008');
    await page.dispatchEvent('#p-year', 'change');
    await page.fill('#p-avancees', 'Une avancée ajoutée après le comité');
    await page.click('#p-save');
    await expectText('#p-alert', closedYear);
    expect(JSON.stringify([values('Mesures'), values(RU_SHEET)])).toBe(before);
    // The year after is open.
    await page.fill('#p-year', '2009');
    await page.dispatchEvent('#p-year', 'change');
    await page.fill('#p-avancees', 'Livraison des premiers logements');
    await page.click('#p-save');
    await expectText('#toast', /^Avancement 2009 de l’action RU-001 enregistré/);
  });

  it('finds an action by title or ID and shows user text as text, never as HTML', async () => {
    const xss = '<img src=x onerror=alert(1)>';
    const sheet = server.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(RU_SHEET)!;
    sheet.getRange('D5').setValue(xss);
    await open('Mesures', 2);
    await page.fill('#a-search', 'RU-004');
    await expectText('#a-search-results button', `RU-004 · ${xss}`);
    await page.fill('#a-search', 'onerror');
    await page.press('#a-search', 'Enter');
    await expectText('#a-heading', 'Modifier RU-004');
    await expectValue('#a-title', xss);
    await page.click('#tab-progress');
    await expectText('#p-heading', `RU-004 — ${xss}`);
    await page.click('#tab-action');
    await page.fill('#a-title', `${xss} (bis)`);
    await page.click('#a-save');
    await expectText('#toast', /RU-004 enregistrée/);
    expect(cell(RU_SHEET, 5, 'Intitulé de l’action')).toBe(`${xss} (bis)`);
    await page.fill('#a-search', 'bis');
    await expectText('#a-search-results button', `RU-004 · ${xss} (bis)`);
    expect(await page.locator('img').count()).toBe(0);
    expect(bridge.dialogs).toEqual([]);
    expect(bridge.requests).toEqual([]);
  });

  it('is usable with the keyboard: tabs with the arrows, search with Enter', async () => {
    await open(RU_SHEET, 2);
    await page.focus('#tab-action');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('#tab-progress', 'aria-selected')).toBe('true');
    expect(await page.isVisible('#panel-progress')).toBe(true);
    await page.keyboard.press('End');
    expect(await page.isVisible('#panel-decision')).toBe(true);
    await page.keyboard.press('Home');
    expect(await page.isVisible('#panel-action')).toBe(true);
    await page.focus('#a-search');
    await page.keyboard.type('diagnostic en');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expectText('#a-heading', 'Modifier RU-002');
  });
});
