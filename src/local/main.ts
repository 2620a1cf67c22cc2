/** Entry of the bundled command line (scripts/build-cli.mjs): runs it and sets the exit code. */
import { processContext, runCli } from './cli';

// Output piped into a command that stops reading (`| head`) is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

runCli(process.argv.slice(2), processContext()).then((code) => {
  process.exitCode = code;
});
