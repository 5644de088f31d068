import { beforeAll, describe, expect, it } from 'vitest';
import { detectLayout, ingest, parseValSolution, parseVocXml, ShardDataset, type ImageRecord } from './index.js';
import { flatImage, put, tempDir, xml } from './test-fixtures.js';

const CLS = 'ILSVRC/Data/CLS-LOC';
const ANN = 'ILSVRC/Annotations/CLS-LOC';
let root: string;

beforeAll(async () => {
  root = tempDir('kaggle');
  // Mapping listed out of order: the class index must still follow sorted wnids.
  put(root, 'LOC_synset_mapping.txt', 'n02000000 beta, b\nn01000000 alpha\n');
  put(root, `${CLS}/train/n01000000/n01000000_7.JPEG`, await flatImage(30, 20, [200, 0, 0]));
  put(root, `${CLS}/train/n02000000/n02000000_9.JPEG`, await flatImage(20, 30, [0, 0, 200]));
  put(root, `${ANN}/train/n02000000/n02000000_9.xml`, xml('n02000000', 'n02000000_9', 20, 30, [{ wnid: 'n02000000', xmin: 1, ymin: 2, xmax: 18, ymax: 27 }]));
  put(root, `${CLS}/val/ILSVRC2012_val_00000001.JPEG`, await flatImage(24, 24, [0, 200, 0]));
  put(root, `${CLS}/val/ILSVRC2012_val_00000002.JPEG`, await flatImage(24, 24, [0, 200, 0]));
  put(root, 'LOC_val_solution.csv', 'ImageId,PredictionString\nILSVRC2012_val_00000002,n01000000 1 2 3 4 \nILSVRC2012_val_00000001,n02000000 0 0 23 23 n02000000 5 6 7 8\n');
});

async function rowsOf(dir: string): Promise<ImageRecord[]> {
  const ds = await ShardDataset.open(dir);
  const out: ImageRecord[] = [];
  for await (const r of ds.rows()) out.push(r);
  await ds.close();
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

describe('Kaggle layout', () => {
  it('is detected and ingested with labels by sorted wnid and boxes from XML and CSV', async () => {
    expect(detectLayout(root)).toBe('kaggle');
    const trainOut = tempDir('kt');
    const train = await ingest({ root, split: 'train', out: trainOut, workers: 0, progress: false });
    expect(train.classes).toEqual([{ index: 0, wnid: 'n01000000', words: 'alpha' }, { index: 1, wnid: 'n02000000', words: 'beta, b' }]);
    expect((await rowsOf(trainOut)).map((r) => [r.key, r.label, r.boxes.length])).toEqual([
      [`${CLS}/train/n01000000/n01000000_7.JPEG`, 0, 0],
      [`${CLS}/train/n02000000/n02000000_9.JPEG`, 1, 1],
    ]);
    const valOut = tempDir('kv');
    await ingest({ root, split: 'val', out: valOut, workers: 0, progress: false });
    expect((await rowsOf(valOut)).map((r) => [r.label, r.wnid, r.boxes])).toEqual([
      [1, 'n02000000', [{ wnid: 'n02000000', xmin: 0, ymin: 0, xmax: 23, ymax: 23 }, { wnid: 'n02000000', xmin: 5, ymin: 6, xmax: 7, ymax: 8 }]],
      [0, 'n01000000', [{ wnid: 'n01000000', xmin: 1, ymin: 2, xmax: 3, ymax: 4 }]],
    ]);
  });

  it('names the file and line of a malformed CSV or a missing row', async () => {
    expect(() => parseValSolution('ImageId,PredictionString\nILSVRC2012_val_00000001,n01000000 1 2 3\n', 'sol.csv')).toThrow(/sol\.csv:2: PredictionString has 4 tokens/);
    expect(() => parseValSolution('Id,Pred\n', 'sol.csv')).toThrow(/sol\.csv:1: expected header/);
    expect(() => parseValSolution('ImageId,PredictionString\nx,n01000000 1 2 3 y\n', 'sol.csv')).toThrow(/sol\.csv:2: box coordinates '1 2 3 y'/);
    const bad = tempDir('kbad');
    put(bad, 'LOC_synset_mapping.txt', 'n01000000 alpha\n');
    put(bad, `${CLS}/val/ILSVRC2012_val_00000003.JPEG`, await flatImage(8, 8, [1, 1, 1]));
    put(bad, 'LOC_val_solution.csv', 'ImageId,PredictionString\nILSVRC2012_val_00000001,n01000000 1 2 3 4\n');
    await expect(ingest({ root: bad, split: 'val', out: tempDir('kb'), workers: 0 })).rejects.toThrow(/LOC_val_solution\.csv: no line for ILSVRC2012_val_00000003\.JPEG/);
    put(bad, 'LOC_synset_mapping.txt', 'n01000000 alpha\nbogus line\n');
    await expect(ingest({ root: bad, split: 'val', out: tempDir('kb'), workers: 0 })).rejects.toThrow(/LOC_synset_mapping\.txt:2: expected '<wnid> <words>'/);
  });
});

describe('VOC XML', () => {
  const GOOD = `<annotation>\n\t<filename>x</filename>\n\t<size><width>500</width><height>375</height><depth>3</depth></size>\n\t<object><name>n01440764</name><bndbox><xmin>10</xmin><ymin>20</ymin><xmax>30.0</xmax><ymax>40</ymax></bndbox></object>\n</annotation>`;
  it('parses size and boxes', () => {
    expect(parseVocXml(GOOD, 'a.xml')).toEqual({ filename: 'x', width: 500, height: 375, boxes: [{ wnid: 'n01440764', xmin: 10, ymin: 20, xmax: 30, ymax: 40 }] });
  });
  it('refuses entities and names file and line of malformed XML', () => {
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">]>\n<annotation><folder>&lol;</folder></annotation>`;
    expect(() => parseVocXml(bomb, 'b.xml')).toThrow(/b\.xml:2: DTDs and entity declarations are refused/);
    expect(() => parseVocXml('<annotation>\n<size>\n</annotation>', 'c.xml')).toThrow(/c\.xml:\d+: malformed XML/);
    expect(() => parseVocXml(GOOD.replace('n01440764', 'cat'), 'd.xml')).toThrow(/d\.xml: <object> 1 has <name> 'cat', expected a wnid/);
    expect(() => parseVocXml(GOOD.replace('<xmin>10', '<xmin>ten'), 'e.xml')).toThrow(/e\.xml: <object> 1 xmin is 'ten'/);
  });
});
