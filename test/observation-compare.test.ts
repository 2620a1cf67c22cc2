import { buildDemoWorkbook } from '../src/core/demo';
import {
  combine,
  compareTerritory,
  evolutionWord,
  gapTrendWord,
  ObservationIndex,
  placesOf,
} from '../src/core/observation/compare';
import { readWorkbook } from '../src/core/records';

const data = readWorkbook(buildDemoWorkbook());
const index = new ObservationIndex(data.measures.map((m) => m.record));
const indicators = data.indicators.map((i) => i.record);
const indicator = (code: string) => indicators.find((i) => i.code === code)!;

function comparison(territory: string, code: string, year = 2008) {
  const places = placesOf(data.territories, territory)!;
  return compareTerritory(indicators, places, year, index).find((c) => c.indicator.code === code)!;
}

describe('a quartier against its commune and the agglomération', () => {
  it('finds the commune and the agglomération by the Rattachement chain', () => {
    const places = placesOf(data.territories, 'Q-PONTANEZEN')!;
    expect([places.commune?.code, places.agglomeration?.code]).toEqual(['BREST', 'BMO']);
    expect(placesOf(data.territories, 'BMO')).toMatchObject({ commune: null, agglomeration: null });
  });

  it('gives a rate’s gap in points and says it narrows when the quartier catches up', () => {
    // Pontanézen’s unemployment: 27,5 % in 2006, 25,1 % in 2008; Brest 12,6 % then 11,2 %; BMO 9,1 % in 2008.
    const c = comparison('Q-PONTANEZEN', 'CTX-CHOM');
    expect(c.kind).toBe('points');
    expect(c.gapCommune).toBeCloseTo(13.9, 9);
    expect(c.gapAgglomeration).toBeCloseTo(16.0, 9);
    expect(c.baselineGapCommune).toBeCloseTo(14.9, 9);
    expect(c.change).toBeCloseTo(-2.4, 9);
    expect([c.changeWord, c.gapWord]).toEqual(['amélioration', 'écart qui se réduit']);
  });

  it('says the gap widens when the quartier falls behind further', () => {
    // Kérédern: 24,8 % then 25,9 %, against 12,6 % then 11,2 %: 12,2 points, then 14,7.
    const c = comparison('Q-KEREDERN', 'CTX-CHOM');
    expect(c.gapCommune).toBeCloseTo(14.7, 9);
    expect([c.changeWord, c.gapWord]).toEqual(['dégradation', 'écart qui se creuse']);
  });

  it('gives an amount’s gap as a ratio, and a count as a share', () => {
    const income = comparison('Q-PONTANEZEN', 'CTX-REVMED');
    expect(income.kind).toBe('ratio');
    expect(income.gapCommune).toBeCloseTo(9460 / 16480, 12);
    expect(income.baselineGapCommune).toBeCloseTo(9120 / 15940, 12);
    expect(income.gapWord).toBe('écart qui se réduit');
    const population = comparison('Q-PONTANEZEN', 'CTX-POP');
    expect(population.kind).toBe('part');
    expect(population.gapCommune).toBeCloseTo(4780 / 142100, 12);
    expect(population.gapWord).toBeNull();
  });

  it('keeps a secret value as such: no gap, no word, never a zero', () => {
    const c = comparison('Q-KEROURIEN', 'CTX-REVMED');
    expect(c.territory).toEqual({ value: null, marker: 'secret statistique' });
    expect([c.gapCommune, c.change, c.gapWord, c.changeWord]).toEqual([null, null, null, null]);
  });

  it('words an advance from the quartier’s side', () => {
    expect(gapTrendWord('points', 'baisse', -2, -3)).toBe('avance qui s’accroît');
    expect(gapTrendWord('points', 'hausse', 2, 1)).toBe('avance qui se réduit');
    expect(gapTrendWord('points', 'hausse', -2, -2)).toBe('écart stable');
    expect(gapTrendWord('ratio', 'hausse', 0.5, 0.8)).toBe('écart qui se réduit');
    expect(evolutionWord('baisse', 1.5)).toBe('dégradation');
  });
});

describe('combining territories by the indicator’s rule', () => {
  const quartiers = data.territories.filter((t) => t.level === 'quartier prioritaire').map((t) => t.code);

  it('sums counts and weights rates by the named population', () => {
    expect(combine(indicator('CTX-POP'), 2008, quartiers, index)).toBe(
      4780 + 9420 + 3240 + 1310 + 3960 + 2560 + 5060,
    );
    const weighted =
      (25.1 * 3010 + 20.6 * 6300 + 25.9 * 2100 + 28.4 * 830 + 16.5 * 2760 + 19.0 * 1660 + 15.8 * 3280) /
      (3010 + 6300 + 2100 + 830 + 2760 + 1660 + 3280);
    expect(combine(indicator('CTX-CHOM'), 2008, quartiers, index)).toBeCloseTo(weighted, 9);
  });

  it('does not combine a median, nor territories of which one is secret', () => {
    expect(combine(indicator('CTX-REVMED'), 2008, ['Q-PONTANEZEN', 'Q-BELLEVUE'], index)).toBeNull();
    expect(combine({ ...indicator('CTX-REVMED'), aggregation: 'somme' }, 2008, quartiers, index)).toBeNull();
  });
});
