/**
 * `pilotage-cucs`: the offline edition on the command line. Arguments are parsed here; the commands
 * live in commands.ts, report-command.ts and import-command.ts. Every message is French; a failure prints one sentence, never a stack trace.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { frenchSpacing } from '../core/typography';
import { type CliContext, closeCommand, initCommand, reopenCommand, validateCommand } from './commands';
import { CliError, EXIT_FAILURE, EXIT_OK } from './errors';
import { importCommand } from './import-command';
import { demoCommand, reportCommand } from './report-command';

export const VERSION = '0.1.0';

export const HELP = `pilotage-cucs — édition hors ligne de Pilotage CUCS (Excel, LibreOffice, Word)

Le même classeur, les mêmes contrôles et le même rapport annuel que le module Google Sheets,
sur des fichiers .xlsx et .docx, sans compte Google.

Utilisation :
  pilotage-cucs init <classeur.xlsx> [--modele NOM] [--ecraser | --mettre-a-jour]
  pilotage-cucs valider <classeur.xlsx> [--sans-ecrire]
  pilotage-cucs rapport <classeur.xlsx> [--annee N] [--territoire CODE | --domaine CODE] [-o rapport.docx]
  pilotage-cucs importer <classeur.xlsx> <fichier.csv|xlsx> [--annee N] [--associer VAR=IND] [--sans-ecrire]
  pilotage-cucs cloturer <classeur.xlsx> --annee N [--motif TEXTE]
  pilotage-cucs rouvrir <classeur.xlsx> --annee N --motif TEXTE
  pilotage-cucs demo [dossier] [--modele NOM | --grand]
  pilotage-cucs aide [commande]

Commandes :
  init      Crée le classeur structuré : feuilles, en-têtes et leurs notes, listes déroulantes,
            formats, ligne d’en-tête figée. Ne remplace pas un fichier existant, sauf avec
            --ecraser ; --mettre-a-jour complète un classeur existant sans rien effacer.
  valider   Contrôle le classeur avec les règles du module : affiche les problèmes, écrit la
            feuille Contrôles et les ID des actions saisies sans ID. Rien d’autre n’est modifié.
  rapport   Écrit le rapport annuel au format Word (.docx) : page de titre, sommaire, synthèse,
            domaines, territoires, financements, annexes, graphiques.
  importer  Importe un fichier de données d’observation (INSEE, CAF…) dans la feuille Mesures :
            affiche d’abord ce qui sera créé, remplacé et ignoré, puis écrit en une fois.
  cloturer  Clôture une année après le comité de pilotage : ses chiffres sont arrêtés dans la
            feuille Clôtures ; le rapport de l’année les reprend et « valider » signale toute
            valeur de l’année modifiée depuis.
  rouvrir   Rouvre une année clôturée, avec un motif noté au Journal.
  demo      Écrit dans le dossier (par défaut « demo-cucs ») un classeur fictif du CUCS de Brest,
            le valide et écrit son rapport.

Options :
  --modele NOM       (init, demo) modèle du contrat : cucs-brest-2006 (par défaut),
                     contrat-de-ville-2015 ou quartiers-2030
  --ecraser          (init) remplace un classeur existant par un classeur vide
  --mettre-a-jour    (init) ajoute à un classeur existant les feuilles, colonnes et listes manquantes
  --sans-ecrire      (valider) affiche les problèmes sans modifier le classeur
  --annee N          (rapport) année du rapport ; par défaut, l’« Année de rapport » des Paramètres ;
                     (cloturer, rouvrir) année à clôturer ou à rouvrir
  --motif TEXTE      (rouvrir) motif de la réouverture ; (cloturer) motif d’une clôture malgré
                     des erreurs
  --territoire CODE  (rapport) rapport d’un territoire (code de la feuille Territoires)
  --domaine CODE     (rapport) rapport d’un domaine : son code dans la feuille Référentiel (ex. RU)
  --associer VAR=IND (importer) associe une variable du fichier à un indicateur ; retenu
                     dans la colonne « Variables sources » pour les imports suivants
  --sans-ecrire      (importer) affiche l’aperçu de l’import sans modifier le classeur
  --grand            (demo) le grand classeur : 1 000 actions, 150 indicateurs, 10 000 mesures
  -o, --sortie FICHIER  (rapport) fichier .docx à écrire ; par défaut rapport-annuel-N.docx
                     à côté du classeur
  -h, --help         affiche cette aide ; --version affiche la version

Codes de sortie : 0 réussite ; 1 le classeur contient des erreurs (valider) ;
2 la commande n’a pas pu aboutir (fichier introuvable, illisible, verrouillé, option invalide).

Exemples :
  pilotage-cucs demo
  pilotage-cucs init classeur-cucs.xlsx
  pilotage-cucs valider classeur-cucs.xlsx
  pilotage-cucs rapport classeur-cucs.xlsx --annee 2008 --territoire Q-PONTANEZEN -o pontanezen-2008.docx
`;

const COMMAND_HELP: Record<string, string> = {
  init: `pilotage-cucs init <classeur.xlsx> [--modele NOM] [--ecraser | --mettre-a-jour]

Crée le classeur structuré de Pilotage CUCS : Paramètres, Référentiel, Territoires, Financeurs,
une feuille d’actions par domaine, Indicateurs, Mesures, Journal, Contrôles. Chaque en-tête porte
une note ; les listes déroulantes viennent du Référentiel et des Territoires.
  --modele NOM     le modèle qui remplit le Référentiel et les Paramètres :
                     cucs-brest-2006         les cinq domaines du CUCS de Brest (par défaut)
                     contrat-de-ville-2015   les trois piliers et les axes transversaux
                     quartiers-2030          des enjeux locaux (exemples) et les priorités nationales
                   Le Référentiel se modifie ensuite librement : un domaine ajouté y reçoit sa
                   feuille au prochain « init --mettre-a-jour ».
  --ecraser        remplace un fichier existant par un classeur vide
  --mettre-a-jour  complète un classeur existant (feuilles, colonnes, listes, lignes du
                   référentiel manquantes) sans supprimer ni déplacer aucune donnée
`,
  valider: `pilotage-cucs valider <classeur.xlsx> [--sans-ecrire]

Contrôle le classeur avec les règles du module Google Sheets et affiche chaque problème
(feuille, ligne, colonne, message). Écrit la feuille Contrôles (un lien par cellule en cause),
surligne les cellules concernées et attribue un ID aux actions saisies sans ID (noté au Journal).
Aucune autre cellule n’est modifiée. Code de sortie 1 s’il reste des erreurs.
  --sans-ecrire    affiche les problèmes sans modifier le classeur
`,
  rapport: `pilotage-cucs rapport <classeur.xlsx> [--annee N] [--territoire CODE | --domaine CODE] [-o rapport.docx]

Écrit le rapport annuel consolidé au format Word (.docx), lisible dans Word et LibreOffice Writer.
  --annee N          année du rapport (par défaut, l’« Année de rapport » des Paramètres)
  --territoire CODE  limite le rapport à un territoire et à ce qu’il contient
  --domaine CODE     limite le rapport à un domaine : son code dans la feuille Référentiel (ex. RU)
  -o, --sortie       fichier à écrire (par défaut rapport-annuel-N.docx à côté du classeur)
`,
  importer: `pilotage-cucs importer <classeur.xlsx> <fichier.csv|xlsx> [--annee N] [--associer VAR=IND]… [--sans-ecrire]

Importe dans la feuille Mesures les valeurs d’un fichier d’observation : format long (colonnes
Territoire, Indicateur, Année, Valeur) ou format large de l’INSEE (une ligne par code de territoire,
une colonne par variable, lignes de titre au-dessus de l’en-tête). Séparateur « ; » ou « , »,
virgule décimale, encodage UTF-8 ou Windows-1252 ; « s » = secret statistique, « nd » = non
disponible (jamais lus comme zéro). Les territoires sont reconnus par leur « Code officiel »
(ou leur code), les variables par la colonne « Variables sources » des Indicateurs (ou le code).
Affiche ce qui sera créé, remplacé et ignoré (codes inconnus avec les codes connus les plus
proches), puis met à jour les mesures par (indicateur, année, territoire), sans doublon, et
note l’import au Journal.
  --annee N            année des valeurs, pour un fichier qui ne la donne pas
  --associer VAR=IND   associe la variable VAR du fichier à l’indicateur IND (répétable)
  --sans-ecrire        affiche l’aperçu sans modifier le classeur
`,
  cloturer: `pilotage-cucs cloturer <classeur.xlsx> --annee N [--motif TEXTE]
Clôture l’année N, une fois le rapport discuté en comité : contrôle le classeur, puis enregistre
dans la feuille Clôtures les chiffres du rapport de l’année et ses valeurs (mesures, avancées et
freins), avec une empreinte, qui et quand (noté au Journal). Ensuite, le rapport de l’année N
reprend ces chiffres arrêtés et « valider » signale en erreur toute valeur de N modifiée.
  --annee N       année à clôturer
  --motif TEXTE   obligatoire si le classeur contient des erreurs : clôture malgré elles
`,
  rouvrir: `pilotage-cucs rouvrir <classeur.xlsx> --annee N --motif TEXTE
Rouvre une année clôturée pour corriger ses valeurs ; le motif est noté au Journal et dans la
feuille Clôtures. Clôturez-la à nouveau une fois corrigée.
`,
  demo: `pilotage-cucs demo [dossier] [--modele NOM | --grand]

Écrit dans le dossier (créé au besoin, par défaut « demo-cucs ») un classeur de démonstration
du CUCS de Brest aux données fictives (demo-cucs-brest.xlsx), le valide, puis écrit son
rapport annuel (rapport-annuel-2008.docx).
  --modele NOM     la démonstration d’un autre modèle (contrat-de-ville-2015, quartiers-2030) :
                   classeur demo-NOM.xlsx, aux mêmes territoires fictifs
  --grand          un grand classeur (demo-cucs-brest-grand.xlsx : 1 000 actions, 150 indicateurs,
                   10 000 mesures), du modèle par défaut, pour essayer l’édition hors ligne à l’échelle d’un gros contrat
`,
};

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  ecraser: { type: 'boolean' },
  'mettre-a-jour': { type: 'boolean' },
  'sans-ecrire': { type: 'boolean' },
  annee: { type: 'string' },
  territoire: { type: 'string' },
  domaine: { type: 'string' },
  sortie: { type: 'string', short: 'o' },
  grand: { type: 'boolean' },
  associer: { type: 'string', multiple: true },
  modele: { type: 'string' },
  motif: { type: 'string' },
} as const;

/** Which options each command takes: any other is refused rather than silently ignored. */
const ALLOWED: Record<string, (keyof typeof OPTIONS)[]> = {
  init: ['ecraser', 'mettre-a-jour', 'modele'],
  valider: ['sans-ecrire'],
  rapport: ['annee', 'territoire', 'domaine', 'sortie'],
  cloturer: ['annee', 'motif'],
  rouvrir: ['annee', 'motif'],
  demo: ['modele', 'grand'],
  importer: ['annee', 'associer', 'sans-ecrire'],
  aide: [],
};

type Parsed = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;

function parse(argv: string[]): Parsed {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${optionErrorInFrench(error)}\nVoir « pilotage-cucs --help ».`);
  }
}

function optionErrorInFrench(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'([^']+)'/.exec(message ?? '')?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `Option inconnue : « ${option.split(' ')[0]} ».`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `L’option « ${option.split(' ')[0]} » attend une valeur.`;
    default:
      return `Arguments invalides (${message ?? String(error)}).`;
  }
}

function checkOptions(command: string, parsed: Parsed): void {
  const allowed = new Set<string>([...(ALLOWED[command] ?? []), 'help', 'version']);
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === undefined || allowed.has(name)) continue;
    const flag = name === 'sortie' ? '-o/--sortie' : `--${name}`;
    throw new CliError(
      `L’option ${flag} ne s’applique pas à « ${command} ». Voir « pilotage-cucs aide ${command} ».`,
    );
  }
}

function requireOne(positionals: string[], command: string, what: string): string {
  const [first, ...rest] = positionals;
  if (!first)
    throw new CliError(
      `Il manque ${what} : pilotage-cucs ${command} <${what}>. Voir « pilotage-cucs aide ${command} ».`,
    );
  if (rest.length > 0)
    throw new CliError(`Argument en trop : « ${rest[0]} ». Voir « pilotage-cucs aide ${command} ».`);
  return first;
}

/** Runs the command line; returns the exit code. Errors are printed on stderr in French. */
export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  try {
    return await dispatch(argv, ctx);
  } catch (error) {
    // A progress bar left half-drawn would run into the message.
    if (ctx.stdout.isTTY) ctx.stdout.write('\r\x1b[2K');
    if (error instanceof CliError) {
      ctx.stderr.write(`${frenchSpacing(`Erreur : ${error.message}`)}\n`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    ctx.stderr.write(
      `Erreur inattendue : la commande n’a pas abouti et aucun fichier n’a été modifié.\n${detail}\n`,
    );
    return EXIT_FAILURE;
  }
}

async function dispatch(argv: string[], ctx: CliContext): Promise<number> {
  const parsed = parse(argv);
  const [command, ...args] = parsed.positionals;
  if (parsed.values.version) {
    ctx.stdout.write(`pilotage-cucs ${VERSION}\n`);
    return EXIT_OK;
  }
  if (!command || command === 'aide' || command === 'help') {
    const topic = command ? args[0] : undefined;
    ctx.stdout.write(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : HELP);
    return command || parsed.values.help ? EXIT_OK : EXIT_FAILURE;
  }
  if (!(command in ALLOWED)) {
    throw new CliError(
      `Commande inconnue : « ${command} ». Commandes : init, valider, rapport, importer, cloturer, rouvrir, demo, aide.`,
    );
  }
  if (parsed.values.help) {
    ctx.stdout.write(COMMAND_HELP[command] ?? HELP);
    return EXIT_OK;
  }
  checkOptions(command, parsed);
  const v = parsed.values;
  switch (command) {
    case 'init':
      return initCommand(ctx, requireOne(args, 'init', 'classeur.xlsx'), {
        overwrite: v.ecraser === true,
        update: v['mettre-a-jour'] === true,
        preset: v.modele,
      });
    case 'valider':
      return validateCommand(ctx, requireOne(args, 'valider', 'classeur.xlsx'), {
        dryRun: v['sans-ecrire'] === true,
      });
    case 'rapport':
      return reportCommand(ctx, requireOne(args, 'rapport', 'classeur.xlsx'), {
        year: v.annee,
        territory: v.territoire,
        domain: v.domaine,
        output: v.sortie,
      });
    case 'cloturer':
      return closeCommand(ctx, requireOne(args, 'cloturer', 'classeur.xlsx'), {
        year: v.annee,
        reason: v.motif,
      });
    case 'rouvrir':
      return reopenCommand(ctx, requireOne(args, 'rouvrir', 'classeur.xlsx'), {
        year: v.annee,
        reason: v.motif,
      });
    case 'importer': {
      const [workbook, file, ...rest] = args;
      if (!workbook || !file) {
        throw new CliError(
          'Il manque le classeur ou le fichier : pilotage-cucs importer <classeur.xlsx> <fichier.csv|xlsx>. Voir « pilotage-cucs aide importer ».',
        );
      }
      if (rest.length > 0)
        throw new CliError(`Argument en trop : « ${rest[0]} ». Voir « pilotage-cucs aide importer ».`);
      return importCommand(ctx, workbook, file, {
        year: v.annee,
        mapping: v.associer,
        dryRun: v['sans-ecrire'] === true,
      });
    }
    default: {
      if (args.length > 1)
        throw new CliError(`Argument en trop : « ${args[1]} ». Voir « pilotage-cucs aide demo ».`);
      return demoCommand(ctx, args[0] ?? 'demo-cucs', { large: v.grand === true, preset: v.modele });
    }
  }
}

/** The context of a real run: the process's streams, directory, clock and user. */
export function processContext(): CliContext {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    now: () => new Date(),
    user: currentUser(),
  };
}

function currentUser(): string {
  try {
    return userInfo().username || 'inconnu';
  } catch {
    return 'inconnu';
  }
}
