/**
 * A rewrite changes a workbook's content and nothing of its rights: its mode, its owner and group
 * (when run as root), and a file the user may not write is refused even in a writable folder.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { frenchSpacing as fr } from '../src/core/typography';
import { runCli } from '../src/local/cli';
import { captureContext, tempDir } from './local-helpers';

jest.setTimeout(120_000);

const root = join(__dirname, '..');
const isRoot = process.getuid?.() === 0;
const mode = (path: string) => statSync(path).mode & 0o7777;
// The command as users run it, built once for the tests that run it in a child process.
const outdir = join(root, 'test', 'artifacts', 'cli-rights');
const bundle = join(outdir, 'pilotage-cucs.js');
let built = false;
function buildBundle(): void {
  if (!built)
    execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--outdir', outdir, '--quiet']);
  built = true;
}

describe('file rights on rewrite', () => {
  const { dir, cleanup } = tempDir('rights');
  afterAll(cleanup);
  const template = join(dir, 'modele.xlsx');

  beforeAll(async () => {
    const ctx = captureContext(dir);
    expect(await runCli(['init', 'modele.xlsx'], ctx)).toBe(0);
  });

  const copy = (name: string) => {
    copyFileSync(template, join(dir, name));
    return join(dir, name);
  };

  it('keeps a private file private', async () => {
    const path = copy('prive.xlsx');
    chmodSync(path, 0o600);
    const ctx = captureContext(dir);
    expect(await runCli(['valider', 'prive.xlsx'], ctx)).toBe(0);
    expect(ctx.out()).toContain('Feuille Contrôles mise à jour');
    expect(mode(path)).toBe(0o600);
  });

  it('keeps a group-writable mode as it was', async () => {
    const path = copy('groupe.xlsx');
    chmodSync(path, 0o664);
    expect(await runCli(['valider', 'groupe.xlsx'], captureContext(dir))).toBe(0);
    expect(mode(path)).toBe(0o664);
  });

  it('refuses a read-only file with a French message, exit 2, and leaves it untouched', async () => {
    const path = copy('lecture-seule.xlsx');
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    for (const args of [
      ['valider', 'lecture-seule.xlsx'],
      ['init', 'lecture-seule.xlsx', '--mettre-a-jour'],
    ]) {
      const ctx = captureContext(dir);
      expect(await runCli(args, ctx)).toBe(2);
      expect(ctx.err()).toBe(
        `${fr('Erreur : « lecture-seule.xlsx » est en lecture seule : vous n’avez pas le droit de le modifier, rien n’a été écrit. Demandez le droit d’écriture sur ce fichier, ou travaillez sur une copie.')}\n`,
      );
    }
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(mode(path)).toBe(0o444);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Reading it is still allowed.
    expect(await runCli(['valider', 'lecture-seule.xlsx', '--sans-ecrire'], captureContext(dir))).toBe(0);
  });

  (isRoot ? it : it.skip)('keeps the owner and group of a file rewritten by root', async () => {
    const path = copy('agent.xlsx');
    chownSync(path, 4321, 8765);
    chmodSync(path, 0o640);
    expect(await runCli(['valider', 'agent.xlsx'], captureContext(dir))).toBe(0);
    const stats = statSync(path);
    expect([stats.uid, stats.gid, mode(path)]).toEqual([4321, 8765, 0o640]);
  });

  it('creates the temporary file readable by its owner alone, then gives it the original’s mode', () => {
    buildBundle();
    const path = copy('lisible.xlsx');
    chmodSync(path, 0o644);
    const log = join(dir, 'ouvertures.log');
    // Preloaded into the command's process: notes the mode each temporary file is created with.
    const hook = join(dir, 'ouvertures.cjs');
    writeFileSync(
      hook,
      `const fs = require('node:fs');
const open = fs.openSync;
fs.openSync = (path, flags, mode) => {
  if (String(path).endsWith('.tmp')) fs.appendFileSync(${JSON.stringify(log)}, (mode ?? 0).toString(8) + ' ');
  return open(path, flags, mode);
};`,
    );
    const result = spawnSync(process.execPath, ['--require', hook, bundle, 'valider', 'lisible.xlsx'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(readFileSync(log, 'utf8')).toBe('600 ');
    expect(mode(path)).toBe(0o644);
  });

  (isRoot ? it : it.skip)(
    'refuses, run by another user, a file it may not write in a folder it may write',
    () => {
      buildBundle();
      const shared = join(dir, 'partage');
      mkdirSync(shared);
      chmodSync(dir, 0o755);
      chmodSync(shared, 0o777);
      // The command is copied out of the project: a clone may sit in a folder other users cannot enter
      // (mktemp -d makes it 700), and the refusal must come before any library is loaded.
      const command = join(dir, 'pilotage-cucs.js');
      copyFileSync(bundle, command);
      chmodSync(command, 0o644);
      const path = join(shared, 'classeur.xlsx');
      copyFileSync(template, path);
      chmodSync(path, 0o644); // root's file, readable by all
      const before = readFileSync(path);
      const result = spawnSync(
        'setpriv',
        ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, command].concat([
          'valider',
          'classeur.xlsx',
        ]),
        { cwd: shared, encoding: 'utf8', env: { ...process.env, HOME: shared } },
      );
      expect(result.stderr).toContain(fr('« classeur.xlsx » est en lecture seule'));
      expect(result.status).toBe(2);
      expect(readFileSync(path).equals(before)).toBe(true);
      expect(statSync(path).uid).toBe(0);
    },
  );
});
