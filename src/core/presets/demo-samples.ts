/** The shape of a preset's sample content for the demo workbook. */

/** Label, unit, desired direction, baseline, target, source. */
export type DemoIndicatorSample = [string, string, 'hausse' | 'baisse', number, number, string];

export interface DemoSamples {
  porteurs: string[];
  titles: string[];
  indicators: DemoIndicatorSample[];
}
