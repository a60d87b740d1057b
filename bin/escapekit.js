#!/usr/bin/env node
// Entry point of the installed command: the compiled CLI decides the exit code.
// Loading the CLI takes a moment; an interrupt meanwhile (or in a command without its own
// handling) ends it with exit 2 instead of a signal death. A command that installs its own
// handlers (run: removes its probes first) takes precedence.
const early = (signal) => {
  if (process.listenerCount(signal) > 1) return;
  process.stderr.write(`\nescapekit: ${signal} received, stopping\n`);
  process.exit(2);
};
process.on('SIGINT', early);
process.on('SIGTERM', early);

const { main } = await import('../dist/src/cli.js');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// Exit once output is flushed: a request to an engine that never answered must not keep the
// process alive after the command has finished and reported.
process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
