/**
 * libjpeg-turbo's TurboJPEG 3 API through koffi (FFI), for the one thing neither sharp nor the
 * npm bindings expose: decoding only the region of a JPEG that a training crop needs. Rows below
 * the crop are never entropy-decoded, rows above and columns outside skip the inverse DCT,
 * upsampling and colour conversion; a random crop keeps on average about half the image.
 *
 * The shared library comes from @julusian/jpeg-turbo's prebuilt binaries (libjpeg-turbo 3.x),
 * or from GOOGLENET_TURBOJPEG_LIB. Both packages are optional: without them, or with
 * GOOGLENET_JPEG_DECODER=sharp, turboJpeg() is null and the loader decodes with sharp.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

// TurboJPEG 3 constants (turbojpeg.h)
const TJINIT_DECOMPRESS = 1;
const TJPARAM_SUBSAMP = 4;
const TJPARAM_JPEGWIDTH = 5;
const TJPARAM_JPEGHEIGHT = 6;
const TJPF_RGB = 0;
/** iMCU width per subsampling (TJSAMP_444, 422, 420, GRAY, 440, 411, 441): a crop's left edge must sit on one. */
const MCU_WIDTH_PX = [8, 16, 16, 8, 8, 32, 8];

function libraryPath() {
  if (process.env.GOOGLENET_TURBOJPEG_LIB) return process.env.GOOGLENET_TURBOJPEG_LIB;
  const pkg = dirname(require.resolve('@julusian/jpeg-turbo/package.json'));
  const name = platform() === 'win32' ? 'turbojpeg.dll' : platform() === 'darwin' ? 'libturbojpeg.0.dylib' : 'libturbojpeg.so.0';
  return join(pkg, 'prebuilds', `jpeg-turbo-${platform()}-${arch()}`, name);
}

let loaded;
let loadError = null;

/** The bound functions, or null (and whyNoTurboJpeg() says why). One handle per thread. */
export function turboJpeg() {
  if (loaded !== undefined) return loaded;
  loaded = null;
  if (process.env.GOOGLENET_JPEG_DECODER === 'sharp') {
    loadError = 'GOOGLENET_JPEG_DECODER=sharp';
    return null;
  }
  try {
    const koffi = require('koffi');
    const path = libraryPath();
    if (!existsSync(path)) throw new Error(`${path} does not exist`);
    const lib = koffi.load(path);
    const region = koffi.struct('googlenet_tjregion', { x: 'int', y: 'int', w: 'int', h: 'int' });
    const f = {
      init: lib.func('void *tj3Init(int initType)'),
      get: lib.func('int tj3Get(void *handle, int param)'),
      header: lib.func('int tj3DecompressHeader(void *handle, const uint8_t *jpegBuf, size_t jpegSize)'),
      crop: lib.func('tj3SetCroppingRegion', 'int', ['void *', region]),
      decode: lib.func('int tj3Decompress8(void *handle, const uint8_t *jpegBuf, size_t jpegSize, uint8_t *dstBuf, int pitch, int pixelFormat)'),
      error: lib.func('const char *tj3GetErrorStr(void *handle)'),
    };
    const handle = f.init(TJINIT_DECOMPRESS);
    if (!handle) throw new Error('tj3Init failed');
    loaded = { ...f, handle };
  } catch (err) {
    loadError = err instanceof Error ? err.message : String(err);
  }
  return loaded;
}

export function whyNoTurboJpeg() {
  turboJpeg();
  return loadError;
}

/**
 * Decodes the part of `encoded` that covers `crop` (or all of it when crop is null) as RGB into
 * the buffer `allocate(bytes)` returns, pixel for pixel as a full decode would give them. The
 * region starts on an iMCU column left of the crop, so the result says where it is:
 * { width, height } of the whole image and { left, top, regionWidth, regionHeight } of the region. Null when libjpeg-turbo cannot decode the file (CMYK, not a JPEG, a
 * corrupt stream): the caller falls back to sharp.
 */
export function decodeRegion(encoded, crop, allocate) {
  const tj = turboJpeg();
  if (!tj) return null;
  const h = tj.handle;
  if (tj.header(h, encoded, encoded.byteLength) !== 0) return null;
  const width = tj.get(h, TJPARAM_JPEGWIDTH);
  const height = tj.get(h, TJPARAM_JPEGHEIGHT);
  const mcu = MCU_WIDTH_PX[tj.get(h, TJPARAM_SUBSAMP)];
  let region = { left: 0, top: 0, regionWidth: width, regionHeight: height };
  if (crop && mcu && crop.left + crop.width <= width && crop.top + crop.height <= height) {
    // One iMCU of margin on each side: at a region's edge the chroma upsampling sees an image edge,
    // so its outermost columns differ from a full decode; with the margin the crop's pixels do not.
    const left = Math.max(0, crop.left - (crop.left % mcu) - mcu);
    const right = Math.min(width, crop.left + crop.width + mcu);
    region = { left, top: crop.top, regionWidth: right - left, regionHeight: crop.height };
  }
  if (tj.crop(h, { x: region.left, y: region.top, w: region.regionWidth, h: region.regionHeight }) !== 0) return null;
  const target = allocate(region.regionWidth * region.regionHeight * 3);
  const rc = tj.decode(h, encoded, encoded.byteLength, target, 0, TJPF_RGB);
  tj.crop(h, { x: 0, y: 0, w: 0, h: 0 }); // the region sticks to the handle otherwise
  if (rc !== 0) return null;
  return { width, height, ...region };
}
