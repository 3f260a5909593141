import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { photoJpeg } from '@cruddur/testing/images';
import type { BenchInput } from '../../src/inputs';
import { FRAMING_TARGET, benchFraming, handlerFramingRatio } from '../../src/thumbnail/framing';

describe('benchFraming', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-framing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('times the centre, attention and crop decodes of one input, as info rows', async () => {
    const file = path.join(dir, 'photo.jpg');
    const bytes = await photoJpeg({ width: 1200, height: 900, orientation: 6 });
    writeFileSync(file, bytes);
    const input: BenchInput = { name: 'jpeg-1mp', label: '1 MP JPEG', extension: 'jpg', contentType: 'image/jpeg', megapixels: 1.08, file, bytes: bytes.byteLength };
    const lines: string[] = [];

    const rows = await benchFraming(input, 2, (line) => lines.push(line));

    expect(rows.map((row) => [row.section, row.unit, row.target])).toEqual([
      ['thumbnail', 'ms', undefined],
      ['thumbnail', 'ms', undefined],
      ['thumbnail', 'ms', undefined],
      ['thumbnail', 'x', undefined],
    ]);
    for (const row of rows) {
      expect(row.measure.startsWith('1 MP JPEG: ')).toBe(true);
      expect(Number.isFinite(row.value) && row.value > 0).toBe(true);
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ {2}framing, 1 MP JPEG: \d+ ms \/ \d+ ms \/ \d+ ms \(centre \/ attention \/ crop\)$/);
  });

  it('judges the whole handler by target 7 when the handler time of the same run is given', async () => {
    const file = path.join(dir, 'photo2.jpg');
    const bytes = await photoJpeg({ width: 800, height: 600 });
    writeFileSync(file, bytes);
    const input: BenchInput = { name: 'jpeg-05mp', label: '0.5 MP JPEG', extension: 'jpg', contentType: 'image/jpeg', megapixels: 0.48, file, bytes: bytes.byteLength };

    const rows = await benchFraming(input, 1, () => undefined, 10_000);

    expect(rows).toHaveLength(5);
    const judged = rows[4]!;
    expect(judged).toMatchObject({ unit: 'x', goal: 'framing-heic', target: { op: '<=', value: FRAMING_TARGET } });
    // 10 s of handler against a sub-second decode difference: the ratio is near 1 either way.
    expect(Math.abs(judged.value - 1)).toBeLessThan(0.1);
  });

  it('handlerFramingRatio: the handler over itself less the extra decode time', () => {
    expect(handlerFramingRatio(200, 60, 50)).toBeCloseTo(200 / 190, 10);
    expect(handlerFramingRatio(100, 40, 50)).toBeCloseTo(100 / 110, 10);
    expect(handlerFramingRatio(10, 30, 10)).toBeGreaterThan(1e6);
  });
});
