import { encodeS3EventKey } from '@cruddur/s3-keys';
import type { S3Event, S3EventRecord } from 'aws-lambda';

export interface S3ObjectCreated {
  bucket: string;
  /** The object key as stored (not encoded): the builder encodes it the way S3 does. */
  key: string;
  size: number;
  eTag?: string;
  eventName?: string;
  sequencer?: string;
}

/** The key as S3 writes it into event notifications (see `encodeS3EventKey`). */
export const s3EventKey = encodeS3EventKey;

/**
 * One `ObjectCreated` record shaped like the ones S3 delivers to Lambda.
 *
 * @example
 * const event = s3Event([{ bucket: 'uploads', key: 'uploads/avatars/u1/x.jpg', size: 1234 }]);
 */
export function s3EventRecord(object: S3ObjectCreated): S3EventRecord {
  const eventTime = new Date().toISOString();
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime,
    eventName: object.eventName ?? 'ObjectCreated:Put',
    userIdentity: { principalId: 'AWS:AIDAEXAMPLE' },
    requestParameters: { sourceIPAddress: '203.0.113.10' },
    responseElements: {
      'x-amz-request-id': 'C3D13FE58DE4C810',
      'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'avatar-uploads',
      bucket: {
        name: object.bucket,
        ownerIdentity: { principalId: 'A3NL1KOZZKExample' },
        arn: `arn:aws:s3:::${object.bucket}`,
      },
      object: {
        key: s3EventKey(object.key),
        size: object.size,
        eTag: object.eTag ?? 'd41d8cd98f00b204e9800998ecf8427e',
        sequencer: object.sequencer ?? '0055AED6DCD90281E5',
      },
    },
  };
}

/** An S3 notification event with the given records. */
export function s3Event(objects: S3ObjectCreated[]): S3Event {
  return { Records: objects.map(s3EventRecord) };
}
