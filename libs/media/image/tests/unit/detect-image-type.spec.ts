import { animatedGif, animatedWebp, avifImage, htmlDocument, photoJpeg, pngWithAlpha, svgImage, textFileNamedJpg, webpImage } from '@cruddur/testing/images';
import sharp from 'sharp';
import { detectImageType } from '../../src/detect-image-type';

/** An ISO-BMFF `ftyp` box with the given brands, followed by padding, as HEIF files start. */
function ftypFile(majorBrand: string, compatibleBrands: string[]): Buffer {
  const size = 16 + 4 * compatibleBrands.length;
  const box = Buffer.alloc(size);
  box.writeUInt32BE(size, 0);
  box.write(`ftyp${majorBrand}`, 4, 'latin1');
  compatibleBrands.forEach((brand, index) => box.write(brand, 16 + 4 * index, 'latin1'));
  return Buffer.concat([box, Buffer.alloc(64)]);
}

describe('detectImageType', () => {
  it.each([
    ['jpeg', () => photoJpeg({ width: 32, height: 24 })],
    ['png', () => pngWithAlpha({ width: 16, height: 16 })],
    ['webp', () => webpImage({ width: 32, height: 24 })],
    ['webp', () => animatedWebp({ width: 16, height: 16 })],
    ['gif', () => animatedGif({ width: 16, height: 16 })],
    ['avif', () => avifImage({ width: 32, height: 24 })],
    ['tiff', () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).tiff().toBuffer()],
    [
      'tiff',
      () =>
        sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
          .tiff()
          .toBuffer()
          .then((tiff) => Buffer.concat([Buffer.from([0x4d, 0x4d, 0x00, 0x2a]), tiff.subarray(4)])),
    ],
  ])('recognises %s from its bytes', async (type, build) => {
    expect(detectImageType(await build())).toBe(type);
  });

  it('reads an image that sits at an offset inside a larger buffer', async () => {
    const avif = await avifImage({ width: 32, height: 24 });
    const pool = Buffer.concat([Buffer.alloc(7, 0xff), avif]);

    expect(detectImageType(pool.subarray(7))).toBe('avif');
  });

  it.each([
    ['AVIF as a compatible brand of mif1', ftypFile('mif1', ['mif1', 'avif', 'miaf']), 'avif'],
    ['an AVIF image sequence', ftypFile('avis', ['avis', 'msf1']), 'avif'],
    ['HEIC', ftypFile('heic', ['mif1', 'heic']), 'heif'],
    ['HEIC that also lists avif', ftypFile('heix', ['mif1', 'avif']), 'heif'],
    ['HEIF without an AVIF brand', ftypFile('mif1', ['mif1', 'heic']), 'heif'],
    ['a generic HEIF naming no codec', ftypFile('mif1', ['mif1', 'miaf']), 'heif'],
    ['an HEVC image sequence', ftypFile('msf1', ['msf1', 'hevc']), 'heif'],
    ['AVIF listing a generic HEIF brand first', ftypFile('msf1', ['msf1', 'avis']), 'avif'],
    ['an MP4 video', ftypFile('isom', ['isom', 'mp41']), undefined],
  ])('tells %s by its ftyp brands', (_, bytes, type) => {
    expect(detectImageType(bytes)).toBe(type);
  });

  it('rejects an ftyp box that claims to be longer than the file', () => {
    const bytes = ftypFile('avif', ['mif1']).subarray(0, 20);
    bytes.writeUInt32BE(4096, 0);

    expect(detectImageType(bytes)).toBeUndefined();
  });

  it.each([
    ['text named .jpg', textFileNamedJpg()],
    ['HTML', htmlDocument()],
    ['SVG with an XML declaration', svgImage()],
    ['SVG without one', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['SVG behind a byte order mark', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), svgImage()])],
    ['0 bytes', Buffer.alloc(0)],
    ['the first two bytes of a JPEG', Buffer.from([0xff, 0xd8])],
    ['a RIFF WAVE file', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')],
    ['RIFF WEBP without a VP8 chunk', Buffer.from('RIFF\x24\x00\x00\x00WEBPJUNK', 'latin1')],
    ['a BMP', Buffer.from('BM\x36\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00', 'latin1')],
    ['a PDF', Buffer.from('%PDF-1.7\n', 'latin1')],
    ['a GIF-like text', Buffer.from('GIF90a this is not a gif', 'latin1')],
  ])('rejects %s', (_, bytes) => {
    expect(detectImageType(bytes)).toBeUndefined();
  });
});
