/**
 * @jest-environment-options {"globalsCleanup": "off"}
 * @requires chromium
 */
// Every page the add-on shows, in each of its states, audited in Chromium with axe-core against WCAG 2.1
// A and AA (the RGAA's base); the keyboard path (every control reached with Tab, focus visible, focus
// where the user needs it after a save) and the sidebar with its text at 200 %.
import type { Browser, Page } from 'playwright-core';
import { HELP_HTML } from '../../src/core/help';
import { type LoadedBundle, loadBundle } from '../support/bundle';
import { skippedHeadingLevels } from '../support/outline';
import {
  type Bridge,
  builtPage,
  demoServer,
  ensureFreshBuild,
  expectAccessible,
  launchChromium,
  openPage,
  openSidebar,
  RU_SHEET,
  screenshotPath,
} from './harness';

jest.setTimeout(120_000);

let sidebarHtml: string;
let dialogHtml: string;
let browser: Browser;
let page: Page;
let bridge: Bridge;

beforeAll(async () => {
  sidebarHtml = ensureFreshBuild();
  dialogHtml = builtPage('ReportDialog');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
});

async function openSidebarOn(server: LoadedBundle, sheet: string, row: number): Promise<void> {
  server.fake.setActive(sheet, row, 1);
  ({ page, bridge } = await openSidebar(browser, server, sidebarHtml));
}

const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
const visible = (selector: string) => page.waitForSelector(selector, { state: 'visible' });

/** The first control marked in error, in the order of the page (a fieldset's first box). */
const firstInvalidId = () =>
  page.evaluate(() => {
    const first = document.querySelector('[role="tabpanel"]:not([hidden]) [aria-invalid="true"]');
    return (first instanceof HTMLFieldSetElement ? first.querySelector('input') : first)?.id ?? '';
  });

/** Saves the form of a tab (« a », « p », « m », « d »), which refuses: the focus is on the first field to correct. */
async function saveRefused(form: string, fieldInError: string, state: string): Promise<void> {
  await page.click(`#${form}-save`);
  await visible(`#${form}-alert`);
  expect(await firstInvalidId()).toBe(fieldInError);
  expect(await focusedId()).toBe(fieldInError);
  await expectAccessible(page, state);
}

/** Saves the form of a tab, which succeeds: the focus is on the confirmation. */
async function saved(form: string, state: string): Promise<void> {
  await page.click(`#${form}-save`);
  await visible('#toast');
  expect(await focusedId()).toBe('toast');
  await expectAccessible(page, state);
}

describe('the sidebar passes WCAG 2.1 AA in every state', () => {
  it('action tab: new, searching, refused with field errors, saved, in conflict', async () => {
    const server = demoServer();
    await openSidebarOn(server, 'Mesures', 2);
    await expectAccessible(page, 'Action — nouvelle action');
    await page.fill('#a-search', 'RU-00');
    await visible('#a-search-results button');
    await expectAccessible(page, 'Action — résultats de recherche');
    await page.fill('#a-search', '');
    await page.selectOption('#a-domain', 'RU');
    await page.fill('#a-budget', 'beaucoup');
    await saveRefused('a', 'a-objective', 'Action — enregistrement refusé, champs en erreur');
    await page.selectOption('#a-objective', 'RU3');
    await page.fill('#a-title', 'Logements pour jeunes en insertion');
    await page.fill('#a-porteur', 'Foyer des jeunes travailleurs');
    await page.fill('#a-budget', '20 000');
    await saved('a', 'Action — enregistrée');
    const sheet = server.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName(RU_SHEET)!;
    sheet.getRange('D10').setValue('Titre changé dans la feuille');
    await page.fill('#a-porteur', 'Autre porteur');
    await page.click('#a-save');
    await visible('#a-alert button');
    await expectAccessible(page, 'Action — modifiée par quelqu’un d’autre');
  });

  it('progress tab: no action, loaded, refused, saved', async () => {
    await openSidebarOn(demoServer(), 'Mesures', 2);
    await page.click('#tab-progress');
    await expectAccessible(page, 'Avancement — aucune action choisie');
    await page.fill('#p-search', 'RU-001');
    await page.press('#p-search', 'Enter');
    await visible('#p-form');
    await expectAccessible(page, 'Avancement — action chargée');
    await page.fill('#p-year', '');
    await saveRefused('p', 'p-year', 'Avancement — enregistrement refusé');
    await page.fill('#p-year', '2009');
    await page.fill('#p-avancees', 'Livraison des premiers logements');
    await saved('p', 'Avancement — enregistré');
  });

  it('indicator tab: empty, a value already there, refused, saved', async () => {
    await openSidebarOn(demoServer(), RU_SHEET, 2);
    await page.click('#tab-measure');
    await expectAccessible(page, 'Indicateur — vide');
    await page.selectOption('#m-indicator', 'RU-IND-01');
    await page.fill('#m-year', '2007');
    await page.selectOption('#m-territory', 'Q-PONTANEZEN');
    await visible('#m-existing');
    await expectAccessible(page, 'Indicateur — valeur déjà saisie');
    await page.fill('#m-value', '140');
    await saveRefused('m', 'm-value', 'Indicateur — enregistrement refusé');
    await page.fill('#m-value', '27,5');
    await saved('m', 'Indicateur — enregistré');
  });

  it('decision tab: new, refused, saved, followed up, in conflict', async () => {
    const server = demoServer();
    await openSidebarOn(server, RU_SHEET, 2);
    await page.click('#tab-decision');
    await expectAccessible(page, 'Décision — nouvelle décision');
    await page.fill('#d-concerns', 'RU ; XX-404');
    await saveRefused('d', 'd-instance', 'Décision — enregistrement refusé');
    await page.selectOption('#d-instance', 'comité de pilotage');
    await page.fill('#d-date', '2009-03-10');
    await page.fill('#d-decision', 'Étendre le diagnostic en marchant à Kérourien.');
    await page.fill('#d-concerns', 'RU ; RU-002');
    await saved('d', 'Décision — enregistrée');
    await page.selectOption('#d-suite', 'en cours');
    const sheet = server.fake.globals.SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Décisions')!;
    sheet.getRange('J6').setValue('Changé dans la feuille');
    await page.click('#d-save');
    await visible('#d-alert button');
    await expectAccessible(page, 'Décision — modifiée par quelqu’un d’autre');
  });

  it('the workbook not installed: the load error and its retry button', async () => {
    await openSidebarOn(loadBundle(), 'Feuille 1', 1);
    await visible('#load-error button');
    await expectAccessible(page, 'Panneau — classeur non installé');
  });
});

describe('the report dialog and the help pass WCAG 2.1 AA in every state', () => {
  const openDialog = async (server: LoadedBundle) => {
    ({ page, bridge } = await openPage(browser, server, dialogHtml, {
      url: 'https://dialog.pilotage-cucs.test/',
      viewport: { width: 520, height: 520 },
    }));
  };

  it('choices, preview, validation errors, generation in progress, done', async () => {
    const server = demoServer();
    const santé = server.fake.spreadsheet.inspect.sheet('Santé').values;
    const row = [...santé[1]!];
    row[santé[0]!.indexOf('Statut')] = 'en retard';
    server.fake.addSheetWithValues('Santé', [santé[0]!, row]);
    await openDialog(server);
    await expectAccessible(page, 'Rapport — choix');
    await page.click('#preview');
    await visible('#preview-pane');
    await page.setViewportSize({ width: 1000, height: 720 });
    await expectAccessible(page, 'Rapport — aperçu');
    const preview = (await page.locator('#preview-frame').getAttribute('srcdoc')) ?? '';
    await page.click('#preview-back');
    await page.setViewportSize({ width: 520, height: 520 });
    bridge.delay = 1500;
    await page.click('#generate');
    await visible('#progress');
    await expectAccessible(page, 'Rapport — contrôle en cours');
    await visible('#check');
    expect(await focusedId()).toBe('check-continue');
    await expectAccessible(page, 'Rapport — erreurs du contrôle');
    await page.click('#check-continue');
    await visible('#progress');
    await expectAccessible(page, 'Rapport — génération en cours');
    await visible('#done');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Ouvrir le rapport');
    await expectAccessible(page, 'Rapport — prêt');

    await page.setContent(preview);
    await expectAccessible(page, 'Aperçu du rapport (le document HTML)');
    const outline = await page.evaluate(() => ({
      levels: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
      tables: document.querySelectorAll('table').length,
      tablesWithoutHeaderRow: document.querySelectorAll('table:not(:has(> thead > tr > th))').length,
      charts: document.querySelectorAll('figure svg').length,
      chartsWithoutName: [...document.querySelectorAll('svg')].filter(
        (svg) => svg.getAttribute('role') !== 'img' || (svg.getAttribute('aria-label') ?? '').trim() === '',
      ).length,
    }));
    expect(outline.levels.filter((l) => l === 1)).toHaveLength(1);
    expect(skippedHeadingLevels(outline.levels)).toEqual([]);
    expect(outline.tables).toBeGreaterThan(10);
    expect(outline.tablesWithoutHeaderRow).toBe(0);
    expect(outline.charts).toBeGreaterThanOrEqual(3);
    expect(outline.chartsWithoutName).toBe(0);
  });

  it('a server failure shown in the dialog', async () => {
    const server = demoServer();
    const failing: LoadedBundle = {
      ...server,
      call: (name, ...args) => {
        if (name === 'reportPreview') throw new Error('Le service Google Docs ne répond pas. Réessayez.');
        return server.call(name, ...args);
      },
    };
    await openDialog(failing);
    await page.click('#preview');
    await visible('#error');
    await expectAccessible(page, 'Rapport — erreur du serveur');
  });

  it('the help dialog', async () => {
    page = await browser.newPage({ viewport: { width: 520, height: 480 } });
    await page.setContent(HELP_HTML);
    await expectAccessible(page, 'Aide');
  });

  it('the environment check, with points to verify (a spreadsheet left in GMT)', async () => {
    const server = loadBundle({ spreadsheetTimeZone: 'Etc/GMT' });
    server.call('installWithPreset', { preset: 'cucs-brest-2006' });
    server.call('checkEnvironment');
    const dialog = server.fake.ui.dialogs.at(-1)!;
    expect(dialog.content).toContain('à vérifier');
    page = await browser.newPage({ viewport: { width: 640, height: 560 } });
    await page.setContent(dialog.content);
    await expectAccessible(page, 'Vérifier l’environnement');
  });
});

/** Presses Tab until the focus comes back to where it started: the ids (or texts) met, in order. */
async function tabStops(): Promise<{ stop: string; ring: boolean }[]> {
  const stops: { stop: string; ring: boolean }[] = [];
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    const current = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const ring =
        (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none';
      return { stop: el.id || (el.textContent ?? '').trim(), ring };
    });
    // A date field is three stops (day, month, year) of one control.
    if (current === null || current.stop === stops.at(-1)?.stop) continue;
    if (stops.length > 0 && current.stop === stops[0]!.stop) break;
    stops.push(current);
  }
  return stops;
}

/** Every control a user can act on in the page as shown (visible, enabled, not taken out of the tab order). */
const controls = () =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')]
      .filter(
        (el) =>
          el.getAttribute('tabindex') !== '-1' &&
          !(el as HTMLButtonElement).disabled &&
          el.getClientRects().length > 0 &&
          getComputedStyle(el).visibility !== 'hidden',
      )
      .map((el) => el.id || (el.textContent ?? '').trim()),
  );

describe('keyboard only', () => {
  it('reaches every control of each sidebar tab with Tab, with a visible focus', async () => {
    await openSidebarOn(demoServer(), RU_SHEET, 3);
    await page.fill('#a-search', 'RU-00');
    await visible('#a-search-results button');
    for (const tab of ['action', 'progress', 'measure', 'decision']) {
      await page.focus(`#tab-${tab}`);
      await page.keyboard.press('Enter');
      const stops = await tabStops();
      expect(stops.map((s) => s.stop).sort()).toEqual((await controls()).sort());
      expect(stops.filter((s) => !s.ring)).toEqual([]);
    }
  });

  it('reaches every control of the report dialog with Tab, with a visible focus', async () => {
    ({ page, bridge } = await openPage(browser, demoServer(), dialogHtml, {
      url: 'https://dialog.pilotage-cucs.test/',
      viewport: { width: 520, height: 520 },
    }));
    const stops = await tabStops();
    expect(stops.map((s) => s.stop)).toEqual(['year', 'scope', 'preview', 'generate']);
    expect(stops.filter((s) => !s.ring)).toEqual([]);
    await page.focus('#generate');
    await page.keyboard.press('Enter');
    await visible('#done');
    const done = await tabStops();
    expect(done.map((s) => s.stop).sort()).toEqual(['Ouvrir le rapport', 'done-close']);
    expect(done.filter((s) => !s.ring)).toEqual([]);
  });

  it('fills and saves an action with the keyboard alone', async () => {
    const server = demoServer();
    await openSidebarOn(server, RU_SHEET, 3);
    await page.focus('#a-porteur');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Régie de quartier');
    await page.keyboard.press('Enter');
    await visible('#toast');
    expect(await focusedId()).toBe('toast');
    await page.keyboard.press('Escape');
    expect(await page.isHidden('#toast')).toBe(true);
    expect(await focusedId()).toBe('a-save');
    const values = server.fake.spreadsheet.inspect.sheet(RU_SHEET).values;
    expect(values[2]![values[0]!.indexOf('Porteur (maître d’œuvre)')]).toBe('Régie de quartier');
  });
});

describe('the sidebar with its text at 200 %', () => {
  it('has no horizontal scroll, no text cut and nothing overlapping, in each tab', async () => {
    await openSidebarOn(demoServer(), RU_SHEET, 3);
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('26px');
    for (const tab of ['action', 'progress', 'measure', 'decision']) {
      await page.setViewportSize({ width: 300, height: 800 });
      await page.click(`#tab-${tab}`);
      // The whole page in view: the sticky save bar sits where the flow puts it.
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({ width: 300, height });
      const layout = await page.evaluate((panelId) => {
        const panel = document.getElementById(panelId)!;
        const root = document.documentElement;
        // What a scrolling list (the territories) hides is not on screen: each box is clipped by them.
        const onScreen = (el: Element) => {
          let rect = el.getBoundingClientRect();
          for (let up = el.parentElement; up && up !== panel; up = up.parentElement) {
            if (getComputedStyle(up).overflowY === 'visible') continue;
            const clip = up.getBoundingClientRect();
            const top = Math.max(rect.top, clip.top);
            const bottom = Math.min(rect.bottom, clip.bottom);
            rect = new DOMRect(rect.left, top, rect.width, Math.max(0, bottom - top));
          }
          return rect;
        };
        const shown = (el: Element) => el.getClientRects().length > 0 && onScreen(el).height > 0;
        const boxes = [
          ...panel.querySelectorAll<HTMLElement>(
            'label, legend, p, h2, button, input, select, textarea, li, [role="tab"]',
          ),
          ...document.querySelectorAll<HTMLElement>('[role="tab"]'),
        ].filter(shown);
        const describe = (el: Element) =>
          el.id || `${el.tagName.toLowerCase()} « ${el.textContent?.trim()} »`;
        const cut = boxes
          .filter((el) => {
            if (el instanceof HTMLInputElement && el.type === 'checkbox') return false;
            if (el instanceof HTMLInputElement || el instanceof HTMLSelectElement) {
              const size = Number.parseFloat(getComputedStyle(el).fontSize);
              return el.getBoundingClientRect().height < size * 1.3;
            }
            return !(el instanceof HTMLTextAreaElement) && el.scrollWidth > el.clientWidth + 1;
          })
          .map(describe);
        const overlapping: string[] = [];
        const rects = boxes.map((el) => [el, onScreen(el)] as const);
        for (const [i, [a, ra]] of rects.entries()) {
          for (const [b, rb] of rects.slice(i + 1)) {
            if (a.contains(b) || b.contains(a)) continue;
            const x = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
            const y = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
            if (x > 1 && y > 1) overlapping.push(`${describe(a)} / ${describe(b)}`);
          }
        }
        return {
          page: root.scrollWidth - root.clientWidth,
          panel: panel.scrollWidth - panel.clientWidth,
          cut,
          overlapping,
        };
      }, `panel-${tab}`);
      expect({ tab, ...layout }).toEqual({ tab, page: 0, panel: 0, cut: [], overlapping: [] });
      await page.screenshot({ path: screenshotPath(`sidebar-200pc-${tab}.png`), fullPage: true });
    }
  });
});
