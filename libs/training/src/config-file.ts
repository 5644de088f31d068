import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveConfig, type TrainConfig, type TrainConfigInput } from './config.js';

/**
 * Loads a training config from `file.json` or a module (`file.ts` under tsx, `.js`, `.mjs`),
 * optionally naming the export: `configs/imagenet.ts#member3`. Without a name a module must have a
 * default export or exactly one object export. The result is checked by resolveConfig, whose
 * errors name the file.
 */
export async function loadTrainConfig(spec: string): Promise<TrainConfig> {
  const hash = spec.lastIndexOf('#');
  const file = hash >= 0 ? spec.slice(0, hash) : spec;
  const exportName = hash >= 0 ? spec.slice(hash + 1) : undefined;
  const path = resolve(file);
  if (!existsSync(path)) throw new Error(`${file}: config file not found`);
  let partial: unknown;
  if (extname(path) === '.json') {
    if (exportName) throw new Error(`${file}: a JSON config has no exports ('#${exportName}')`);
    try {
      partial = JSON.parse(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new Error(`${file}: invalid JSON (${(err as Error).message})`);
    }
  } else if (['.ts', '.mts', '.js', '.mjs'].includes(extname(path))) {
    const mod = await importModule(path);
    if (exportName) {
      if (!(exportName in mod)) throw new Error(`${file}: no export named '${exportName}' (exports: ${Object.keys(mod).join(', ')})`);
      partial = mod[exportName];
    } else if ('default' in mod) {
      partial = mod.default;
    } else {
      const objects = Object.entries(mod).filter(([, v]) => v !== null && typeof v === 'object');
      if (objects.length !== 1)
        throw new Error(`${file}: ${objects.length} object exports (${objects.map(([k]) => k).join(', ')}); pick one with ${file}#<name>`);
      partial = objects[0]![1];
    }
  } else {
    throw new Error(`${file}: config must be .json, .ts, .js or .mjs`);
  }
  if (partial === null || typeof partial !== 'object' || Array.isArray(partial)) throw new Error(`${spec}: the config is not an object`);
  return resolveConfig(partial as TrainConfigInput, spec);
}

/**
 * import() of the file; a .ts outside an ES-module package (no "type": "module" above it) is
 * CommonJS to Node and fails under plain tsx, so it goes through tsx's own tsImport instead.
 */
async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (err) {
    if (!/\.m?ts$/.test(path)) throw err;
    const { tsImport } = await import('tsx/esm/api');
    return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
  }
}
