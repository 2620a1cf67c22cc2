/** The compact shape presets are written in, and its expansion into a référentiel. */
import type { AxisRef, DomainRef, Referentiel } from '../referentiel';

/** A domain whose objectives are [label, action lines] pairs, numbered in order. */
export type RawDomain = Omit<DomainRef, 'objectives'> & { objectives: [string, string[]][] };

/** Objective codes are the domain code and the objective's number (RU1); action lines add theirs (RU1.2). */
function buildDomain(raw: RawDomain): DomainRef {
  return {
    ...raw,
    objectives: raw.objectives.map(([label, lines], i) => {
      const code = `${raw.code}${i + 1}`;
      return { code, label, lines: lines.map((line, j) => ({ code: `${code}.${j + 1}`, label: line })) };
    }),
  };
}

export function rawReferentiel(domains: RawDomain[], axes: AxisRef[]): Referentiel {
  return { domains: domains.map(buildDomain), axes };
}
