import { renderAvatarRenditions } from '@cruddur/media/image';
import { photoJpeg, subjectNearLeftEdgeJpeg } from '@cruddur/testing/images';
import sharp from 'sharp';
import { RENDITIONS, bareSharpRenditions } from '../../src/thumbnail/contenders';

// The bench's reference pipeline (runners/bare-sharp.cjs, which the bare contender and the
// cold-start floor both run) must do the handler's image work: with no crop and no face finder,
// @cruddur/media/image frames by attention, and the bytes must be the same.
describe('the bare-sharp reference pipeline', () => {
  const inputs: [string, () => Promise<Buffer>][] = [
    ['a photo with camera metadata', () => photoJpeg({ width: 800, height: 600, exif: true, quality: 85 })],
    ['a photo stored turned (EXIF orientation 6, with an ICC profile)', () => photoJpeg({ width: 800, height: 600, orientation: 6, markLeftEdge: true })],
    ['a subject near the left edge, where a centre crop would differ', () => subjectNearLeftEdgeJpeg()],
  ];

  it.each(inputs)('makes the handler library’s four renditions byte for byte: %s', async (_name, make) => {
    const input = await make();
    const [reference, library] = await Promise.all([bareSharpRenditions(input), renderAvatarRenditions(input)]);
    expect(library.map(({ size, extension }) => `${size}.${extension}`)).toEqual(['512.webp', '512.jpg', '128.webp', '128.jpg']);
    expect(reference).toHaveLength(RENDITIONS.length);
    expect(reference.map((b) => b.toString('base64'))).toEqual(library.map(({ body }) => Buffer.from(body).toString('base64')));
  });

  it('renders each rendition at its size and in its format, in the order of RENDITIONS', async () => {
    const outputs = await bareSharpRenditions(await photoJpeg({ width: 640, height: 480 }));
    const metadata = await Promise.all(outputs.map((output) => sharp(output).metadata()));
    expect(metadata.map(({ width, height, format }) => ({ width, height, format }))).toEqual(
      RENDITIONS.map(({ size, format }) => ({ width: size, height: size, format })),
    );
  });
});
