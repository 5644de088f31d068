import { ShardDataset } from '@googlenet/data';
import type { ImageSource } from './source.js';

/** The training view of a shard directory of @googlenet/data (manifest.json + Arrow shards). */
export async function openShardSource(dir: string): Promise<ImageSource> {
  const ds = await ShardDataset.open(dir);
  if (ds.numRows === 0) throw new Error(`${dir}: the shard directory holds no rows`);
  return {
    numRows: ds.numRows,
    numClasses: ds.classes.length,
    name: dir,
    get: async (index: number) => {
      const rec = await ds.get(index);
      return { image: rec.image, label: rec.label, storedWidth: rec.storedWidth, storedHeight: rec.storedHeight };
    },
    shuffledOrder: (seed: number, epoch: number) => ds.shuffledOrder(seed, epoch),
    close: () => ds.close(),
  };
}
