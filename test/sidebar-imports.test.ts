/**
 * The house as it is drawn, checked on every import (types included): sidebar/ imports only sidebar/ and
 * src/core; src/core knows no edition nor file format; src/files (file formats, pure) only itself and
 * src/core; src/gas and src/local, the two editions, never each other.
 */
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
/** The code without its comments: « the import's preview … from the file » is no import. */
const withoutComments = (source: string) =>
  source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|\s)\/\/.*$/gm, '$1');

function importedModules(source: string): string[] {
  const code = withoutComments(source);
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

/** Every import of the .ts files under `folder` that leaves the folders and packages it may use. */
function strayImports(folder: string, allowed: { folders: string[]; packages: string[] }): string[] {
  return sources(join(ROOT, folder)).flatMap((file) =>
    importedModules(readFileSync(file, 'utf8')).flatMap((specifier) => {
      const from = relative(ROOT, file);
      if (!specifier.startsWith('.'))
        return allowed.packages.some(
          (p) => specifier === p || specifier.startsWith(p.endsWith(':') ? p : `${p}/`),
        )
          ? []
          : [`${from} → ${specifier}`];
      const target = relative(ROOT, resolve(dirname(file), specifier));
      return allowed.folders.some((f) => target.startsWith(`${f}/`)) ? [] : [`${from} → ${target}`];
    }),
  );
}

describe('what each part of src imports', () => {
  it('finds an import that strays', () => {
    expect(strayImports('src/files', { folders: ['src/files'], packages: [] })).toEqual(
      expect.arrayContaining([expect.stringMatching(/^src\/files\/.+ → src\/core\//)]),
    );
  });

  it('src/core: only itself and zod, no edition, no file format, no Node', () => {
    expect(strayImports('src/core', { folders: ['src/core'], packages: ['zod'] })).toEqual([]);
  });

  it('src/files: only itself and src/core, neither Node nor Apps Script nor a package', () => {
    expect(strayImports('src/files', { folders: ['src/files', 'src/core'], packages: [] })).toEqual([]);
    const globals = sources(join(ROOT, 'src/files')).filter((file) =>
      /\b(SpreadsheetApp|Utilities|Buffer|require|process)\b/.test(
        withoutComments(readFileSync(file, 'utf8')),
      ),
    );
    expect(globals).toEqual([]);
  });

  it('src/gas and src/local: never each other', () => {
    const gas = strayImports('src/gas', { folders: ['src/gas', 'src/core', 'src/files'], packages: ['zod'] });
    const local = strayImports('src/local', {
      folders: ['src/local', 'src/core', 'src/files'],
      packages: ['node:', 'exceljs', 'docx', '@resvg/resvg-js', 'zod'],
    });
    expect([...gas, ...local]).toEqual([]);
  });
});
