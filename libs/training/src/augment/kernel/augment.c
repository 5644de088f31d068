/*
 * The per-image arithmetic of training augmentation, compiled to WebAssembly with SIMD128
 * (build.sh). JavaScript computes the resampling coefficients (core.mjs) and the drawn
 * parameters; this file only runs the three hot loops over pixels:
 *
 *   resample_v    the crop's 8-bit interleaved RGB rows → output rows (float, interleaved);
 *   resample_h    those rows → output columns, clamped to [0, 255] (a mirrored coefficient table
 *                 gives the horizontal flip);
 *   photometric   brightness, contrast, saturation, clamp, PCA lighting, mean subtraction, into
 *                 the network's HWC float layout.
 *
 * core.test.ts checks this file against a float64 reference built from the pure functions of
 * photometric.ts. No libc: pointers are offsets into the module's
 * own memory, laid out by kernel.ts.
 */
#include <stdint.h>
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(#name)))

/*
 * Vertical pass first, on the crop's 8-bit interleaved rows (contiguous, so 8 bytes at a time),
 * in fixed point: weights are int16 with 14 fractional bits (core.mjs rounds them so each row
 * sums to exactly 1 << 14), two taps per i32x4.dot_i16x8_s, as Pillow-SIMD does:
 *   out[y][i] = 2⁻¹⁴ · Σ_k w[y·taps + k] · src[start[y] + k][i]   for i < widthBytes (= crop width × 3).
 * src points at the crop's top-left byte; out rows are widthBytes floats apart.
 */
EXPORT(resample_v)
void resample_v(const uint8_t *src, int32_t srcStrideBytes, int32_t widthBytes, int32_t outH, const int32_t *start,
                const int32_t *count, const int16_t *w, int32_t taps, float *out) {
  const v128_t unit = wasm_f32x4_splat(1.0f / 16384.0f);
  const v128_t zero = wasm_i32x4_splat(0);
  for (int32_t y = 0; y < outH; y++) {
    const uint8_t *base = src + (intptr_t)start[y] * srcStrideBytes;
    const int16_t *wy = w + y * taps;
    const int32_t n = count[y];
    float *o = out + (intptr_t)y * widthBytes;
    int32_t x = 0;
    for (; x + 8 <= widthBytes; x += 8) {
      v128_t lo = zero, hi = zero;
      int32_t k = 0;
      for (; k + 1 < n; k += 2) {
        const v128_t a = wasm_u16x8_load8x8(base + (intptr_t)k * srcStrideBytes + x);
        const v128_t b = wasm_u16x8_load8x8(base + (intptr_t)(k + 1) * srcStrideBytes + x);
        const v128_t wk = wasm_i32x4_splat((int32_t)(uint16_t)wy[k] | ((int32_t)(uint16_t)wy[k + 1] << 16));
        lo = wasm_i32x4_add(lo, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(a, b, 0, 8, 1, 9, 2, 10, 3, 11), wk));
        hi = wasm_i32x4_add(hi, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(a, b, 4, 12, 5, 13, 6, 14, 7, 15), wk));
      }
      if (k < n) {
        const v128_t a = wasm_u16x8_load8x8(base + (intptr_t)k * srcStrideBytes + x);
        const v128_t wk = wasm_i32x4_splat((int32_t)(uint16_t)wy[k]);
        lo = wasm_i32x4_add(lo, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(a, zero, 0, 8, 1, 9, 2, 10, 3, 11), wk));
        hi = wasm_i32x4_add(hi, wasm_i32x4_dot_i16x8(wasm_i16x8_shuffle(a, zero, 4, 12, 5, 13, 6, 14, 7, 15), wk));
      }
      wasm_v128_store(o + x, wasm_f32x4_mul(wasm_f32x4_convert_i32x4(lo), unit));
      wasm_v128_store(o + x + 4, wasm_f32x4_mul(wasm_f32x4_convert_i32x4(hi), unit));
    }
    for (; x < widthBytes; x++) {
      int32_t acc = 0;
      for (int32_t k = 0; k < n; k++) acc += base[(intptr_t)k * srcStrideBytes + x] * wy[k];
      o[x] = (float)acc * (1.0f / 16384.0f);
    }
  }
}

/*
 * Then the horizontal pass on those float rows, one output pixel's three channels per vector,
 * clamped to [0, 255], interleaved rows × outW × 3:
 *   out[y][x][c] = clamp(Σ_k w[x·taps + k] · in[y][start[x] + k][c]).
 * Each load reads, and each store writes, a fourth float past the pixel: both buffers hold one
 * float past their end (the store's extra float is overwritten by the next pixel).
 */
EXPORT(resample_h)
void resample_h(const float *in, int32_t inStrideFloats, int32_t rows, const int32_t *start, const int32_t *count,
                const float *w, int32_t taps, int32_t outW, float *out) {
  const v128_t lo = wasm_f32x4_splat(0.0f), hi = wasm_f32x4_splat(255.0f);
  for (int32_t y = 0; y < rows; y++) {
    const float *row = in + (intptr_t)y * inStrideFloats;
    float *o = out + (intptr_t)y * outW * 3;
    for (int32_t x = 0; x < outW; x++) {
      const float *p = row + start[x] * 3;
      const float *wx = w + x * taps;
      const int32_t n = count[x];
      v128_t acc = wasm_f32x4_mul(wasm_v128_load(p), wasm_f32x4_splat(wx[0]));
      for (int32_t k = 1; k < n; k++) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(wasm_v128_load(p + 3 * k), wasm_f32x4_splat(wx[k])));
      wasm_v128_store(o + 3 * x, wasm_f32x4_pmax(lo, wasm_f32x4_pmin(hi, acc)));
    }
  }
}

#define LR 0.299f
#define LG 0.587f
#define LB 0.114f

/*
 * The resized image (n interleaved RGB pixels in [0, 255]) → out, same layout:
 *   v ← v·b·c + (1 − c)·b·mean_luma          brightness, then contrast around the mean luma
 *   v ← s·v + (1 − s)·luma(v)                saturation
 *   v ← clamp(v, 0, 255) + add[c]            add = PCA lighting offset − mean pixel
 * Four pixels at a time: three vectors [r0 g0 b0 r1] [g1 b1 r2 g2] [b2 r3 g3 b3] ↔ r, g, b.
 */
EXPORT(photometric)
void photometric(const float *in, int32_t n, float brightness, float contrast, float saturation, float addR, float addG,
                 float addB, float *out) {
  const int32_t n4 = n & ~3;
  double lumaSum = 0.0;
  {
    const v128_t wa = wasm_f32x4_make(LR, LG, LB, LR), wb = wasm_f32x4_make(LG, LB, LR, LG), wc = wasm_f32x4_make(LB, LR, LG, LB);
    int32_t i = 0;
    while (i < n4) {
      /* Partial sums over blocks of at most 1024 pixels in float, then in double. */
      v128_t acc = wasm_f32x4_splat(0.0f);
      const int32_t end = i + 1024 < n4 ? i + 1024 : n4;
      for (; i < end; i += 4) {
        const float *p = in + 3 * i;
        acc = wasm_f32x4_add(acc, wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(p), wa),
                                                 wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(p + 4), wb), wasm_f32x4_mul(wasm_v128_load(p + 8), wc))));
      }
      lumaSum += (double)wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1) + wasm_f32x4_extract_lane(acc, 2) +
                 wasm_f32x4_extract_lane(acc, 3);
    }
    for (; i < n; i++) lumaSum += LR * in[3 * i] + LG * in[3 * i + 1] + LB * in[3 * i + 2];
  }

  const float bc = brightness * contrast;
  const float offset = (float)((1.0 - contrast) * brightness * (lumaSum / n));
  const float s1 = 1.0f - saturation;
  const v128_t vbc = wasm_f32x4_splat(bc), voff = wasm_f32x4_splat(offset), vs = wasm_f32x4_splat(saturation);
  const v128_t vs1 = wasm_f32x4_splat(s1), lo = wasm_f32x4_splat(0.0f), hi = wasm_f32x4_splat(255.0f);
  const v128_t vaddR = wasm_f32x4_splat(addR), vaddG = wasm_f32x4_splat(addG), vaddB = wasm_f32x4_splat(addB);
  const v128_t vLR = wasm_f32x4_splat(LR), vLG = wasm_f32x4_splat(LG), vLB = wasm_f32x4_splat(LB);
  int32_t i = 0;
  for (; i < n4; i += 4) {
    const float *p = in + 3 * i;
    const v128_t A = wasm_v128_load(p), B = wasm_v128_load(p + 4), C = wasm_v128_load(p + 8);
    /* interleaved → planar */
    v128_t r = wasm_i32x4_shuffle(wasm_i32x4_shuffle(A, B, 0, 3, 6, 7), C, 0, 1, 2, 5);
    v128_t g = wasm_i32x4_shuffle(wasm_i32x4_shuffle(A, B, 1, 4, 7, 7), C, 0, 1, 2, 6);
    v128_t b = wasm_i32x4_shuffle(wasm_i32x4_shuffle(A, B, 2, 5, 5, 5), C, 0, 1, 4, 7);
    r = wasm_f32x4_add(wasm_f32x4_mul(r, vbc), voff);
    g = wasm_f32x4_add(wasm_f32x4_mul(g, vbc), voff);
    b = wasm_f32x4_add(wasm_f32x4_mul(b, vbc), voff);
    const v128_t grayPart = wasm_f32x4_mul(vs1, wasm_f32x4_add(wasm_f32x4_mul(r, vLR), wasm_f32x4_add(wasm_f32x4_mul(g, vLG), wasm_f32x4_mul(b, vLB))));
    r = wasm_f32x4_add(wasm_f32x4_pmax(lo, wasm_f32x4_pmin(hi, wasm_f32x4_add(wasm_f32x4_mul(r, vs), grayPart))), vaddR);
    g = wasm_f32x4_add(wasm_f32x4_pmax(lo, wasm_f32x4_pmin(hi, wasm_f32x4_add(wasm_f32x4_mul(g, vs), grayPart))), vaddG);
    b = wasm_f32x4_add(wasm_f32x4_pmax(lo, wasm_f32x4_pmin(hi, wasm_f32x4_add(wasm_f32x4_mul(b, vs), grayPart))), vaddB);
    /* planar → interleaved */
    const v128_t rgLo = wasm_i32x4_shuffle(r, g, 0, 4, 1, 5); /* r0 g0 r1 g1 */
    const v128_t rgHi = wasm_i32x4_shuffle(r, g, 2, 6, 3, 7); /* r2 g2 r3 g3 */
    const v128_t gb = wasm_i32x4_shuffle(rgLo, b, 3, 5, 3, 5); /* g1 b1 g1 b1 */
    float *o = out + 3 * i;
    wasm_v128_store(o, wasm_i32x4_shuffle(rgLo, b, 0, 1, 4, 2));
    wasm_v128_store(o + 4, wasm_i32x4_shuffle(gb, rgHi, 0, 1, 4, 5));
    wasm_v128_store(o + 8, wasm_i32x4_shuffle(b, rgHi, 2, 6, 7, 3));
  }
  const float add[3] = {addR, addG, addB};
  for (; i < n; i++) {
    const float v[3] = {in[3 * i] * bc + offset, in[3 * i + 1] * bc + offset, in[3 * i + 2] * bc + offset};
    const float grayPart = s1 * (LR * v[0] + LG * v[1] + LB * v[2]);
    for (int c = 0; c < 3; c++) {
      const float x = v[c] * saturation + grayPart;
      out[3 * i + c] = (x < 0.0f ? 0.0f : x > 255.0f ? 255.0f : x) + add[c];
    }
  }
}
