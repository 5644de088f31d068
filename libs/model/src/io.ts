/**
 * TensorFlow.js layers format on the local filesystem: `model.json` plus one weights file. Pure
 * @tensorflow/tfjs has no `file://` handler in Node (tfjs-node brings one), so this is ours.
 *
 * Atomicity: the weights file is named by its content hash and written first (temp + rename),
 * then model.json (temp + rename) — the commit point. A reader sees the old model or the new,
 * never a model.json pointing at missing or half-written weights. Stale weight files go last.
 */
import * as tf from '@tensorflow/tfjs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { sha256, writeFileAtomic } from '@googlenet/util';
import './lrn.js'; // registers the LRN layer class so that load can deserialise it

export const MODEL_JSON = 'model.json';
const WEIGHTS_FILE = /^weights-[0-9a-f]{16}\.bin$/;
const BYTES_PER_DTYPE: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function modelJsonPath(path: string): string {
  return path.endsWith('.json') ? path : join(path, MODEL_JSON);
}

async function saveArtifacts(dir: string, artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
  if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error(`saveModel ${dir}: binary (graph) topologies are not supported`);
  const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0)));
  const weightsName = `weights-${sha256(weights).slice(0, 16)}.bin`;
  await writeFileAtomic(join(dir, weightsName), weights);
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology ?? {},
    weightsManifest: [{ paths: [weightsName], weights: artifacts.weightSpecs ?? [] }],
    format: artifacts.format ?? 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
  };
  if (artifacts.trainingConfig) modelJson.trainingConfig = artifacts.trainingConfig;
  if (artifacts.userDefinedMetadata) modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
  if (artifacts.signature) modelJson.signature = artifacts.signature;
  await writeFileAtomic(join(dir, MODEL_JSON), JSON.stringify(modelJson));
  for (const name of await readdir(dir)) {
    if (WEIGHTS_FILE.test(name) && name !== weightsName) await rm(join(dir, name), { force: true });
  }
  return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
}

function expectedBytes(specs: tf.io.WeightsManifestEntry[]): number | null {
  let total = 0;
  for (const s of specs) {
    const perValue = BYTES_PER_DTYPE[s.dtype];
    if (s.quantization || perValue === undefined) return null;
    total += s.shape.reduce((a, b) => a * b, 1) * perValue;
  }
  return total;
}

async function loadArtifacts(path: string): Promise<tf.io.ModelArtifacts> {
  const jsonPath = modelJsonPath(path);
  const dir = dirname(jsonPath);
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(await readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
  } catch (err) {
    throw new Error(`loadModel ${jsonPath}: cannot read model JSON (${(err as Error).message})`);
  }
  if (!modelJson || typeof modelJson !== 'object' || !modelJson.modelTopology || !Array.isArray(modelJson.weightsManifest))
    throw new Error(`loadModel ${jsonPath}: not a TensorFlow.js layers model (needs modelTopology and weightsManifest)`);
  return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
    const specs: tf.io.WeightsManifestEntry[] = [];
    const buffers: ArrayBuffer[] = [];
    for (const group of manifest) {
      for (const p of group.paths) {
        const file = join(dir, basename(p));
        let bytes: Buffer;
        try {
          bytes = await readFile(file);
        } catch (err) {
          throw new Error(`loadModel ${jsonPath}: weights file ${file} unreadable (${(err as Error).message})`);
        }
        buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      }
      specs.push(...group.weights);
    }
    const data = tf.io.CompositeArrayBuffer.join(buffers);
    const want = expectedBytes(specs);
    if (want !== null && want !== data.byteLength)
      throw new Error(`loadModel ${jsonPath}: weights hold ${data.byteLength} bytes but model.json describes ${want}`);
    return [specs, data];
  });
}

/** An IOHandler over node:fs for a model directory (or a path to its model.json for load). */
export function fileSystemHandler(path: string): tf.io.IOHandler {
  return {
    save: (artifacts) => saveArtifacts(path.endsWith('.json') ? dirname(path) : path, artifacts),
    load: () => loadArtifacts(path),
  };
}

export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(fileSystemHandler(dir));
}

export async function loadModel(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileSystemHandler(dir));
}

const FILE_SCHEME = 'file://';

type IORouter = Parameters<typeof tf.io.registerSaveRouter>[0];

/** tfjs routers return null for URLs they do not handle (its type omits the null). */
const fileRouter = ((url: string | string[]): tf.io.IOHandler | null => {
  return typeof url === 'string' && url.startsWith(FILE_SCHEME) ? fileSystemHandler(url.slice(FILE_SCHEME.length)) : null;
}) as IORouter;

/**
 * Makes `model.save('file://dir')` and `tf.loadLayersModel('file://dir')` work, unless a
 * handler for file:// already exists (tfjs-node registers its own; two would be ambiguous).
 */
export function registerFileRouters(): void {
  const probe = `${FILE_SCHEME}/tmp/probe`;
  if (tf.io.getSaveHandlers(probe).length === 0) tf.io.registerSaveRouter(fileRouter);
  if (tf.io.getLoadHandlers(probe).length === 0) tf.io.registerLoadRouter(fileRouter);
}

registerFileRouters();
