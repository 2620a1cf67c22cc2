/**
 * The demo workbook installed in the Apps Script fake, for the sidebar's server and browser tests:
 * the install gives the real formats ('@' text columns), the demo fills it with 40 actions.
 */
import { buildDemoWorkbook } from '../src/core/demo';
import { runInstall } from '../src/gas/install';
import { createGasFake, type GasFake } from './fake';

export const RU_SHEET = 'Renouvellement urbain, habitat';

export interface DemoFake {
  fake: GasFake;
  restore: () => void;
}

/** A fake spreadsheet holding the installed demo workbook, its globals installed; call restore() after. */
export function installedDemo(
  userEmail = 'pilote.ru@brest.fr',
  options: Parameters<typeof createGasFake>[0] = {},
): DemoFake {
  const fake = createGasFake({ ...options, userEmail });
  const restore = fake.install();
  runInstall();
  for (const [name, grid] of buildDemoWorkbook()) fake.addSheetWithValues(name, grid);
  fake.calls.reset();
  return { fake, restore };
}
