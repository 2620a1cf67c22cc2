/**
 * Errors the command-line tool reports to the user: a French message and an exit code, never a stack.
 * Exit codes: 1 = the workbook has errors (valider), 2 = the command could not do its job.
 */
import { de } from '../core/typography';

export const EXIT_OK = 0;
export const EXIT_DATA_ERRORS = 1;
export const EXIT_FAILURE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A Node file-system error (ENOENT, EACCES…) as a sentence about the file the user named. */
export function fileError(error: unknown, path: string, doing: 'lire' | 'écrire'): CliError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const quoted = `« ${path} »`;
  switch (code) {
    case 'ENOENT':
      return new CliError(
        doing === 'lire'
          ? `Fichier introuvable : ${quoted}. Vérifiez le chemin (ou créez le classeur avec « pilotage-cucs init »).`
          : `Dossier introuvable pour ${quoted} : créez d’abord le dossier ou choisissez un autre chemin.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new CliError(`Accès refusé à ${quoted} : vous n’avez pas le droit ${de(doing)} ce fichier.`);
    case 'EBUSY':
      return new CliError(
        `Le fichier ${quoted} est verrouillé par une autre application : fermez-le puis relancez la commande.`,
      );
    case 'EISDIR':
      return new CliError(`${quoted} est un dossier, pas un fichier.`);
    case 'ENOTDIR':
      return new CliError(`Chemin impossible : une partie de ${quoted} est un fichier, pas un dossier.`);
    case 'EROFS':
      return new CliError(`Impossible d’écrire ${quoted} : le disque est en lecture seule.`);
    case 'ENOSPC':
      return new CliError(`Impossible d’écrire ${quoted} : le disque est plein.`);
    default:
      return new CliError(
        `Impossible ${de(doing)} ${quoted} : ${error instanceof Error ? error.message : String(error)}`,
      );
  }
}
