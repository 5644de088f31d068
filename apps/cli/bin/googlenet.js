#!/usr/bin/env node
// The `googlenet` command. The sources are TypeScript run through tsx, so there is no build step
// between editing a library and running a stage.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
