// Draws docs/face-framing.png: one portrait of the labelled face set placed in the left third of a
// 16:9 canvas, and the avatar square each framing gives it (centre crop, attention, face framing).
// Run: npx tsx tools/bench/scripts/face-framing-picture.ts [--photo astronaut.jpg] [--out docs/face-framing.png]
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import path from 'node:path';
import sharp from 'sharp';
import { DEFAULT_MAX_INPUT_PIXELS, blazeFaceFinder, frameAvatar, type AvatarFramingChoice, type FaceFinder } from '@cruddur/media/image';
import { faceSet, holdsFaces, placePhoto, type LabelledPhoto, type PhotoSquare } from '@cruddur/testing/images';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../..');

const HELP = `Usage: npx tsx tools/bench/scripts/face-framing-picture.ts [options]

Draws the before/after picture of face framing: one portrait of the labelled face set
(libs/testing/images/fixtures/face-set) placed in the left third of a 16:9 canvas (placePhoto),
then, side by side, 256 px each with a caption: the photo with face framing's square outlined,
the centred square (the centre crop, before), libvips' attention with no face detector (a finder
answering []), and face framing (frameAvatar with blazeFaceFinder()). Prints each square and
whether it holds the labelled face whole (the bench's judge, holdsFaces).

Options:
  --photo <file>  a photo of the set (default astronaut.jpg: Eileen Collins, NASA, public domain)
  --out <file>    where to write the PNG (default docs/face-framing.png)
  --help          this text`;

const PANEL = 256;
const GAP = 16;
const MARGIN = 16;
const CAPTION_HEIGHT = 46;
const OUTLINE = '#e6007e';

interface Panel {
  image: Buffer;
  caption: string;
  verdict?: string;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A square of the photo's pixels from a framing's crop (fractions of the upright photo). */
function squareOf({ crop }: AvatarFramingChoice, photo: LabelledPhoto): PhotoSquare {
  const side = Math.floor(Math.min(crop.width * photo.width, crop.height * photo.height));
  return {
    left: Math.min(Math.round(crop.left * photo.width), photo.width - side),
    top: Math.min(Math.round(crop.top * photo.height), photo.height - side),
    side,
  };
}

/** The square as the avatar shows it: cut out and resized to the panel, as the thumbnail does. */
async function avatarOf(bytes: Buffer, square: PhotoSquare): Promise<Buffer> {
  return sharp(bytes)
    .extract({ left: square.left, top: square.top, width: square.side, height: square.side })
    .resize(PANEL, PANEL)
    .png()
    .toBuffer();
}

/** The whole photo scaled to the panel's width, centred in a square panel, with `square` outlined. */
async function photoWithSquare(bytes: Buffer, photo: LabelledPhoto, square: PhotoSquare): Promise<Buffer> {
  const scale = PANEL / photo.width;
  const height = Math.round(photo.height * scale);
  const top = Math.floor((PANEL - height) / 2);
  const outline = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PANEL}" height="${PANEL}">` +
      `<rect x="${(square.left * scale + 1).toFixed(1)}" y="${(top + square.top * scale + 1).toFixed(1)}" ` +
      `width="${(square.side * scale - 2).toFixed(1)}" height="${(square.side * scale - 2).toFixed(1)}" fill="none" stroke="${OUTLINE}" stroke-width="2"/></svg>`,
  );
  const scaled = await sharp(bytes).resize(PANEL, height, { fit: 'fill' }).png().toBuffer();
  return sharp({ create: { width: PANEL, height: PANEL, channels: 3, background: '#ffffff' } })
    .composite([
      { input: scaled, left: 0, top },
      { input: outline, left: 0, top: 0 },
    ])
    .png()
    .toBuffer();
}

/** The panels side by side on white, each with its caption under it (an SVG text overlay). */
async function sheet(panels: readonly Panel[]): Promise<Buffer> {
  const width = 2 * MARGIN + panels.length * PANEL + (panels.length - 1) * GAP;
  const height = 2 * MARGIN + PANEL + CAPTION_HEIGHT;
  const captions = panels
    .map((panel, index) => {
      const x = MARGIN + index * (PANEL + GAP) + PANEL / 2;
      const y = MARGIN + PANEL + 20;
      const verdict = panel.verdict === undefined ? '' : `<text x="${x}" y="${y + 19}" class="verdict">${escapeXml(panel.verdict)}</text>`;
      return `<text x="${x}" y="${y}" class="caption">${escapeXml(panel.caption)}</text>${verdict}`;
    })
    .join('');
  const text = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<style>text { font-family: 'DejaVu Sans', sans-serif; text-anchor: middle; } .caption { font-size: 15px; fill: #222; } .verdict { font-size: 13px; fill: #666; }</style>` +
      `${captions}</svg>`,
  );
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([
      ...panels.map((panel, index) => ({ input: panel.image, left: MARGIN + index * (PANEL + GAP), top: MARGIN })),
      { input: text, left: 0, top: 0 },
    ])
    .png({ compressionLevel: 9 })
    .toBuffer();
}

async function main(argv: readonly string[]): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { photo: { type: 'string', default: 'astronaut.jpg' }, out: { type: 'string', default: 'docs/face-framing.png' }, help: { type: 'boolean', default: false } },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const original = faceSet().find((photo) => photo.name === values.photo);
  if (original === undefined) throw new Error(`${values.photo} is not a photo of the face set (see libs/testing/images/fixtures/face-set/labels.json)`);
  if (original.faces.length === 0) throw new Error(`${values.photo} has no labelled face: nothing to frame`);
  const photo = placePhoto(original, 'left third of 16:9');
  const bytes = await photo.bytes();

  let failure: unknown;
  const findFaces = blazeFaceFinder({ onError: (error) => (failure = error) });
  const noFace: FaceFinder = async () => [];
  const face = await frameAvatar(bytes, DEFAULT_MAX_INPUT_PIXELS, findFaces);
  if (failure !== undefined) throw new Error(`the face detector failed: ${String(failure)}`);
  if (face.framing !== 'face') throw new Error(`no face found in ${photo.name}: pick another --photo`);
  const attention = await frameAvatar(bytes, DEFAULT_MAX_INPUT_PIXELS, noFace);
  const shorter = Math.min(photo.width, photo.height);
  const squares = {
    centre: { left: Math.floor((photo.width - shorter) / 2), top: Math.floor((photo.height - shorter) / 2), side: shorter },
    attention: squareOf(attention, photo),
    face: squareOf(face, photo),
  };
  const verdict = (square: PhotoSquare) => (holdsFaces(square, photo) ? 'holds the whole face' : 'cuts the face');
  for (const [name, square] of Object.entries(squares)) {
    console.log(`${name.padEnd(9)} square left ${square.left}, top ${square.top}, side ${square.side}: ${verdict(square)}`);
  }

  const png = await sheet([
    { image: await photoWithSquare(bytes, photo, squares.face), caption: 'the upload (16:9)', verdict: 'face framing’s square outlined' },
    { image: await avatarOf(bytes, squares.centre), caption: 'centre crop (before)', verdict: verdict(squares.centre) },
    { image: await avatarOf(bytes, squares.attention), caption: 'attention (no face detector)', verdict: verdict(squares.attention) },
    { image: await avatarOf(bytes, squares.face), caption: 'face framing (now)', verdict: verdict(squares.face) },
  ]);
  const out = path.resolve(WORKSPACE_ROOT, values.out);
  writeFileSync(out, png);
  console.log(`wrote ${path.relative(WORKSPACE_ROOT, out)} (${png.byteLength} bytes) from ${photo.name}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
