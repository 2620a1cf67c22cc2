// Builds dist/ for clasp: Code.js (an IIFE plus one top-level stub per entry point), the sidebar and
// dialog pages as self-contained HTML files, and appsscript.json.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { forbiddenBuiltinsIn } from './check-runtime.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const GLOBAL = 'PilotageCUCS';

/**
 * Code.js keeps its names (readable stack traces in the Apps Script logs) but drops white space;
 * the pages are fully minified since every opening downloads them.
 */
async function bundle(entry, globalName, { page = false } = {}) {
  // Apps Script's V8: ES2019 syntax (clasp's advice; newer has failed to parse there). Pages run in
  // the user's browser, where ES2020 is safe.
  const result = await build({
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: page,
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName,
    target: page ? 'es2020' : 'es2019',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** Entry point names, read from the bundle itself so that the list lives only in src/main.ts. */
function entryPointNames(code) {
  const context = vm.createContext({});
  vm.runInContext(`${code}\nthis.__names = Object.keys(${GLOBAL}.entryPoints);`, context);
  return context.__names;
}

export function stubFor(name) {
  return `function ${name}() {\n  return ${GLOBAL}.entryPoints.${name}.apply(null, arguments);\n}\n`;
}

async function buildCode() {
  const code = await bundle(join(root, 'src/main.ts'), GLOBAL);
  const forbidden = forbiddenBuiltinsIn(code);
  if (forbidden.length > 0) {
    throw new Error(`dist/Code.js appelle des built-ins absents d’Apps Script : ${forbidden.join(', ')}`);
  }
  const names = entryPointNames(code);
  const stubs = names.map(stubFor).join('\n');
  const banner = '// Pilotage CUCS — généré par scripts/build.mjs ; ne pas modifier.\n';
  writeFileSync(
    join(dist, 'Code.js'),
    `${banner}${code}\n// Entry points (top-level functions Apps Script can call)\n${stubs}`,
  );
  return names;
}

/** `@import "OTHER.css";` lines of a page's CSS replaced by that file of sidebar/, so that dialogs share a look. */
function inlineImports(dir, css) {
  return css.replace(/^@import "([\w./-]+\.css)";$/gm, (_, name) => readFileSync(join(dir, name), 'utf8'));
}

/** sidebar/NAME.html with sidebar/NAME.ts and sidebar/NAME.css inlined into one file. */
async function buildPages() {
  const dir = join(root, 'sidebar');
  if (!existsSync(dir)) return [];
  const pages = readdirSync(dir).filter((f) => f.endsWith('.html'));
  for (const page of pages) {
    const base = page.slice(0, -'.html'.length);
    let html = readFileSync(join(dir, page), 'utf8');
    const css = join(dir, `${base}.css`);
    const ts = join(dir, `${base}.ts`);
    const style = existsSync(css) ? inlineImports(dir, readFileSync(css, 'utf8')) : '';
    const script = existsSync(ts) ? await bundle(ts, undefined, { page: true }) : '';
    // Function replacers: a `$` in the inlined code must not be read as a replacement pattern.
    html = html.replace('<!-- inline:style -->', () => `<style>\n${style}</style>`);
    html = html.replace(
      '<!-- inline:script -->',
      () => `<script>\n${script.replace(/<\/script/gi, '<\\/script')}</script>`,
    );
    writeFileSync(join(dist, page), html);
  }
  return pages;
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const names = await buildCode();
const pages = await buildPages();
writeFileSync(join(dist, 'appsscript.json'), readFileSync(join(root, 'appsscript.json')));
console.log(`dist/Code.js : ${names.length} points d’entrée (${names.join(', ')})`);
if (pages.length) console.log(`dist/ : ${pages.join(', ')}`);
