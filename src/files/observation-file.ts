/**
 * An observation file chosen by the user, by its format: a .csv's bytes (csv.ts) or an .xlsx's sheets
 * (xlsx-grids.ts, once the edition has unzipped it), read into core's list of values. The same
 * reading in both editions: `pilotage-cucs importer` and the add-on's import dialog.
 */
import type { Grid } from '../core/cells';
import { type ObservationFile, type ReadOptions, readObservations } from '../core/observation/parse';

export type ObservationFormat = 'csv' | 'xlsx';

/** The format of a file by its name (.txt is how some producers name a .csv); null for any other. */
export function observationFormat(fileName: string): ObservationFormat | null {
  if (/\.(csv|txt)$/i.test(fileName)) return 'csv';
  if (/\.xlsx$/i.test(fileName)) return 'xlsx';
  return null;
}

/** The values of a workbook's sheets, in tab order: the first sheet with a header line holds them. */
export function readWorkbookObservations(
  grids: ReadonlyMap<string, Grid>,
  options: Pick<ReadOptions, 'year'> = {},
): ObservationFile {
  return readObservations(
    [...grids].map(([name, grid]) => ({ name, grid })),
    options,
  );
}
