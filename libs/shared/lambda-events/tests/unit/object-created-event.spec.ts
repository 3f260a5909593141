import { nextSequencer, objectCreatedRecord } from '../../src/s3';

describe('objectCreatedRecord', () => {
  it('has the shape S3 delivers to Lambda', () => {
    const time = new Date('2026-11-26T12:00:00.000Z');
    const record = objectCreatedRecord({
      eventName: 'ObjectCreated:Put',
      region: 'us-east-1',
      bucket: 'uploads',
      key: 'uploads/avatars/a b/1.jpg',
      size: 1234,
      eTag: 'd41d8cd98f00b204e9800998ecf8427e',
      principalId: 'AWS:S3RVER',
      sourceIp: '127.0.0.1',
      requestId: 'C3D13FE58DE4C810',
      hostId: 'host-id',
      configurationId: 'thumbnail-on-upload',
      time,
    });
    expect(record).toEqual({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2026-11-26T12:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'AWS:S3RVER' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': 'C3D13FE58DE4C810', 'x-amz-id-2': 'host-id' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'thumbnail-on-upload',
        bucket: { name: 'uploads', ownerIdentity: { principalId: expect.any(String) }, arn: 'arn:aws:s3:::uploads' },
        object: { key: 'uploads/avatars/a+b/1.jpg', size: 1234, eTag: 'd41d8cd98f00b204e9800998ecf8427e', sequencer: expect.stringMatching(/^[0-9A-F]{18,}$/) },
      },
    });
  });

  it('gives later events larger sequencers, even in the same millisecond', () => {
    const now = new Date();
    const a = nextSequencer(now);
    const b = nextSequencer(now);
    expect(BigInt(`0x${b}`) > BigInt(`0x${a}`)).toBe(true);
  });
});
