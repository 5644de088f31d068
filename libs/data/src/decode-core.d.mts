export interface DecodeOptions {
  shorterSideMaxPx: number;
  jpegQuality: number;
  maxInputPixels: number;
}

export type DecodeResult =
  | {
      ok: true;
      image: Uint8Array;
      width: number;
      height: number;
      storedWidth: number;
      storedHeight: number;
      format: string;
      space: string;
      channels: number;
    }
  | { ok: false; reason: string };

export function decodeImage(bytes: Uint8Array, opts: DecodeOptions): Promise<DecodeResult>;
export function decodeFile(path: string, opts: DecodeOptions): Promise<DecodeResult>;
