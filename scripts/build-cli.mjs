// Builds the offline edition's command line: src/local/main.ts bundled for Node into
// dist-cli/pilotage-cucs.js. exceljs, docx and @resvg/resvg-js (a native module) stay as
// dependencies loaded from node_modules; everything of src/ is in the bundle.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const outdir = process.argv.includes('--outdir')
  ? process.argv[process.argv.indexOf('--outdir') + 1]
  : join(root, 'dist-cli');
const quiet = process.argv.includes('--quiet');

mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, 'pilotage-cucs.js');
await build({
  entryPoints: [join(root, 'src/local/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['exceljs', 'docx', 'docx/*', '@resvg/resvg-js'],
  banner: {
    js: '#!/usr/bin/env node\n// Pilotage CUCS — généré par scripts/build-cli.mjs ; ne pas modifier.',
  },
  charset: 'utf8',
  legalComments: 'none',
  logLevel: 'warning',
});
if (!quiet) console.log(`Ligne de commande construite : ${outfile.replace(`${root}`, '')}`);
