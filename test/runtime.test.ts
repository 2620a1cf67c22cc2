/** The Apps Script runtime the bundle assumes: ES2019 syntax, no built-in newer than ES2020. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from './support/bundle';

const ROOT = join(__dirname, '..');

function check(code: string): { status: number | null; stderr: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'runtime-')), 'Code.js');
  writeFileSync(file, code);
  const run = spawnSync('node', ['scripts/check-runtime.mjs', file], { cwd: ROOT, encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

describe('the Apps Script runtime check (scripts/check-runtime.mjs, run by the build)', () => {
  it('refuses each built-in newer than ES2020, by name', () => {
    const forbidden = {
      'Array.prototype.at / String.prototype.at (ES2022)': 'rows.at(-1)',
      'Object.hasOwn (ES2022)': 'Object.hasOwn(o, "a")',
      'String.prototype.replaceAll (ES2021)': 's.replaceAll("a", "b")',
      'Promise.any (ES2021)': 'Promise.any([])',
      'WeakRef (ES2021)': 'new WeakRef(o)',
      'Array.prototype.findLast (ES2023)': 'rows.findLast(Boolean)',
      'Array.prototype.findLastIndex (ES2023)': 'rows.findLastIndex(Boolean)',
      'Array.prototype.toSorted (ES2023)': 'rows.toSorted()',
      'Object.groupBy / Map.groupBy (ES2024)': 'Object.groupBy(rows, String)',
      'structuredClone (HTML (absent from Apps Script))': 'structuredClone(o)',
    };
    for (const [name, code] of Object.entries(forbidden)) {
      const result = check(`var o = {}, rows = [], s = "";\n${code};\n`);
      expect([name, result.status]).toEqual([name, 1]);
      expect(result.stderr).toContain(name);
    }
  });

  it('accepts ES2020 built-ins and look-alikes', () => {
    const code =
      'var s = "a"; s.matchAll(/a/g); Promise.allSettled([]); globalThis.x = 1; [1].flat(); Object.fromEntries([]); var at = 1; format(at);';
    expect(check(code)).toEqual({ status: 0, stderr: '' });
  });

  it('passes on the built bundle, whose syntax is ES2019 (no ?. nor ??)', () => {
    const code = ensureBuilt();
    expect(check(code)).toEqual({ status: 0, stderr: '' });
    expect(code).not.toMatch(/\?\?|\?\.(?!\d)/);
  });
});
