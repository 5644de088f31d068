/**
 * What the training loop needs from a dataset: random access to labelled encoded images. The
 * shard reader of @googlenet/data provides it (see shards.ts); tests may use an in-memory one.
 */
export interface LabeledImage {
  /** Encoded image (JPEG from the shards). */
  image: Uint8Array;
  /** Class index in [0, numClasses). */
  label: number;
  /** Size of the encoded image in pixels, when known (saves reading the header). */
  storedWidth?: number;
  storedHeight?: number;
}

export interface ImageSource {
  readonly numRows: number;
  readonly numClasses: number;
  /** A human name for error messages (the shard directory). */
  readonly name: string;
  get(index: number): Promise<LabeledImage> | LabeledImage;
  /**
   * The epoch's sampling order, when the source has a cheaper one than a uniform permutation (the
   * shards shuffle record batches, then rows within a window of batches, so streaming reads each
   * batch once). Default: epochOrder() of loader.ts.
   */
  shuffledOrder?(seed: number, epoch: number): number[];
  close?(): Promise<void>;
}

/** An ImageSource over an array (tests, detection's region crops). */
export function arraySource(images: LabeledImage[], numClasses: number, name = 'in-memory images'): ImageSource {
  return { numRows: images.length, numClasses, name, get: (i) => images[i]! };
}
