/** The house rule for the pages: sidebar/ imports only sidebar/ and src/core (types included). */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = join(__dirname, '..');
const SIDEBAR = join(ROOT, 'sidebar');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|js)$/.test(entry.name) ? [path] : [];
  });
}

/** Every module a file names: import / export … from, import type, dynamic import() and require(). */
function importedModules(code: string): string[] {
  const found = [
    ...code.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/\bimport\s*['"]([^'"]+)['"]/g),
    ...code.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
  ];
  return found.map((m) => m[1]!);
}

describe('what the pages import', () => {
  it('reads every form of import', () => {
    const code = `import type * as S from '../src/gas/sidebar';\nimport { a,\n b } from "./x";\nexport { c } from './y';\nimport './z.css';\nconst m = await import('../src/local/cli');`;
    expect(importedModules(code).sort()).toEqual([
      '../src/gas/sidebar',
      '../src/local/cli',
      './x',
      './y',
      './z.css',
    ]);
  });

  it('is only sidebar/ and src/core, never src/gas, src/local nor a package but zod', () => {
    const files = sources(SIDEBAR);
    expect(files.length).toBeGreaterThan(5);
    const outside = files.flatMap((file) =>
      importedModules(readFileSync(file, 'utf8')).flatMap((specifier) => {
        if (!specifier.startsWith('.'))
          return specifier === 'zod' ? [] : [`${relative(ROOT, file)} → ${specifier}`];
        const target = relative(ROOT, resolve(dirname(file), specifier));
        const allowed = target.startsWith('sidebar/') || target.startsWith('src/core/');
        return allowed ? [] : [`${relative(ROOT, file)} → ${target}`];
      }),
    );
    expect(outside).toEqual([]);
  });
});
