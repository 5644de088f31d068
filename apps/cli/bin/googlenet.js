#!/usr/bin/env node
// The `googlenet` command. The sources are TypeScript run through tsx, so there is no build step
// between editing a library and running a stage.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
const code = await main(process.argv.slice(2));
// Exit explicitly: multithreaded WASM keeps worker threads alive that would otherwise hold the
// process open after the stage has finished and written its outputs.
process.exit(code);
