/**
 * The command line as users get it: bundled by scripts/build-cli.mjs and run by Node in a child
 * process, here in a time zone far from UTC so that a date shifted by a day would show.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { frenchSpacing as fr } from '../src/core/typography';
import { readWorkbookSheets } from '../src/local/xlsx';
import { openXlsx, tempDir } from './local-helpers';

jest.setTimeout(120_000);

const root = join(__dirname, '..');
// Inside the repository, so that the bundle finds exceljs, docx and resvg in node_modules.
const outdir = join(root, 'test', 'artifacts', 'cli');
const bundle = join(outdir, 'pilotage-cucs.js');

describe('the bundled pilotage-cucs', () => {
  const { dir, cleanup } = tempDir('bundle');
  afterAll(cleanup);

  beforeAll(() => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--outdir', outdir, '--quiet']);
  });

  const run = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [bundle, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });

  it('prints its French help', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('pilotage-cucs rapport <classeur.xlsx> [--annee N]');
    expect(result.stderr).toBe('');
  });

  it('runs the demo far from UTC, with plain progress lines when not on a terminal', async () => {
    const result = run(['demo', 'sortie'], { TZ: 'Pacific/Kiritimati' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('\r');
    expect(result.stdout).toContain('Contrôle des données…\n');
    expect(result.stdout).toContain(fr(`Classeur : ${join('sortie', 'demo-cucs-brest.xlsx')}`));
    expect(result.stdout).toContain(fr(`Rapport 2008 : ${join('sortie', 'rapport-annuel-2008.docx')}`));
    expect(existsSync(join(dir, 'sortie', 'rapport-annuel-2008.docx'))).toBe(true);
    const { grids } = readWorkbookSheets(await openXlsx(join(dir, 'sortie', 'demo-cucs-brest.xlsx')));
    const settings = new Map(grids.get('Paramètres')!.map((row) => [row[0], row[1]]));
    expect(settings.get('Début du contrat')).toEqual(new Date(2007, 0, 1));
    expect(settings.get('Fin du contrat')).toEqual(new Date(2009, 11, 31));
    expect(settings.get('Données fictives')).toBe(true);
  });

  it('exits 2 with a French sentence, and no stack, on a bad file', () => {
    const result = run(['valider', 'absent.xlsx']);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      `${fr('Erreur : Fichier introuvable : « absent.xlsx ». Vérifiez le chemin (ou créez le classeur avec « pilotage-cucs init »).')}\n`,
    );
  });

  it('is what the package’s bin launcher runs', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin', 'pilotage-cucs.js'), '--version'], {
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('pilotage-cucs 0.1.0\n');
  });
});
