/** The demo's indicators and their values, moving from the baseline towards the target with some noise. */

import type { DemoSamples } from '../presets/demo-samples';
import type { DomainRef } from '../referentiel';
import { codeLabel } from '../workbook';
import { type Builder, pick } from './sheets';

export interface DemoIndicator {
  code: string;
  unit: string;
  direction: 'hausse' | 'baisse';
  baseline: number;
  target: number;
}

export function addIndicators(
  b: Builder,
  domains: DomainRef[],
  samples: (domain: DomainRef) => DemoSamples,
  perDomain: number,
  [baselineYear, targetYear]: [number, number],
  rnd: () => number,
): DemoIndicator[] {
  const all: DemoIndicator[] = [];
  for (const domain of domains) {
    const catalogue = samples(domain).indicators;
    for (let i = 0; i < perDomain; i++) {
      const [label, unit, direction, baseline, target, source] = catalogue[i % catalogue.length]!;
      const variant = Math.floor(i / catalogue.length);
      const objective = domain.objectives[i % domain.objectives.length]!;
      const code = `${domain.code}-IND-${String(i + 1).padStart(2, '0')}`;
      b.put({
        code,
        domain: codeLabel(domain.code, domain.name),
        objective: codeLabel(objective.code, objective.label),
        label: variant === 0 ? label : `${label} (série ${variant + 1})`,
        kind: pick(rnd, ['contexte', 'résultat', 'réalisation'] as const),
        unit,
        direction,
        baseline,
        baselineYear,
        target,
        targetYear,
        source,
        comment: '',
      });
      all.push({ code, unit, direction, baseline, target });
    }
  }
  return all;
}

export function addMeasures(
  b: Builder,
  indicators: DemoIndicator[],
  territories: string[],
  years: number[],
  reportingYear: number,
  measureCount: number | undefined,
  rnd: () => number,
): void {
  // The demo measures the agglomération and the quartiers up to the reporting year; the large workbook fills all.
  const places = measureCount ? territories : territories.filter((t) => t === 'BMO' || t.startsWith('Q-'));
  const measured = measureCount ? years : years.filter((y) => y <= reportingYear);
  // A capped count fills the latest years first, so that every indicator has its reporting-year value.
  const order = measureCount ? [...measured].reverse() : measured;
  let count = 0;
  for (const year of order) {
    const step = measured.indexOf(year) + 1;
    for (const indicator of indicators) {
      for (const territory of places) {
        if (measureCount !== undefined && count >= measureCount) return;
        b.put({
          indicator: indicator.code,
          year,
          territory,
          value: measureValue(indicator, step, territoryScale(indicator, territory, rnd), rnd),
          source: 'Observatoire du contrat',
          comment: '',
          updatedAt: new Date(year, 11, 15, 9, 0),
          updatedBy: 'observatoire@brest.fr',
        });
        count++;
      }
    }
  }
}

/** Rates are of the same order everywhere; counts of a quartier are a fraction of the agglomération's. */
function territoryScale(ind: DemoIndicator, territory: string, rnd: () => number): number {
  if (territory === 'BMO') return 1;
  return ind.unit === '%' || ind.unit === 'taux pour 1000' ? 0.9 + rnd() * 0.5 : 0.08 + rnd() * 0.1;
}

/** A value moving from the baseline towards the target, with some noise, rounded as its unit wants. */
function measureValue(ind: DemoIndicator, step: number, scale: number, rnd: () => number): number {
  const progress = Math.min(1.1, step * (0.2 + rnd() * 0.3)) - (rnd() < 0.15 ? 0.3 : 0);
  const raw = (ind.baseline + (ind.target - ind.baseline) * progress) * scale;
  const value = ind.unit === '%' ? Math.min(100, Math.max(0, raw)) : Math.max(0, raw);
  return ind.unit === '%' || ind.unit === 'taux pour 1000' ? Math.round(value * 10) / 10 : Math.round(value);
}
