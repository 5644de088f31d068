// The one decoding path every ingested image goes through (plain JavaScript so that worker
// threads can load it without a TypeScript loader; types in decode-core.d.mts).
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';

/**
 * Decodes `bytes` (any format libvips reads), converts to 3-channel sRGB (CMYK through libvips'
 * CMYK profile or the embedded ICC profile, grayscale replicated, alpha dropped as PIL's
 * convert('RGB') does), caps the shorter side at `shorterSideMaxPx` (never upscales) and
 * re-encodes as baseline JPEG. EXIF orientation is NOT applied: ILSVRC boxes are in the stored
 * pixel grid. A file that cannot be used comes back as { ok: false, reason }.
 * @param {Uint8Array} bytes
 * @param {{ shorterSideMaxPx: number, jpegQuality: number, maxInputPixels: number }} opts
 */
export async function decodeImage(bytes, opts) {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  let meta;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    return { ok: false, reason: `not a decodable image: ${message(err)}` };
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (!(width > 0 && height > 0)) return { ok: false, reason: `not a decodable image: no dimensions (format ${meta.format})` };
  if (width * height > opts.maxInputPixels) {
    return { ok: false, reason: `decompression bomb: ${width}x${height} = ${width * height} pixels exceeds the limit of ${opts.maxInputPixels}` };
  }
  const shorter = Math.min(width, height);
  const scale = shorter > opts.shorterSideMaxPx ? opts.shorterSideMaxPx / shorter : 1;
  const storedWidth = scale === 1 ? width : width <= height ? opts.shorterSideMaxPx : Math.max(1, Math.round(width * scale));
  const storedHeight = scale === 1 ? height : height < width ? opts.shorterSideMaxPx : Math.max(1, Math.round(height * scale));
  try {
    let img = sharp(bytes, { limitInputPixels: opts.maxInputPixels, failOn: 'truncated', sequentialRead: true, pages: 1 });
    if (meta.hasAlpha) img = img.removeAlpha();
    img = img.toColourspace('srgb');
    if (scale !== 1) img = img.resize(storedWidth, storedHeight, { fit: 'fill', kernel: 'lanczos3' });
    const { data, info } = await img
      .jpeg({ quality: opts.jpegQuality, chromaSubsampling: '4:2:0', mozjpeg: false, progressive: false, optimiseCoding: true })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) return { ok: false, reason: `decoder produced ${info.channels} channels, expected 3` };
    return {
      ok: true,
      image: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width,
      height,
      storedWidth: info.width,
      storedHeight: info.height,
      format: meta.format ?? 'unknown',
      space: meta.space ?? 'unknown',
      channels: meta.channels ?? 0,
    };
  } catch (err) {
    const msg = message(err);
    const truncated = /premature end|truncat|unexpected end/i.test(msg);
    return { ok: false, reason: `${truncated ? 'truncated image' : 'corrupt image'}: ${msg}` };
  }
}

/**
 * Reads then decodes a file; unreadable files are quarantined like undecodable ones.
 * @param {string} path
 * @param {{ shorterSideMaxPx: number, jpegQuality: number, maxInputPixels: number }} opts
 */
export async function decodeFile(path, opts) {
  let bytes;
  try {
    bytes = await readFile(path);
  } catch (err) {
    return { ok: false, reason: `unreadable file: ${message(err)}` };
  }
  return decodeImage(bytes, opts);
}

function message(err) {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
