import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { photoJpeg } from '@cruddur/testing/images';
import type { BenchInput } from '../../src/inputs';
import { benchFraming } from '../../src/thumbnail/framing';

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
});
