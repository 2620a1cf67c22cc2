#!/usr/bin/env node
// Launcher of the `pilotage-cucs` command (package.json "bin"): builds the command line from the
// sources on first use (a fresh clone has no dist-cli/), then runs it.
const { execFileSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const built = join(root, 'dist-cli', 'pilotage-cucs.js');
if (!existsSync(built)) {
  execFileSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs'), '--quiet'], { stdio: 'inherit' });
}
require(built);
