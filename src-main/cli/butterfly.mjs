#!/usr/bin/env node
// Entry point of the `butterfly` command. It registers tsx so Node runs the TypeScript sources
// directly, then hands over to the command dispatcher.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
