/**
 * The demo's .xlsx and .docx opened by LibreOffice headless, as a collectivité would open them:
 * converted to PDF (a failed conversion fails the test), the report's first pages rendered as PNG
 * under test/artifacts/ for a look, and the workbook saved again by LibreOffice still recognised.
 * @requires libreoffice poppler
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { planInstall } from '../src/core/install';
import { DEFAULT_REFERENTIEL } from '../src/core/presets';
import { runCli } from '../src/local/cli';
import { validate } from '../src/local/workbook-file';
import { captureContext, gridsOf, openXlsx, tempDir } from './local-helpers';

jest.setTimeout(300_000);

const ARTIFACTS = join(__dirname, 'artifacts');

/** Runs soffice with a profile of its own, so that parallel runs never share (and lock) one. */
function soffice(args: string[], cwd: string): string {
  const profile = join(cwd, `lo-profile-${randomBytes(4).toString('hex')}`);
  try {
    return execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args],
      { cwd, encoding: 'utf8', timeout: 240_000, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function pdfPages(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

describe('the demo opened by LibreOffice', () => {
  const { dir, cleanup } = tempDir('libreoffice');
  afterAll(cleanup);
  const xlsx = join(dir, 'demo', 'demo-cucs-brest.xlsx');
  const docx = join(dir, 'demo', 'rapport-annuel-2008.docx');

  beforeAll(async () => {
    const ctx = captureContext(dir, new Date(2009, 0, 20, 10, 0));
    const code = await runCli(['demo', 'demo'], ctx);
    if (code !== 0) throw new Error(`demo failed: ${ctx.err()}`);
  });

  it('converts the report to PDF and renders its first pages for a look', () => {
    soffice(['--convert-to', 'pdf', '--outdir', dir, docx], dir);
    const pdf = join(dir, 'rapport-annuel-2008.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(pdfPages(pdf)).toBeGreaterThan(10);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Données fictives');
    expect(text).toContain('Sommaire');
    // The title page, then two pages of contents (a fiche per quartier prioritaire lengthens it).
    expect(text).toMatch(/Synthèse\.{5,}\s*4/);
    expect(text).toContain(`RU — ${DEFAULT_REFERENTIEL.domains[0]!.name}`);
    expect(text).toContain('Annexes');
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const f of readdirSync(ARTIFACTS)) if (/^rapport-page-\d+\.png$/.test(f)) rmSync(join(ARTIFACTS, f));
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '4',
      pdf,
      join(ARTIFACTS, 'rapport-page'),
    ]);
    const pages = readdirSync(ARTIFACTS).filter((f) => /^rapport-page-\d+\.png$/.test(f));
    expect(pages).toHaveLength(4);
    copyFileSync(docx, join(ARTIFACTS, 'rapport-annuel-2008.docx'));
  });

  it('prints a territory’s short report on fewer pages than the contract’s, first page shared with its title', async () => {
    const ctx = captureContext(dir, new Date(2009, 0, 20, 10, 0));
    const args = ['rapport', xlsx, '--annee', '2008', '--territoire', 'Q-BELLEVUE', '-o', 'bellevue.docx'];
    expect(await runCli(args, ctx)).toBe(0);
    soffice(['--convert-to', 'pdf', '--outdir', dir, join(dir, 'bellevue.docx')], dir);
    // The contract's PDF, unless the test above already wrote it.
    if (!existsSync(join(dir, 'rapport-annuel-2008.pdf')))
      soffice(['--convert-to', 'pdf', '--outdir', dir, docx], dir);
    const pdf = join(dir, 'bellevue.pdf');
    expect(pdfPages(pdf)).toBeLessThan(pdfPages(join(dir, 'rapport-annuel-2008.pdf')));
    const first = execFileSync('pdftotext', ['-l', '1', pdf, '-'], { encoding: 'utf8' });
    expect(first).toContain('Fiche territoire');
    expect(first).not.toContain('Sommaire');
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const f of readdirSync(ARTIFACTS))
      if (/^rapport-territoire-page-\d+\.png$/.test(f)) rmSync(join(ARTIFACTS, f));
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(ARTIFACTS, 'rapport-territoire-page')]);
    copyFileSync(join(dir, 'bellevue.docx'), join(ARTIFACTS, 'rapport-territoire-2008.docx'));
  });

  it('converts the workbook to PDF', () => {
    soffice(['--convert-to', 'pdf', '--outdir', dir, xlsx], dir);
    const pdf = join(dir, 'demo-cucs-brest.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(statSync(pdf).size).toBeGreaterThan(10_000);
    copyFileSync(xlsx, join(ARTIFACTS, 'demo-cucs-brest.xlsx'));
  });

  it('saves the workbook again as .xlsx with the same sheets, headers and data, as an import would', async () => {
    const out = join(dir, 'resaved');
    mkdirSync(out);
    soffice(['--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, xlsx], dir);
    const resaved = await openXlsx(join(out, 'demo-cucs-brest.xlsx'));
    const { grids } = await gridsOf(resaved);
    expect(planInstall(grids).changes).toEqual([]);
    const original = validate(await gridsOf(xlsx), new Date(2009, 0, 20));
    const again = validate(await gridsOf(resaved), new Date(2009, 0, 20));
    expect(again.problems).toEqual(original.problems);
    expect(again.data.actions.map((a) => a.record)).toEqual(original.data.actions.map((a) => a.record));
    expect(again.data.measures).toHaveLength(original.data.measures.length);
  });
});
