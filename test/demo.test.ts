import { buildDemoWorkbook } from '../src/core/demo';
import { readWorkbook } from '../src/core/records';

describe('demo workbook', () => {
  it('is a clean, fictional workbook of the five domains', () => {
    const data = readWorkbook(buildDemoWorkbook());
    expect(data.problems).toEqual([]);
    expect(data.actions).toHaveLength(40);
    expect(new Set(data.actions.map((a) => a.record.domain))).toEqual(
      new Set(['RU', 'RE', 'IE', 'SA', 'PD']),
    );
    // 4 per domain, and 6 context indicators of the (fictional) observation data.
    expect(data.indicators).toHaveLength(26);
    expect(data.settings.fictional).toBe(true);
    expect(data.settings.reportingYear).toBe(2008);
    expect(data.territories.map((t) => t.code)).toContain('Q-PONTANEZEN');
  });

  it('closes every action budget with credits and co-funding', () => {
    for (const { record } of readWorkbook(buildDemoWorkbook()).actions) {
      const cofunding = Object.values(record.funding).reduce((a, b) => a + b, 0);
      expect((record.credits ?? 0) + cofunding).toBe(record.budget);
    }
  });

  it('scales to the large benchmark workbook', () => {
    const data = readWorkbook(
      buildDemoWorkbook({ actionsPerDomain: 200, indicatorsPerDomain: 30, measureCount: 10_000 }),
    );
    expect(data.actions).toHaveLength(1000);
    expect(data.indicators).toHaveLength(150);
    expect(data.measures).toHaveLength(10_000);
    expect(data.problems).toEqual([]);
  });

  it('is deterministic', () => {
    expect(buildDemoWorkbook({ seed: 7 })).toEqual(buildDemoWorkbook({ seed: 7 }));
  });
});
