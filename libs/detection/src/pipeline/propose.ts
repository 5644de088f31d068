import { Progress, type JsonlLog } from '@googlenet/util';
import { selectiveSearch, type SelectiveSearchOptions } from '../selective-search/selective-search.js';
import { decodeDetectionImage, toOriginal, type DetectionImage } from './source.js';
import { toProposalLine, type ImageProposals } from './proposals-file.js';

export interface ProposeOptions {
  selectiveSearch: SelectiveSearchOptions;
  /** Expected image count, for the progress bar. */
  total?: number;
  log?: JsonlLog;
  progress?: boolean;
}

/** The paper's proposals: selective search fast mode with superpixel size doubled, ≤ 2000 boxes. */
export const PAPER_SELECTIVE_SEARCH: SelectiveSearchOptions = { mode: 'fast', kScale: 2, maxProposals: 2000, minBoxSidePx: 0 };

/** Selective search on every image (on the decoded pixels, one decode each); boxes in original pixels. */
export async function proposeAll(images: Iterable<DetectionImage> | AsyncIterable<DetectionImage>, opts: ProposeOptions): Promise<ImageProposals[]> {
  const progress = new Progress({ label: 'proposals', total: opts.total, unit: 'img', enabled: opts.progress });
  const out: ImageProposals[] = [];
  for await (const img of images) {
    const t0 = performance.now();
    const decoded = await decodeDetectionImage(img);
    const boxes = selectiveSearch(decoded.rgb, opts.selectiveSearch).map((b) => toOriginal(decoded, b));
    out.push(toProposalLine(img.key, img.width, img.height, boxes));
    const seconds = (performance.now() - t0) / 1000;
    opts.log?.write('proposals', { image: img.key, proposals: boxes.length, seconds });
    progress.tick(1, `${boxes.length} boxes`);
  }
  progress.finish();
  return out;
}
