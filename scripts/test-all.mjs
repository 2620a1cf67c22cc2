// `npm run test:all`: every test on a fresh Debian machine with Node.js. Says in French what it installs
// and why, installs the missing system packages (as root, with apt-get) and the npm dependencies (npm ci),
// then runs `npm test`. A test file that needs a system tool names it in a `@requires <tool>` line; when
// the tool cannot be installed (no root, no network), that file is left out of jest and reported as NOT
// RUN, and the command fails: a run that skipped tests is never reported as passed.
// Only Node's built-in modules here: node_modules may not exist yet.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const onPath = (command) =>
  (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

/** The system tools the tests use: how to tell they are there, the Debian packages that bring them, why. */
const TOOLS = {
  chromium: {
    present: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
    packages: ['chromium'],
    why: 'le navigateur sans écran où tournent le panneau latéral et les boîtes de dialogue',
  },
  libreoffice: {
    present: () => onPath('soffice'),
    packages: ['libreoffice-writer-nogui', 'libreoffice-calc-nogui'],
    why: 'ouvrir le classeur et le rapport générés, comme le ferait une collectivité',
  },
  poppler: {
    present: () => ['pdfinfo', 'pdftotext', 'pdftoppm'].every(onPath),
    packages: ['poppler-utils'],
    why: 'lire le PDF du rapport (pages, texte) et en faire des images',
  },
  fonts: {
    present: () => existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'),
    packages: ['fonts-dejavu-core'],
    why: 'la police des graphiques du rapport',
  },
  openpyxl: {
    present: () => spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0,
    packages: ['python3-openpyxl'],
    why: 'relire les classeurs .xlsx avec une autre bibliothèque que exceljs',
  },
};

const say = (line = '') => process.stdout.write(`${line}\n`);
const run = (command, args, env = {}, stdio = 'inherit') =>
  spawnSync(command, args, { cwd: root, stdio, env: { ...process.env, ...env } }).status ?? 1;

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'artifacts' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Each test file with the tools its `@requires` lines name. */
function requirements() {
  return testFiles(join(root, 'test')).map((path) => {
    const file = relative(root, path);
    const tools = [...readFileSync(path, 'utf8').matchAll(/@requires ([\w -]+)/g)].flatMap((m) =>
      m[1].trim().split(/\s+/),
    );
    for (const tool of tools) {
      if (!TOOLS[tool]) throw new Error(`${file} demande un outil inconnu : « ${tool} ».`);
    }
    return { file, tools };
  });
}

function installSystemPackages(missing) {
  const packages = missing.flatMap((name) => TOOLS[name].packages);
  say('Paquets Debian à installer pour les tests :');
  for (const [i, name] of missing.entries()) {
    say(`  - ${TOOLS[name].packages.join(', ')} : ${TOOLS[name].why}${i < missing.length - 1 ? ' ;' : '.'}`);
  }
  const byHand = `apt-get install --no-install-recommends ${packages.join(' ')}`;
  if (!onPath('apt-get')) {
    say(`apt-get est introuvable : installez à la main l’équivalent de « ${byHand} », puis relancez.`);
    return;
  }
  if (process.getuid?.() !== 0) {
    say(`Sans les droits root, je ne peux pas les installer : lancez « sudo ${byHand} », puis relancez.`);
    return;
  }
  say(
    `Installation avec apt-get (quelques minutes ; seules ses erreurs s’affichent) : ${packages.join(' ')}.`,
  );
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  const errorsOnly = ['ignore', 'ignore', 'inherit'];
  const installed =
    run('apt-get', ['update', '-qq'], env, errorsOnly) === 0 &&
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], env, errorsOnly) === 0;
  if (!installed) {
    say(`L’installation a échoué (pas de réseau ?) : lancez « ${byHand} » une fois le réseau revenu.`);
  }
}

/** Whether node_modules holds every package of package-lock.json at its version (optional ones aside). */
function npmDependenciesReady() {
  if (!existsSync(join(root, 'node_modules'))) return false;
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  return Object.entries(lock.packages).every(([path, entry]) => {
    if (path === '' || entry.link || entry.optional || entry.devOptional) return true;
    try {
      return JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')).version === entry.version;
    } catch {
      return false;
    }
  });
}

function installNpmDependencies() {
  if (npmDependenciesReady()) return true;
  if (existsSync(join(root, 'node_modules')) && lstatSync(join(root, 'node_modules')).isSymbolicLink()) {
    say('node_modules est un lien vers un autre dossier et ne correspond pas à package-lock.json :');
    say('mettez ce dossier à jour (npm ci, là où il est), puis relancez.');
    return false;
  }
  say('Dépendances npm : npm ci installe celles de package-lock.json (TypeScript, jest, exceljs, docx…).');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) === 0) return true;
  say('npm ci a échoué (pas d’accès au registre npm ?) : aucun test ne peut tourner sans ses dépendances.');
  return false;
}

function main() {
  const files = requirements();
  const missing = Object.keys(TOOLS).filter((name) => !TOOLS[name].present());
  if (missing.length > 0) installSystemPackages(missing);
  const absent = new Set(Object.keys(TOOLS).filter((name) => !TOOLS[name].present()));
  if (!installNpmDependencies()) return 1;

  const notRun = files.filter((f) => f.tools.some((tool) => absent.has(tool)));
  for (const { file, tools } of notRun) {
    say(`NON EXÉCUTÉ : ${file} (il lui faut ${tools.filter((t) => absent.has(t)).join(', ')}).`);
  }
  say(`Tests : types, lint, construction, puis jest sur ${files.length - notRun.length} fichiers de test.`);
  // `npm test` ends with jest: the arguments after « -- » go to it.
  const ignored = ['/node_modules/', ...notRun.map((f) => f.file.replace(/[.]/g, '\\.'))];
  const status = run('npm', ['test', '--', '--testPathIgnorePatterns', ...ignored]);

  const ran = files.length - notRun.length;
  const lacking = [...absent].filter((tool) => notRun.some((f) => f.tools.includes(tool)));
  const counted =
    notRun.length === 1 ? 'un fichier de test NON EXÉCUTÉ' : `${notRun.length} fichiers NON EXÉCUTÉS`;
  const incomplete = notRun.length
    ? ` ; ${counted} faute de ${lacking.join(', ')} : vérification incomplète`
    : '';
  if (status !== 0) say(`Bilan : des tests ont échoué (voir ci-dessus)${incomplete}.`);
  else if (notRun.length) say(`Bilan : les ${ran} fichiers de test exécutés sont passés${incomplete}.`);
  else say(`Bilan : les ${ran} fichiers de test ont tous été exécutés et sont passés.`);
  return status || (notRun.length ? 1 : 0);
}

process.exitCode = main();
