import { photoJpeg, subjectNearLeftEdgeJpeg } from '@cruddur/testing/images';
import sharp from 'sharp';
import { bareSharpRenditions } from '../../src/thumbnail/contenders';

// The cold-start floor (plain CommonJS, no TypeScript loader) must do the bare contender's work.
const runner = require('../../src/runners/lambda-runner.cjs') as {
  bareSharpRenditions: (sharpModule: typeof sharp, input: Buffer) => Promise<Buffer[]>;
};

describe("lambda-runner.cjs's bare-sharp render", () => {
  it('makes the same four renditions, byte for byte, as the bare-sharp contender', async () => {
    const input = await photoJpeg({ width: 800, height: 600, exif: true, quality: 85 });
    const [fromRunner, fromContender] = await Promise.all([runner.bareSharpRenditions(sharp, input), bareSharpRenditions(input)]);
    expect(fromRunner).toHaveLength(4);
    expect(fromRunner.map((b) => b.toString('base64'))).toEqual(fromContender.map((b) => b.toString('base64')));
  });

  it('frames by content like the contender (a subject near the edge, where a centre crop differs)', async () => {
    const input = await subjectNearLeftEdgeJpeg();
    const [fromRunner, fromContender] = await Promise.all([runner.bareSharpRenditions(sharp, input), bareSharpRenditions(input)]);
    expect(fromRunner.map((b) => b.toString('base64'))).toEqual(fromContender.map((b) => b.toString('base64')));
  });
});
