/** Entry of the bundled command line (scripts/build-cli.mjs): runs it and sets the exit code. */
import { processContext, runCli } from './cli';

runCli(process.argv.slice(2), processContext()).then((code) => {
  process.exitCode = code;
});
