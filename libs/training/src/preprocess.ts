import * as tf from '@tensorflow/tfjs';

/**
 * Tensor-side preprocessing for callers that already hold decoded pixels (detection's region
 * crops): resize so the shorter side is `shorterSidePx` (default: no resize), take the centred
 * `sizePx` square. Input and output are NHWC float in the 0–255 scale.
 */
export function centerCropTensor(images: tf.Tensor4D, sizePx: number, shorterSidePx?: number): tf.Tensor4D {
  return tf.tidy(() => {
    let x = images;
    const [, h, w] = images.shape;
    if (shorterSidePx !== undefined) {
      const scale = shorterSidePx / Math.min(h, w);
      x = tf.image.resizeBilinear(x, [Math.round(h * scale), Math.round(w * scale)]);
    }
    const [, rh, rw] = x.shape;
    if (rh < sizePx || rw < sizePx) throw new Error(`centerCropTensor: image ${rh}x${rw} is smaller than the crop ${sizePx}`);
    const top = Math.floor((rh - sizePx) / 2);
    const left = Math.floor((rw - sizePx) / 2);
    return tf.slice(x, [0, top, left, 0], [-1, sizePx, sizePx, -1]);
  });
}

/** 0–255 RGB → the network's input: minus the per-channel mean (PIXEL_MEAN_RGB of @googlenet/model). */
export function toNetworkInput(imagesRgb255: tf.Tensor4D, meanRgb: readonly number[]): tf.Tensor4D {
  return tf.tidy(() => tf.sub(imagesRgb255, tf.tensor1d(meanRgb as number[])));
}
