import { ProcessingConfigError, faceFramingFromEnv, processingConfigFromEnv } from '../../src';

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
