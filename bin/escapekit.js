#!/usr/bin/env node
// Entry point of the installed command: the compiled CLI decides the exit code.
import { main } from '../dist/src/cli.js';

process.exitCode = await main(process.argv.slice(2));
