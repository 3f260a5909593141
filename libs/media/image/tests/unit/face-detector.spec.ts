import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { faceSet, placePhoto, type LabelledFace } from '@cruddur/testing/images';
import { createFaceDetector, type FaceDetector, type FacePixels } from '@cruddur/media/faces';

const MODEL_DIR = path.resolve(__dirname, '../../../faces/model');
const WASM_DIR = path.resolve(__dirname, '../../../../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

async function pixelsOf(bytes: Buffer, channels: 3 | 4 = 3): Promise<FacePixels> {
  const image = sharp(bytes).autoOrient().resize(512, 512, { fit: 'inside' });
  const { data, info } = await (channels === 4 ? image.ensureAlpha() : image.removeAlpha()).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels };
}

/** Intersection over union of a detected box and a label, both scaled to the same pixels. */
function iou(a: LabelledFace, b: LabelledFace): number {
  const width = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const height = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  if (width <= 0 || height <= 0) return 0;
  return (width * height) / (a.width * a.height + b.width * b.height - width * height);
}

describe('createFaceDetector on real photos (tfjs WASM, the model from its files)', () => {
  let detector: FaceDetector;
  const photos = faceSet();
  const photo = (name: string) => photos.find((p) => p.name === name)!;

  beforeAll(async () => {
    const weights = readFileSync(path.join(MODEL_DIR, 'blazeface.bin'));
    detector = await createFaceDetector(
      { model: JSON.parse(readFileSync(path.join(MODEL_DIR, 'blazeface.json'), 'utf8')), weights: new Uint8Array(weights).buffer },
      { wasmPaths: `${WASM_DIR}/` },
    );
  });

  it.each(['dark-01.jpg', 'older-06.jpg', 'child-03.jpg', 'glasses-02.jpg'])('finds the one face of %s where the labels put it', async (name) => {
    const labelled = photo(name);
    const pixels = await pixelsOf(await labelled.bytes());
    const faces = await detector.detect(pixels);
    const scale = pixels.width / labelled.width;
    const label = labelled.faces[0]!;
    const scaled = { left: label.left * scale, top: label.top * scale, width: label.width * scale, height: label.height * scale };
    expect(faces).toHaveLength(1);
    expect(iou(faces[0]!, scaled)).toBeGreaterThan(0.4);
    expect(faces[0]!.score).toBeGreaterThanOrEqual(0.7);
  });

  it('finds every face of a group photo', async () => {
    const group = photo('group-05.jpg');
    expect(await detector.detect(await pixelsOf(await group.bytes()))).toHaveLength(group.faces.length);
  });

  it('looks closer in tiles for the small faces of a group on a wide canvas', async () => {
    const group = placePhoto(photo('group-04.jpg'), 'left third of 16:9');
    const faces = await detector.detect(await pixelsOf(await group.bytes()));
    expect(faces.length).toBeGreaterThanOrEqual(3);
  });

  it('takes RGBA as RGB, and the same faces', async () => {
    const bytes = await photo('beard-02.jpg').bytes();
    const rgb = await detector.detect(await pixelsOf(bytes, 3));
    const rgba = await detector.detect(await pixelsOf(bytes, 4));
    expect(rgb).toHaveLength(1);
    expect(rgba.map((f) => Math.round(f.left))).toEqual(rgb.map((f) => Math.round(f.left)));
  });

  it.each(['noface-rocket.jpg', 'back-turned.jpg', 'noface-palace.jpg'])('finds no face in %s', async (name) => {
    expect(await detector.detect(await pixelsOf(await photo(name).bytes()))).toEqual([]);
  });

  it('answers no face for pixels it cannot read, instead of throwing', async () => {
    expect(await detector.detect({ data: new Uint8Array(10), width: 100, height: 100, channels: 3 })).toEqual([]);
    expect(await detector.detect({ data: new Uint8Array(0), width: 0, height: 0, channels: 3 })).toEqual([]);
    expect(await detector.detect({ data: new Uint8Array(3), width: 1, height: 1, channels: 3 })).toEqual([]);
  });
});
