/**
 * An .xlsx chosen in a dialog, unzipped by Apps Script (Utilities.unzip: no zlib in its V8) and read
 * by the same format readers as the offline edition (src/files). The file's bytes never leave the
 * script: no Drive scope.
 */
import type { Grid } from '../core/cells';
import { ObservationFileError } from '../core/observation/parse';
import { readGrids } from '../files/xlsx-grids';
import { PartError, XlsxPackage } from '../files/xlsx-package';

/** The sheets of an .xlsx by name, in tab order; a file that is not one says so in French. */
export function readXlsxGrids(bytes: GoogleAppsScript.Byte[]): Map<string, Grid> {
  try {
    const blobs = Utilities.unzip(Utilities.newBlob(bytes, 'application/zip'));
    const parts = new Map(blobs.map((blob) => [(blob.getName() ?? '').replace(/^\//, ''), blob]));
    const pkg = new XlsxPackage({
      has: (path) => parts.has(path),
      text: (path) => parts.get(path)!.getDataAsString('UTF-8'),
    });
    return readGrids(pkg).grids;
  } catch (error) {
    const cause =
      error instanceof PartError
        ? ` : impossible de lire ${error.part}`
        : ' (archive endommagée ou fichier d’un autre format)';
    throw new ObservationFileError(
      `Classeur .xlsx illisible${cause}. Ouvrez-le dans Excel, LibreOffice ou Google Sheets, enregistrez-le à nouveau au format .xlsx, puis choisissez-le.`,
    );
  }
}
