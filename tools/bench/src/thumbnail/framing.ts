import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import type { BenchInput } from '../inputs';
import type { Measurement } from '../report';
import { median, pairedRatio, rotate } from '../stats';

/** The decode step's three ways of choosing the square, as `decodeAvatarSquare` runs them. */
type Framing = 'centre' | 'attention' | 'crop';
const FRAMINGS: readonly Framing[] = Object.freeze(['centre', 'attention', 'crop']);

const SIZE = 512;

/** One decode of `input` to the 512 square: the old centre crop, attention (no crop given), or a client's crop. */
async function decodeOnce(input: Buffer, framing: Framing, upright: { width: number; height: number }): Promise<void> {
  const image = sharp(input, { failOn: 'error', pages: 1 }).autoOrient();
  if (framing === 'crop') {
    // The right half's centred square, shrunk on load as a crop larger than the avatar is.
    const side = Math.min(Math.floor(upright.width / 2), upright.height);
    const scale = SIZE / side;
    const [width, height] = [Math.max(SIZE, Math.round(upright.width * scale)), Math.max(SIZE, Math.round(upright.height * scale))];
    const left = Math.min(Math.round((upright.width - side) * scale), width - SIZE);
    const top = Math.min(Math.round(((upright.height - side) / 2) * scale), height - SIZE);
    await image.resize(width, height, { fit: 'fill' }).extract({ left, top, width: SIZE, height: SIZE }).raw().toBuffer();
    return;
  }
  await image.resize(SIZE, SIZE, { fit: 'cover', position: framing === 'attention' ? sharp.strategy.attention : 'centre' }).raw().toBuffer();
}

/**
 * What framing by content costs: the decode step (the part of the thumbnail the framing changes) of
 * one input with a centre crop, with libvips' attention strategy, and with a client's crop, in
 * interleaved rounds in this process. Info rows: ms per decode and attention / centre.
 */
/** The bound (goal `framing-heic`) on the whole handler with attention framing over the same handler with a centre crop. */
export const FRAMING_TARGET = 1.15;

/**
 * The whole handler's time with attention framing over the same handler with a centre crop, from the
 * handler's measured ms per image (it frames by attention) and the decode step's extra time in the same run.
 *
 * @example
 * handlerFramingRatio(200, 60, 50); // 200 / 190 ≈ 1.05
 */
export function handlerFramingRatio(handlerMs: number, attentionDecodeMs: number, centreDecodeMs: number): number {
  return handlerMs / Math.max(handlerMs - (attentionDecodeMs - centreDecodeMs), Number.EPSILON);
}

export async function benchFraming(
  input: BenchInput,
  rounds: number,
  log: (line: string) => void,
  /** The handler's ms per image of this input, measured in the same run: judges target 7 when given. */
  handlerMs?: number,
): Promise<Measurement[]> {
  const bytes = readFileSync(input.file);
  const { autoOrient: upright } = await sharp(bytes).metadata();
  const perRound: Record<Framing, number[]> = { centre: [], attention: [], crop: [] };
  for (const framing of FRAMINGS) await decodeOnce(bytes, framing, upright);
  for (let round = 0; round < rounds; round += 1) {
    for (const framing of rotate(FRAMINGS, round)) {
      const started = performance.now();
      await decodeOnce(bytes, framing, upright);
      perRound[framing].push(performance.now() - started);
    }
  }
  const row = (measure: string, value: number, unit: Measurement['unit']): Measurement => ({ section: 'thumbnail', measure: `${input.label}: ${measure}`, value, unit });
  const rows = [
    row('decode to the 512 square, centre crop (before)', median(perRound.centre), 'ms'),
    row('decode to the 512 square, attention framing (no crop given)', median(perRound.attention), 'ms'),
    row("decode to the 512 square, a client's crop (the right half)", median(perRound.crop), 'ms'),
    row('attention / centre decode time', pairedRatio(perRound.attention, perRound.centre), 'x'),
  ];
  if (handlerMs !== undefined) {
    rows.push({
      ...row('handler with attention framing / the same handler with a centre crop', handlerFramingRatio(handlerMs, median(perRound.attention), median(perRound.centre)), 'x'),
      target: { op: '<=', value: FRAMING_TARGET },
      goal: 'framing-heic',
      note: `the handler's ${handlerMs.toFixed(0)} ms per image (it frames by attention) against the same less the decode step's extra time`,
    });
  }
  log(`  framing, ${input.label}: ${rows.slice(0, 3).map((r) => `${r.value.toFixed(0)} ms`).join(' / ')} (centre / attention / crop)`);
  return rows;
}
