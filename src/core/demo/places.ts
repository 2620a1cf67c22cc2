/**
 * The demo's places: the agglomération, Brest and its quartiers prioritaires, the other communes, and the
 * contract's years.
 */

import type { Builder } from './sheets';
export const QUARTIERS = [
  ['Q-PONTANEZEN', 'Pontanézen'],
  ['Q-BELLEVUE', 'Bellevue'],
  ['Q-KEREDERN', 'Kérédern'],
  ['Q-KEROURIEN', 'Kérourien'],
  ['Q-RECOUVRANCE', 'Recouvrance'],
  ['Q-QUELIVERZAN', 'Quéliverzan'],
  ['Q-LAMBEZELLEC', 'Lambézellec'],
] as const;

export const OTHER_COMMUNES = [
  ['GUIPAVAS', 'Guipavas'],
  ['PLOUZANE', 'Plouzané'],
  ['RELECQ', 'Le Relecq-Kerhuon'],
] as const;

export function addTerritories(
  b: Builder,
  indicatorCount: number,
  measureCount: number | undefined,
): string[] {
  const codes = ['BMO', 'BREST'];
  for (const [code, name] of QUARTIERS) {
    b.put({
      code,
      name,
      level: 'quartier prioritaire',
      parent: 'BREST',
      comment: 'Quartier prioritaire (fictif pour la démonstration).',
    });
    codes.push(code);
  }
  for (const [code, name] of OTHER_COMMUNES) {
    b.put({ code, name, level: 'commune', parent: 'BMO', comment: '' });
    codes.push(code);
  }
  // The large workbook needs more places to hold its measures within a plausible period.
  const wanted = measureCount ? Math.ceil(measureCount / (indicatorCount * 8)) : 0;
  for (let i = codes.length; i < wanted; i++) {
    const code = `SECTEUR-${String(i).padStart(2, '0')}`;
    b.put({ code, name: `Secteur d’observation ${i}`, level: 'autre', parent: 'BREST', comment: '' });
    codes.push(code);
  }
  return codes;
}

/** Three years from the contract's start (2007–2009 for the CUCS); longer when many measures must fit. */
export function contractYears(
  firstYear: number,
  indicatorCount: number,
  territoryCount: number,
  measureCount: number | undefined,
): number[] {
  const span = measureCount ? Math.max(3, Math.ceil(measureCount / (indicatorCount * territoryCount))) : 3;
  return Array.from({ length: span }, (_, i) => firstYear + i);
}
