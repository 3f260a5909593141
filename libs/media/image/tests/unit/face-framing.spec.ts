import sharp from 'sharp';
import { EXIF_ORIENTATIONS, centredSquareOf, faceSet, holdsFaces, placePhoto, squareOfCrop, withExifOrientation, type LabelledPhoto } from '@cruddur/testing/images';
import { blazeFaceFinder, frameAvatar, renderAvatarRenditions, type AvatarFramingChoice, type FaceFinder } from '../../src';
import { faceFinderWithin } from '../../src/face-finder';

const LIMIT = 50_000_000;
const findFaces = blazeFaceFinder();
const photos = faceSet();
const photo = (name: string) => photos.find((p) => p.name === name)!;

/** The square a framing chose, in the photo's pixels. */
const squareOf = ({ crop }: AvatarFramingChoice, photo: LabelledPhoto) => squareOfCrop(crop, photo);

/** Where the detector finds the face in a rendered avatar, as fractions of its side. */
async function faceCentreIn(avatar: Buffer): Promise<{ x: number; y: number } | undefined> {
  const { data, info } = await sharp(avatar).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const [face] = await findFaces({ pixels: data, width: info.width, height: info.height, channels: 3 });
  return face && { x: (face.left + face.width / 2) / info.width, y: (face.top + face.height / 2) / info.height };
}

describe('framing an upload without a crop on its faces', () => {
  it.each([
    ['dark-05.jpg', 'left third of 16:9'],
    ['older-02.jpg', 'right third of 16:9'],
    ['child-07.jpg', 'lower third of 9:16'],
  ] as const)('frames %s placed in the %s on the face, where the centre crop loses it', async (name, placement) => {
    const placed = placePhoto(photo(name), placement);
    const choice = await frameAvatar(await placed.bytes(), LIMIT, findFaces);
    expect(choice.framing).toBe('face');
    expect(holdsFaces(squareOf(choice, placed), placed)).toBe(true);
    expect(holdsFaces(centredSquareOf(placed), placed)).toBe(false);
  });

  it('renders the avatar with the face in its middle', async () => {
    const placed = placePhoto(photo('beard-03.jpg'), 'right third of 16:9');
    const [webp] = await renderAvatarRenditions(await placed.bytes(), { sizes: [256], findFaces });
    const centre = await faceCentreIn(webp!.body);
    expect(centre).toBeDefined();
    expect(Math.abs(centre!.x - 0.5)).toBeLessThan(0.15);
    expect(centre!.y).toBeGreaterThan(0.3);
    expect(centre!.y).toBeLessThan(0.6);
  });

  it.each(EXIF_ORIENTATIONS)('frames the upright picture the same whatever the EXIF orientation (%i)', async (orientation) => {
    const placed = placePhoto(photo('medium-02.jpg'), 'left third of 16:9');
    // Half size: eight encodings per orientation are made to find the stored transform.
    const upright = await sharp(await placed.bytes()).resize(placed.width / 2).jpeg().toBuffer();
    const expected = squareOf(await frameAvatar(upright, LIMIT, findFaces), placed);
    expect(holdsFaces(expected, placed)).toBe(true);
    const stored = await withExifOrientation(upright, orientation);
    const choice = await frameAvatar(stored, LIMIT, findFaces);
    expect(choice.framing).toBe('face');
    const square = squareOf(choice, placed);
    // The same square within 2 % of its side: the stored pixels are another JPEG encoding of the picture.
    for (const key of ['left', 'top', 'side'] as const) expect(Math.abs(square[key] - expected[key])).toBeLessThan(0.02 * expected.side);
  });

  it('frames a photo without a face by attention, and a group on all its faces', async () => {
    const landscape = await frameAvatar(await photo('noface-palace.jpg').bytes(), LIMIT, findFaces);
    expect(landscape.framing).toBe('attention');
    const group = photo('group-05.jpg');
    const choice = await frameAvatar(await group.bytes(), LIMIT, findFaces);
    expect(choice.framing).toBe('face');
    expect(holdsFaces(squareOf(choice, group), group)).toBe(true);
  });

  it('falls back to attention when the finder finds nothing, and renders as without a finder', async () => {
    const none: FaceFinder = async () => [];
    const placed = await placePhoto(photo('light-02.jpg'), 'left third of 16:9').bytes();
    expect((await frameAvatar(placed, LIMIT, none)).framing).toBe('attention');
    const [withNone] = await renderAvatarRenditions(placed, { sizes: [64], findFaces: none });
    expect(withNone!.body.length).toBeGreaterThan(0);
  });

  it('checks the pixel limit before looking for faces', async () => {
    const calls: number[] = [];
    const counting: FaceFinder = async (pixels) => {
      calls.push(pixels.width);
      return [];
    };
    await expect(frameAvatar(await photo('group-01.jpg').bytes(), 1000, counting)).rejects.toThrow('pixels');
    expect(calls).toEqual([]);
  });

  it('looks for faces in a copy at most 500 px long, upright and RGB, whatever the input', async () => {
    const seen: { width: number; height: number; channels: number }[] = [];
    const spy: FaceFinder = async ({ width, height, channels }) => {
      seen.push({ width, height, channels });
      return [];
    };
    const rgba = await sharp({ create: { width: 2000, height: 1000, channels: 4, background: { r: 10, g: 20, b: 30, alpha: 0.5 } } }).png().toBuffer();
    const grey = await sharp({ create: { width: 300, height: 600, channels: 3, background: '#777' } }).greyscale().jpeg().toBuffer();
    const small = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#123456' } }).webp().toBuffer();
    await frameAvatar(rgba, LIMIT, spy);
    await frameAvatar(grey, LIMIT, spy);
    await frameAvatar(small, LIMIT, spy);
    expect(seen).toEqual([
      { width: 500, height: 250, channels: 3 },
      { width: 250, height: 500, channels: 3 },
      { width: 200, height: 100, channels: 3 },
    ]);
  });
});

describe('a face finder that fails', () => {
  it('that throws never fails the upload: the photo is framed by attention', async () => {
    const throwing: FaceFinder = async () => {
      throw new Error('boom');
    };
    const bytes = await photo('dark-02.jpg').bytes();
    expect((await frameAvatar(bytes, LIMIT, throwing)).framing).toBe('attention');
    await expect(renderAvatarRenditions(bytes, { sizes: [32], findFaces: throwing })).resolves.toHaveLength(2);
  });

  it('that does not answer in time is reported and finds no face, and a prompt one is untouched', async () => {
    const errors: Error[] = [];
    const hanging: FaceFinder = () => new Promise(() => undefined);
    const pixels = { pixels: Buffer.alloc(3 * 4), width: 2, height: 2, channels: 3 as const };
    expect(await faceFinderWithin(hanging, 20, (error) => errors.push(error))(pixels)).toEqual([]);
    expect(errors.map(String)).toEqual(['Error: face detection did not answer within 20 ms']);
    const prompt: FaceFinder = async () => [{ left: 0, top: 0, width: 1, height: 1 }];
    expect(await faceFinderWithin(prompt, 20, (error) => errors.push(error))(pixels)).toEqual([{ left: 0, top: 0, width: 1, height: 1 }]);
    expect(errors).toHaveLength(1);
  });
});
