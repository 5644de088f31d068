#!/usr/bin/env node
// Nx `runtime` input of the stages that read $ILSVRC_ROOT: a sha256 of the tree's file listing
// with sizes and modification times. Nx hashes only files it tracks (not git-ignored, inside the
// workspace), so an external dataset must be fingerprinted explicitly. Prints "ILSVRC_ROOT unset"
// when there is none. Stats every file: seconds for the 1.3M files of ILSVRC, nothing for the demo.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = process.env.ILSVRC_ROOT;
if (!root) {
  console.log('ILSVRC_ROOT unset');
  process.exit(0);
}
const hash = createHash('sha256');
let files = 0;
function walk(dir, rel) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    hash.update(`unreadable ${rel} ${err.code}\n`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(p, r);
    else {
      const s = statSync(p);
      hash.update(`${r}\t${s.size}\t${Math.floor(s.mtimeMs)}\n`);
      files++;
    }
  }
}
walk(root, '');
console.log(`${root} ${files} files ${hash.digest('hex')}`);
