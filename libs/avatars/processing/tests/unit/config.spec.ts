import { faceFramingFromEnv } from '../../src';
import { ProcessingConfigError } from '../../src/errors';
import { processingConfigFromEnv } from '../../src/config';

describe('processingConfigFromEnv', () => {
  it('needs the assets bucket and defaults the cap to 10 MiB', () => {
    expect(processingConfigFromEnv({ ASSETS_BUCKET: 'assets' })).toEqual({ assetsBucket: 'assets', maxUploadBytes: 10_485_760 });
    expect(processingConfigFromEnv({ ASSETS_BUCKET: 'a', UPLOAD_MAX_BYTES: '5' }).maxUploadBytes).toBe(5);
  });

  it.each([[{}], [{ ASSETS_BUCKET: 'a', UPLOAD_MAX_BYTES: '0' }], [{ ASSETS_BUCKET: 'a', UPLOAD_MAX_BYTES: '1e3x' }]])(
    'refuses %j',
    (env) => {
      expect(() => processingConfigFromEnv(env)).toThrow(ProcessingConfigError);
    },
  );

  // What the presign function and infra refuse too: one rule, the contract's parseUploadMaxBytes.
  it.each(['1e3', '0x10', ' 10', '10.0', '5368709121'])('refuses UPLOAD_MAX_BYTES=%j as the presign function does, naming it', (raw) => {
    const read = () => processingConfigFromEnv({ ASSETS_BUCKET: 'a', UPLOAD_MAX_BYTES: raw });
    expect(read).toThrow(ProcessingConfigError);
    expect(read).toThrow(`UPLOAD_MAX_BYTES must be a whole number of bytes from 1 to 5368709120, got ${JSON.stringify(raw)}`);
  });

  it('takes an empty UPLOAD_MAX_BYTES as unset', () => {
    expect(processingConfigFromEnv({ ASSETS_BUCKET: 'a', UPLOAD_MAX_BYTES: '' }).maxUploadBytes).toBe(10_485_760);
  });
});

describe('faceFramingFromEnv', () => {
  it('is on unless FACE_FRAMING says off', () => {
    expect(faceFramingFromEnv({})).toBe(true);
    expect(faceFramingFromEnv({ FACE_FRAMING: '' })).toBe(true);
    expect(faceFramingFromEnv({ FACE_FRAMING: 'on' })).toBe(true);
    expect(faceFramingFromEnv({ FACE_FRAMING: 'off' })).toBe(false);
  });

  it.each(['OFF', 'false', '0', 'no'])('refuses %j, naming the variable', (value) => {
    expect(() => faceFramingFromEnv({ FACE_FRAMING: value })).toThrow(new ProcessingConfigError(`FACE_FRAMING must be on or off, not "${value}"`));
  });
});
