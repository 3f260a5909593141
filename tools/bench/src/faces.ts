import { Logger } from '@aws-lambda-powertools/logger';
import { createThumbnailHandler } from '@cruddur/avatars/processing';
import { FACE_SEARCH_EDGE, blazeFaceFinder, frameAvatar, renderAvatarRenditions, type AvatarFramingChoice, type FaceFinder } from '@cruddur/media/image';
import { lambdaContext } from '@cruddur/shared/lambda-events';
import {
  FACE_GROUPS,
  centredSquareOf,
  PLACEMENTS,
  faceSet,
  holdsFaces,
  placePhoto,
  smallFaceComposites,
  squareOfCrop,
  type LabelledPhoto,
} from '@cruddur/testing/images';
import type { LocalS3 } from '@cruddur/testing/fixtures';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import type { BenchInput } from './inputs';
import { WORKSPACE_ROOT, bundlePath } from './paths';
import { childEnv, runLambdaRunner } from './processes';
import type { Measurement } from './report';
import { median, pairedRatio, rotate } from './stats';
import { stageUploads, thumbnailEnv } from './thumbnail/bench';

/** The face-framing bounds (goals `faces-*`): share of avatars that hold the whole face, and what face framing may cost. */
const FACE_TARGETS = Object.freeze({
  heldOverall: 98,
  heldPerGroup: 95,
  heldOffCentre: 98,
  handlerOverAttention: 1.25,
  coldOverWithout: 1.5,
  peakRssMb: 450,
});

type Method = 'face' | 'attention' | 'centre';
const METHODS: readonly Method[] = ['face', 'attention', 'centre'];

/** How a case of the evaluation is taken: a photo as taken, placed off-centre, or a small-face composite. */
type Kind = 'as taken' | 'off-centre' | 'small-face composite';

interface Judged {
  photo: LabelledPhoto;
  kind: Kind;
  held: Record<Method, boolean>;
  framing: AvatarFramingChoice['framing'];
}

/** Judges every case: the square each method chooses, and whether it holds the whole face. */
async function judge(findFaces: FaceFinder, log: (line: string) => void): Promise<Judged[]> {
  const set = faceSet();
  const cases: { photo: LabelledPhoto; kind: Kind }[] = [
    ...set.map((photo) => ({ photo, kind: 'as taken' as const })),
    ...set.flatMap((photo) => PLACEMENTS.map((placement) => ({ photo: placePhoto(photo, placement), kind: 'off-centre' as const }))),
    ...smallFaceComposites(set, 6).map((photo) => ({ photo, kind: 'small-face composite' as const })),
  ];
  log(`faces: judging ${cases.length} cases (${set.length} photos as taken, each placed ${PLACEMENTS.length} ways, 6 small-face composites)…`);
  const none: FaceFinder = async () => [];
  const judged: Judged[] = [];
  for (const { photo, kind } of cases) {
    const bytes = await photo.bytes();
    const face = await frameAvatar(bytes, 50_000_000, findFaces);
    // The handler's own fallback: attention on the same copy, as it frames a photo without a face.
    const attention = await frameAvatar(bytes, 50_000_000, none);
    judged.push({
      photo,
      kind,
      framing: face.framing,
      held: {
        face: holdsFaces(squareOfCrop(face.crop, photo), photo),
        attention: holdsFaces(squareOfCrop(attention.crop, photo), photo),
        centre: holdsFaces(centredSquareOf(photo), photo),
      },
    });
  }
  return judged;
}

const percent = (cases: readonly Judged[], method: Method) => (100 * cases.filter((c) => c.held[method]).length) / cases.length;

/** The held-face rows: overall, off-centre and per group for face framing (judged), attention and centre crop beside it. */
function heldRows(judged: readonly Judged[]): Measurement[] {
  const rows: Measurement[] = [];
  const withFaces = judged.filter((c) => c.photo.faces.length > 0);
  const add = (label: string, cases: readonly Judged[], bound: number | undefined, goal: string) => {
    if (cases.length === 0) return;
    for (const method of METHODS) {
      rows.push({
        section: 'faces',
        measure: `${label} (${cases.length}): whole face held, ${method === 'face' ? 'face framing' : method === 'attention' ? 'attention' : 'centre crop'}`,
        value: percent(cases, method),
        unit: '%',
        ...(method === 'face' && bound !== undefined ? { target: { op: '>=' as const, value: bound }, goal } : {}),
      });
    }
  };
  add('photos as taken', withFaces.filter((c) => c.kind === 'as taken'), FACE_TARGETS.heldOverall, 'faces-held');
  add('off-centre placements', withFaces.filter((c) => c.kind === 'off-centre'), FACE_TARGETS.heldOffCentre, 'faces-off-centre');
  for (const group of FACE_GROUPS.filter((g) => g !== 'no-face')) {
    add(`group ${group}, every case`, withFaces.filter((c) => c.photo.groups.includes(group)), FACE_TARGETS.heldPerGroup, 'faces-held');
  }
  const misses = withFaces.filter((c) => !c.held.face).map((c) => `${c.photo.name} (${c.framing})`);
  if (rows[0]) rows[0].note = `face framing misses: ${misses.length === 0 ? 'none' : misses.join('; ')}`;
  return rows;
}

/** No face: never a rejection, and the fallback is attention (a false face found instead is counted). */
async function noFaceRows(judged: readonly Judged[], findFaces: FaceFinder): Promise<Measurement[]> {
  const noFace = judged.filter((c) => c.photo.faces.length === 0);
  let rejected = 0;
  for (const { photo } of noFace) {
    try {
      await renderAvatarRenditions(await photo.bytes(), { sizes: [128], findFaces });
    } catch {
      rejected += 1;
    }
  }
  const framedOnFalseFace = noFace.filter((c) => c.framing === 'face');
  return [
    { section: 'faces', measure: `photos without a face (${noFace.length}, every placement): rejected`, value: rejected, unit: 'count', target: { op: '<=', value: 0 }, goal: 'faces-no-face' },
    {
      section: 'faces',
      measure: `photos without a face: framed by attention (the fallback)`,
      value: noFace.length - framedOnFalseFace.length,
      unit: 'count',
      goal: 'faces-no-face',
      note: `the others were framed on something the detector took for a face: ${framedOnFalseFace.map((c) => c.photo.name).join('; ') || 'none'}`,
    },
  ];
}

/** A JPEG of `width`×`height` with one real face off-centre (a portrait of the set scaled to the full height, at the left). */
async function faceJpeg(file: string, width: number, height: number): Promise<BenchInput> {
  const portrait = faceSet().find((p) => p.name === 'light-02.jpg');
  if (portrait === undefined) throw new Error('the face set has no light-02.jpg');
  const scaled = await sharp(await portrait.bytes()).resize(height, height).toBuffer();
  const bytes = await sharp({ create: { width, height, channels: 3, background: { r: 120, g: 130, b: 140 } } })
    .composite([{ input: scaled, left: Math.round(width * 0.05), top: 0 }])
    .jpeg({ quality: 88 })
    .toBuffer();
  writeFileSync(file, bytes);
  return {
    name: path.basename(file, '.jpg'),
    label: `${((width * height) / 1e6).toFixed(0)} MP JPEG with a face`,
    extension: 'jpg',
    contentType: 'image/jpeg',
    megapixels: (width * height) / 1e6,
    file,
    bytes: bytes.byteLength,
  };
}

/** The handler with face framing against the same handler without it, warm, interleaved: ms per image. */
async function handlerRows(s3: LocalS3, input: BenchInput, rounds: number, findFaces: FaceFinder): Promise<Measurement[]> {
  const logger = new Logger({ serviceName: 'thumbnail', logLevel: 'SILENT' });
  const config = { assetsBucket: 'assets', maxUploadBytes: 50 * 1024 * 1024 };
  const handlers = {
    face: createThumbnailHandler({ s3: s3.client, config, logger, findFaces }),
    attention: createThumbnailHandler({ s3: s3.client, config, logger }),
  };
  const times: Record<keyof typeof handlers, number[]> = { face: [], attention: [] };
  const names = Object.keys(handlers) as (keyof typeof handlers)[];
  for (let round = -1; round < rounds; round += 1) {
    for (const name of rotate(names, Math.max(round, 0))) {
      const [event] = await stageUploads(s3, input, 1);
      if (event === undefined) throw new Error('no upload was staged');
      const started = performance.now();
      const summary = (await handlers[name](event, lambdaContext({ functionName: 'thumbnail' }))) as { processed: number };
      if (summary.processed !== 1) throw new Error(`the ${name} handler did not process the bench photo`);
      if (round >= 0) times[name].push(performance.now() - started);
    }
  }
  // Where the difference goes: the copy faces are looked for in, and the detector on it (the same run).
  const bytes = readFileSync(input.file);
  const copyMs: number[] = [];
  const detectMs: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    let started = performance.now();
    const { data, info } = await sharp(bytes)
      .autoOrient()
      .resize(FACE_SEARCH_EDGE, FACE_SEARCH_EDGE, { fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    copyMs.push(performance.now() - started);
    started = performance.now();
    await findFaces({ pixels: data, width: info.width, height: info.height, channels: 3 });
    detectMs.push(performance.now() - started);
  }
  return [
    { section: 'faces', measure: `${input.label}: of the difference, decoding the ${FACE_SEARCH_EDGE} px copy faces are looked for in`, value: median(copyMs), unit: 'ms' },
    { section: 'faces', measure: `${input.label}: of the difference, the detector on that copy (BlazeFace, tfjs WASM, one thread)`, value: median(detectMs), unit: 'ms' },
    { section: 'faces', measure: `${input.label}: handler with face framing, warm`, value: median(times.face), unit: 'ms' },
    { section: 'faces', measure: `${input.label}: the same handler with attention (FACE_FRAMING=off), warm`, value: median(times.attention), unit: 'ms' },
    {
      section: 'faces',
      measure: `${input.label}: handler with face framing / with attention, warm`,
      value: pairedRatio(times.face, times.attention),
      unit: 'x',
      target: { op: '<=', value: FACE_TARGETS.handlerOverAttention },
      goal: 'faces-cost',
      note: `the lib's handler (as bundled) against s3rver in this process, ${rounds} interleaved rounds`,
    },
  ];
}

/** Fresh processes running the built bundle on one photo with a face, with the detector and without it. */
async function coldRows(s3: LocalS3, input: BenchInput, runs: number): Promise<Measurement[]> {
  const wall: Record<'on' | 'off', number[]> = { on: [], off: [] };
  const peaks: number[] = [];
  for (let run = -1; run < runs; run += 1) {
    for (const setting of rotate(['on', 'off'] as const, Math.max(run, 0))) {
      const [event] = await stageUploads(s3, input, 1);
      const report = await runLambdaRunner(
        { bundle: bundlePath('thumbnail'), event, context: { ...lambdaContext() } },
        childEnv({ ...thumbnailEnv(s3), FACE_FRAMING: setting }),
      );
      if ((report.result as { processed?: number })?.processed !== 1) throw new Error(`the thumbnail bundle (FACE_FRAMING=${setting}) answered ${JSON.stringify(report.result)}`);
      if (run < 0) continue;
      wall[setting].push(report.wallMs);
      if (setting === 'on') peaks.push((report.peakRssKb ?? report.maxRssKb ?? Number.NaN) / 1024);
    }
  }
  return [
    {
      section: 'faces',
      measure: `cold start, fresh process, bundle + first ${input.label}: with the detector / without it`,
      value: pairedRatio(wall.on, wall.off),
      unit: 'x',
      target: { op: '<=', value: FACE_TARGETS.coldOverWithout },
      goal: 'faces-cost',
      note: `${median(wall.on).toFixed(0)} ms against ${median(wall.off).toFixed(0)} ms, medians of ${runs} paired runs`,
    },
    {
      section: 'faces',
      measure: `peak RSS, fresh process with the detector, one ${input.label}`,
      value: Math.max(...peaks),
      unit: 'MB',
      target: { op: '<=', value: FACE_TARGETS.peakRssMb },
      goal: 'faces-cost',
    },
  ];
}

/** Bytes of every file under `dir` whose name passes `keep`. */
function folderBytes(dir: string, keep: (file: string) => boolean = () => true): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(file, keep);
    else if (keep(file)) total += statSync(file).size;
  }
  return total;
}

/** What the detector weighs: in the Lambda artifact, and what a browser downloads (from the built page). */
function sizeRows(): Measurement[] {
  const thumbnail = path.join(WORKSPACE_ROOT, 'dist', 'apps', 'thumbnail');
  const web = path.join(WORKSPACE_ROOT, 'dist', 'apps', 'web');
  const rows: Measurement[] = [
    {
      section: 'faces',
      measure: 'thumbnail artifact, everything Lambda gets (source maps and meta.json left out)',
      value: folderBytes(thumbnail, (file) => !file.endsWith('.map') && !file.endsWith('meta.json')) / 1e6,
      unit: 'MB',
      goal: 'faces-cost',
    },
    { section: 'faces', measure: 'of it, the face model (face-model/)', value: folderBytes(path.join(thumbnail, 'face-model')) / 1e3, unit: 'KB', goal: 'faces-cost' },
    {
      section: 'faces',
      measure: "of it, tfjs' WebAssembly (node_modules/@tensorflow)",
      value: folderBytes(path.join(thumbnail, 'node_modules', '@tensorflow')) / 1e3,
      unit: 'KB',
      goal: 'faces-cost',
    },
  ];
  try {
    const workers = readdirSync(web).filter((file) => /^face-worker.*\.js$/.test(file));
    // What Chromium fetches: the worker, the model and the SIMD build of tfjs' WebAssembly (not the plain one).
    const files = [...workers.map((file) => path.join(web, file)), ...['blazeface.json', 'blazeface.bin', 'tfjs-backend-wasm-simd.wasm'].map((file) => path.join(web, 'face-model', file))];
    const gzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).byteLength, 0);
    rows.push({ section: 'faces', measure: 'browser: the detector download, gzip (worker, model, SIMD WebAssembly)', value: gzip / 1e3, unit: 'KB', goal: 'faces-browser' });
  } catch {
    // The page is not built: nothing to weigh (the e2e prints the same figure from Chromium).
  }
  return rows;
}

/**
 * Face framing: on the labelled set, the share of avatars that hold the whole face with
 * face framing, attention and a centre crop, overall, off-centre and per group; photos without a
 * face; the handler's warm cost and the bundle's cold start with the detector; the bytes it adds.
 */
export async function benchFaces(s3: LocalS3, options: { dir: string; rounds: number; coldRuns: number; log: (line: string) => void }): Promise<Measurement[]> {
  const findFaces = blazeFaceFinder({ onError: (error) => options.log(`faces: the detector failed: ${String(error)}`) });
  const judged = await judge(findFaces, options.log);
  const rows = [...heldRows(judged), ...(await noFaceRows(judged, findFaces))];
  options.log('faces: the handler with and without face framing, 12 MP, warm…');
  const twelve = await faceJpeg(path.join(options.dir, 'face-12mp.jpg'), 4000, 3000);
  rows.push(...(await handlerRows(s3, twelve, options.rounds, findFaces)));
  options.log('faces: cold starts of the bundle with and without the detector, 2 MP…');
  const two = await faceJpeg(path.join(options.dir, 'face-2mp.jpg'), 1632, 1224);
  rows.push(...(await coldRows(s3, two, options.coldRuns)));
  rows.push(...sizeRows());
  return rows;
}
