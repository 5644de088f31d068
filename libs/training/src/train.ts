import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { JsonlLog, Progress, formatDuration, readJsonl, sha256, stableStringify, writeFileAtomic, writeJsonAtomic } from '@googlenet/util';
import { selectBackend, startWasmHeapWatchdog, type BackendName } from '@googlenet/backend';
import { buildGoogLeNet, saveModel, PIXEL_MEAN_RGB } from '@googlenet/model';
import { resolveConfig, type TrainConfig, type TrainConfigInput } from './config.js';
import { readLatestCheckpoint, writeCheckpoint, type CheckpointState, type NamedTensor } from './checkpoint.js';
import { BatchLoader } from './loader.js';
import { jpegDecoderName } from './augment/core.mjs';
import { whyNoTurboJpeg } from './augment/turbojpeg.mjs';
import { openShardSource } from './shards.js';
import type { ImageSource } from './source.js';
import { NonFiniteLossError, createTrainer, type Trainer } from './trainer.js';
import { validate, type ValidationResult } from './validate.js';

export interface TrainOptions {
  config: TrainConfigInput;
  shardsDir: string;
  valShardsDir?: string;
  outDir: string;
  /** Continue from outDir/checkpoints if there is one (else start fresh). */
  resume?: boolean;
  /** Backend to run on (default: the fastest present, see @googlenet/backend). */
  backend?: BackendName;
  /** Human-readable lines (start, validation, end); default stderr. */
  log?: (line: string) => void;
  /** Progress bar on/off (default: on when stderr is a TTY). */
  progress?: boolean;
  /**
   * Loader threads that decode and augment (0: the training thread). Default: the environment's
   * GOOGLENET_LOADER_WORKERS, else cores − 1 (at most 16). Results do not depend on it.
   */
  loaderWorkers?: number;
  /** Test hook: sources in place of the shard directories. */
  sources?: { train: ImageSource; val?: ImageSource };
}

/**
 * The WASM backend's heap is 32-bit: past 4 GB its allocator fails (the backend says so, or a
 * kernel faults with a bare "memory access out of bounds"). Say what to change.
 */
export function explainStepFailure(err: unknown, backendName: string, config: TrainConfig, heapBytes?: number): unknown {
  // WebAssembly.RuntimeError (a fault), or the backend's check of each allocation
  const heapFault = err instanceof Error && (err.name === 'RuntimeError' || err.name === 'WasmHeapExhaustedError');
  if (!heapFault || backendName !== 'wasm') return err;
  const smaller = Math.max(1, Math.floor(config.batchSize / 4));
  const accumulate = Math.round((config.batchSize * config.accumulateSteps) / smaller);
  return new Error(
    `the WASM backend failed in a training step (${err.message}${heapBytes ? `; heap at ${Math.round(heapBytes / 2 ** 20)} MiB` : ''}): ` +
      `most likely its heap, at most 4 GB, cannot hold a micro-batch of ` +
      `${config.batchSize} at ${config.inputSizePx} px with width ${config.width}. Lower batchSize and raise accumulateSteps to keep ` +
      `the effective batch (e.g. batchSize ${smaller}, accumulateSteps ${accumulate}).`,
    { cause: err },
  );
}

/** The wasm backend's heap size, for error messages (undefined on other backends). */
function wasmHeapBytes(): number | undefined {
  const module = (tf.backend() as unknown as { wasm?: { wasmMemory?: { buffer: ArrayBufferLike }; HEAPU8?: Uint8Array } }).wasm;
  return (module?.wasmMemory?.buffer ?? module?.HEAPU8?.buffer)?.byteLength;
}

/** How long the heap watchdog waits for a step with the wasm heap full (GOOGLENET_WASM_STALL_SECONDS, default 180). */
function wasmStallSecondsFromEnv(): number {
  const v = process.env.GOOGLENET_WASM_STALL_SECONDS;
  const n = v === undefined || v === '' ? 180 : Number(v);
  if (!(n > 0)) throw new Error(`GOOGLENET_WASM_STALL_SECONDS must be a positive number of seconds, got '${v}'`);
  return n;
}

function loaderWorkersFromEnv(): number | undefined {
  const v = process.env.GOOGLENET_LOADER_WORKERS;
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`GOOGLENET_LOADER_WORKERS must be a non-negative integer, got '${v}'`);
  return n;
}

export interface TrainResult {
  config: TrainConfig;
  steps: number;
  epochs: number;
  finalLoss: number;
  /** Single centre crop, Polyak-averaged weights; null without validation shards. */
  val: ValidationResult | null;
  backend: string;
  wallSeconds: number;
  peakRssBytes: number;
  peakTensorBytes: number;
  imgPerSec: number;
  /** Exported Polyak-averaged model (saveModel format). */
  finalModelDir: string;
}

/** Fields that may change between a checkpoint and its resume (they do not change the trajectory). */
const RESUMABLE_CHANGES: (keyof TrainConfig)[] = ['epochs', 'maxSteps', 'valEverySteps', 'valEveryEpochs', 'checkpointEverySteps', 'prefetchBatches'];

export function trajectoryHash(config: TrainConfig): string {
  const fixed: Record<string, unknown> = { ...config };
  for (const k of RESUMABLE_CHANGES) delete fixed[k];
  return sha256(stableStringify(fixed)).slice(0, 16);
}

/**
 * Trains GoogLeNet on shards following the paper's recipe; writes outDir/log.jsonl (a line per
 * optimizer step and per validation), outDir/checkpoints/, outDir/final/ (Polyak-averaged model),
 * outDir/final-raw/ and outDir/result.json.
 */
export async function train(opts: TrainOptions): Promise<TrainResult> {
  const say = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const config = resolveConfig(opts.config);
  const backend = await selectBackend({ prefer: opts.backend, log: say });
  const trainSource = opts.sources?.train ?? (await openShardSource(opts.shardsDir));
  const valSource = opts.sources?.val ?? (opts.valShardsDir ? await openShardSource(opts.valShardsDir) : undefined);
  const numClasses = config.numClasses ?? trainSource.numClasses;
  if (numClasses !== trainSource.numClasses)
    throw new Error(`${trainSource.name}: has ${trainSource.numClasses} classes but the config says numClasses ${numClasses}`);
  if (valSource && valSource.numClasses !== numClasses)
    throw new Error(`${valSource.name}: has ${valSource.numClasses} classes, the training shards ${numClasses}`);
  const resolved: TrainConfig = { ...config, numClasses };

  const imagesPerStep = resolved.batchSize * resolved.accumulateSteps;
  const stepsPerEpoch = Math.floor(trainSource.numRows / imagesPerStep);
  if (stepsPerEpoch === 0)
    throw new Error(`${trainSource.name}: ${trainSource.numRows} rows is fewer than one step (batchSize ${resolved.batchSize} × accumulateSteps ${resolved.accumulateSteps})`);
  const totalSteps = Math.min(resolved.maxSteps ?? Number.POSITIVE_INFINITY, resolved.epochs * stepsPerEpoch);

  mkdirSync(opts.outDir, { recursive: true });
  const ckptDir = join(opts.outDir, 'checkpoints');
  const logPath = join(opts.outDir, 'log.jsonl');
  const configHash = trajectoryHash(resolved);

  // Decide fresh start or resume before building anything, so a refusal leaks nothing.
  const latest = opts.resume ? readLatestCheckpoint(ckptDir) : null;
  if (latest && latest.state.configHash !== configHash)
    throw new Error(`${latest.path}: written with a different recipe (hash ${latest.state.configHash}, now ${configHash}); resume needs the same config`);
  if (!opts.resume && existsSync(join(ckptDir, 'latest.json')))
    throw new Error(`${opts.outDir}: holds checkpoints of an earlier run; pass --resume or use a fresh --out`);

  const model = buildGoogLeNet({ numClasses, inputSize: resolved.inputSizePx, width: resolved.width, auxHeads: resolved.auxHeads, lrn: resolved.lrn,
    dropoutMain: resolved.dropoutMain, dropoutAux: resolved.dropoutAux, seed: resolved.seed });
  const trainer = createTrainer(model, resolved, { stepsPerEpoch, totalSteps });
  let wallBefore = 0;
  let peakTensorBytes = 0;
  if (latest) {
    try {
      restoreTrainer(trainer, model, latest.groups, latest.path);
    } catch (err) {
      trainer.dispose();
      model.dispose();
      throw err;
    }
    trainer.restore({ step: latest.state.step, polyakCount: latest.state.polyakCount, rng: latest.state.trainerRng });
    wallBefore = latest.state.extra.wallSeconds ?? 0;
    peakTensorBytes = latest.state.extra.peakTensorBytes ?? 0;
    await truncateLog(logPath, latest.state.step);
    say(`resuming from ${latest.path} (step ${latest.state.step}, epoch ${latest.state.epoch})`);
  } else {
    // A fresh start (or a run killed before its first checkpoint): the log starts over too.
    rmSync(logPath, { force: true });
  }
  const log = new JsonlLog(logPath);
  log.write('start', { config: resolved, configHash, backend: backend.name, stepsPerEpoch, totalSteps, resumedFromStep: latest?.state.step ?? null });
  say(`training ${trainSource.numRows} images, ${numClasses} classes, ${stepsPerEpoch} steps/epoch, ${totalSteps} steps on ${backend.name}`);

  const startStep = trainer.step;
  const loader = new BatchLoader(trainSource, {
    batchSize: resolved.batchSize,
    imagesPerEpoch: stepsPerEpoch * imagesPerStep,
    seed: resolved.seed,
    inputSizePx: resolved.inputSizePx,
    augment: resolved.augment,
    meanRgb: PIXEL_MEAN_RGB,
    prefetchBatches: resolved.prefetchBatches,
    startEpoch: Math.floor(startStep / stepsPerEpoch),
    startIndexInEpoch: (startStep % stepsPerEpoch) * imagesPerStep,
    workers: opts.loaderWorkers ?? loaderWorkersFromEnv(),
  });
  const why = whyNoTurboJpeg();
  const watchdog = startWasmHeapWatchdog({
    stallSeconds: wasmStallSecondsFromEnv(),
    hint: `Lower batchSize (now ${resolved.batchSize} at ${resolved.inputSizePx} px) and raise accumulateSteps; the last checkpoint is in ${ckptDir}.`,
  });
  say(`loader: ${loader.workers} worker thread(s), JPEG decoder ${jpegDecoderName()}${why ? ` (libjpeg-turbo unavailable: ${why})` : ''}`);
  log.write('loader', { workers: loader.workers, jpegDecoder: jpegDecoderName(), turboJpegUnavailable: why });
  const progress = new Progress({ label: 'train', total: totalSteps - startStep, unit: 'step', enabled: opts.progress });
  const t0 = Date.now();
  const wall = () => wallBefore + (Date.now() - t0) / 1000;
  let finalLoss = NaN;
  let imagesDone = 0;
  const runValidation = async (label: string): Promise<ValidationResult | null> => {
    if (!valSource) return null;
    const r = await trainer.withAveragedWeightsAsync(() => validate(model, valSource, resolved.inputSizePx, PIXEL_MEAN_RGB, resolved.batchSize));
    log.write('val', { step: trainer.step, epoch: Math.floor(trainer.step / stepsPerEpoch), ...r, weights: 'polyak' });
    say(`${label}: top-1 error ${(100 * r.top1Error).toFixed(2)}%, top-5 error ${(100 * r.top5Error).toFixed(2)}% (${r.images} images, centre crop, Polyak weights)`);
    return r;
  };
  const checkpoint = async () => {
    const state: CheckpointState = {
      step: trainer.step,
      epoch: Math.floor(trainer.step / stepsPerEpoch),
      indexInEpoch: (trainer.step % stepsPerEpoch) * imagesPerStep,
      polyakCount: trainer.polyak.count,
      trainerRng: trainer.state().rng,
      configHash,
      extra: { wallSeconds: wall(), peakTensorBytes: Math.max(peakTensorBytes, trainer.peakTensorBytes) },
    };
    const path = await writeCheckpoint(ckptDir, state, snapshot(trainer, model));
    log.write('checkpoint', { step: state.step, epoch: state.epoch, path });
    return path;
  };

  let lastCheckpoint = latest?.path ?? null;
  try {
    while (trainer.step < totalSteps) {
      const tStep = Date.now();
      const epoch = Math.floor(trainer.step / stepsPerEpoch);
      let result;
      do {
        const batch = await loader.next();
        const xs = tf.tensor4d(batch.pixels, [batch.size, resolved.inputSizePx, resolved.inputSizePx, 3]);
        try {
          result = trainer.trainStep(xs, batch.labels);
        } catch (err) {
          throw explainStepFailure(err, backend.name, resolved, wasmHeapBytes());
        } finally {
          xs.dispose();
          batch.release();
          watchdog.beat();
        }
      } while (!result.applied);
      const seconds = (Date.now() - tStep) / 1000;
      const imgPerSec = imagesPerStep / Math.max(seconds, 1e-6);
      imagesDone += imagesPerStep;
      finalLoss = result.loss;
      log.write('step', { step: trainer.step, epoch, loss: result.loss, mainLoss: result.mainLoss, auxLoss: result.auxLoss, lr: result.lr, imgPerSec });
      progress.tick(1, `epoch ${epoch + 1}/${resolved.epochs} loss ${result.loss.toFixed(4)} ${imgPerSec.toFixed(1)} img/s`);
      const epochDone = trainer.step % stepsPerEpoch === 0;
      const epochsDone = trainer.step / stepsPerEpoch;
      if (
        trainer.step < totalSteps &&
        ((resolved.valEverySteps > 0 && trainer.step % resolved.valEverySteps === 0) ||
          (epochDone && resolved.valEveryEpochs > 0 && epochsDone % resolved.valEveryEpochs === 0))
      )
        await runValidation(`step ${trainer.step}`);
      if (trainer.step % resolved.checkpointEverySteps === 0 || epochDone || trainer.step === totalSteps) lastCheckpoint = await checkpoint();
    }
  } catch (err) {
    progress.finish();
    watchdog.stop();
    await loader.close();
    trainer.dispose();
    model.dispose();
    await closeSources();
    if (err instanceof NonFiniteLossError) {
      log.write('diverged', { step: err.step, loss: String(err.loss), lastCheckpoint });
      throw new Error(`${err.message}. Last good checkpoint: ${lastCheckpoint ?? 'none (diverged before the first)'}`);
    }
    throw err;
  }
  progress.finish();
  watchdog.stop();
  await loader.close();

  try {
    if (Number.isNaN(finalLoss)) {
      // Resumed a finished run: the last logged step has the final loss.
      const steps = readJsonl<{ event: string; loss?: number }>(logPath).filter((e) => e.event === 'step');
      finalLoss = steps.at(-1)?.loss ?? NaN;
    }
    await saveModel(model, join(opts.outDir, 'final-raw'));
    const val = await runValidation('final');
    await trainer.withAveragedWeightsAsync(() => saveModel(model, join(opts.outDir, 'final')));
    const wallSeconds = wall();
    const result: TrainResult = {
      config: resolved,
      steps: trainer.step,
      epochs: trainer.step / stepsPerEpoch,
      finalLoss,
      val,
      backend: backend.name,
      wallSeconds,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      peakTensorBytes: Math.max(peakTensorBytes, trainer.peakTensorBytes),
      imgPerSec: imagesDone / Math.max((Date.now() - t0) / 1000, 1e-6),
      finalModelDir: join(opts.outDir, 'final'),
    };
    await writeJsonAtomic(join(opts.outDir, 'result.json'), result);
    log.write('end', { steps: result.steps, finalLoss, val, wallSeconds });
    say(`done: ${result.steps} steps in ${formatDuration(wallSeconds)}, final loss ${finalLoss.toFixed(4)}; model in ${result.finalModelDir}`);
    return result;
  } finally {
    trainer.dispose();
    model.dispose();
    await closeSources();
  }

  async function closeSources(): Promise<void> {
    if (opts.sources) return; // the caller's to close
    await trainSource.close?.();
    await valSource?.close?.();
  }
}

/** Copies of every weight, average and momentum slot, by name (for the checkpoint). */
export function snapshot(trainer: Trainer, model: tf.LayersModel) {
  const named = (name: string, t: tf.Tensor): NamedTensor => ({ name, shape: t.shape, values: t.dataSync() as Float32Array });
  return {
    weights: model.weights.map((w) => named(w.name, w.read())),
    averages: trainer.variables.map((v, i) => named(model.trainableWeights[i]!.name, trainer.polyak.averages[i]!)),
    momentum: trainer.variables.map((v, i) => named(model.trainableWeights[i]!.name, trainer.momentumSlots[i]!)),
  };
}

/** Puts a checkpoint's tensors back; names and shapes must match the model exactly. */
export function restoreTrainer(trainer: Trainer, model: tf.LayersModel, groups: ReturnType<typeof snapshot>, source: string): void {
  const assign = (targets: { name: string; variable: tf.Variable }[], saved: NamedTensor[], group: string) => {
    if (targets.length !== saved.length) throw new Error(`${source}: ${group} holds ${saved.length} tensors, the model ${targets.length}`);
    targets.forEach(({ name, variable }, i) => {
      const s = saved[i]!;
      if (s.name !== name || s.shape.join('x') !== variable.shape.join('x'))
        throw new Error(`${source}: ${group}[${i}] is ${s.name} [${s.shape}] but the model has ${name} [${variable.shape}] (different width/classes/input size?)`);
      tf.tidy(() => variable.assign(tf.tensor(s.values, s.shape)));
    });
  };
  assign(model.weights.map((w) => ({ name: w.name, variable: w.read() as tf.Variable })), groups.weights, 'weights');
  const trainable = model.trainableWeights.map((w) => w.name);
  assign(trainer.polyak.averages.map((variable, i) => ({ name: trainable[i]!, variable })), groups.averages, 'averages');
  assign(trainer.momentumSlots.map((variable, i) => ({ name: trainable[i]!, variable })), groups.momentum, 'momentum');
}

/** Drops log lines of steps after the checkpoint (a killed run may have logged a few more). */
async function truncateLog(path: string, step: number): Promise<void> {
  if (!existsSync(path)) return;
  const kept = readJsonl<{ step?: number }>(path).filter((e) => e.step === undefined || e.step <= step);
  await writeFileAtomic(path, kept.map((e) => JSON.stringify(e) + '\n').join(''));
}
