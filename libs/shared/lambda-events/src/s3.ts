import type { S3Event, S3EventRecord } from 'aws-lambda';
import { encodeS3EventKey } from './s3-event-key';

/** How S3 names the event for each way an object can be created. */
export type ObjectCreatedEventName =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Post'
  | 'ObjectCreated:Copy'
  | 'ObjectCreated:CompleteMultipartUpload';

export interface ObjectCreated {
  /** An {@link ObjectCreatedEventName}; a test may build another kind (e.g. `ObjectRemoved:Delete`). */
  eventName: string;
  region: string;
  bucket: string;
  /** The key as stored: `encodeS3EventKey` encodes it. */
  key: string;
  size: number;
  /** The object's ETag, without quotes. */
  eTag: string;
  /** The principal that wrote the object, e.g. `AWS:<access key id>`. */
  principalId: string;
  sourceIp: string;
  requestId: string;
  hostId: string;
  /** S3 notification configuration id. */
  configurationId: string;
  time: Date;
  /** Default: the next of {@link nextSequencer}. */
  sequencer?: string;
  /** The bucket owner's canonical id. */
  ownerPrincipalId?: string;
}

let lastSequencer = 0n;

/**
 * A sequencer like S3's: hexadecimal, growing with every event, so consumers can order the
 * events of one key.
 *
 * @example
 * nextSequencer() < nextSequencer(); // true, compared as hexadecimal numbers
 */
export function nextSequencer(now: Date = new Date()): string {
  const candidate = BigInt(now.getTime()) * 1_000_000n;
  lastSequencer = candidate > lastSequencer ? candidate : lastSequencer + 1n;
  return lastSequencer.toString(16).toUpperCase().padStart(18, '0');
}

/**
 * The record S3 delivers to a Lambda function for a created object (event version 2.1).
 *
 * @example
 * const event = { Records: [objectCreatedRecord({ eventName: 'ObjectCreated:Put', bucket, key, size, eTag, ... })] };
 */
export function objectCreatedRecord(object: ObjectCreated): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: object.region,
    eventTime: object.time.toISOString(),
    eventName: object.eventName,
    userIdentity: { principalId: object.principalId },
    requestParameters: { sourceIPAddress: object.sourceIp },
    responseElements: { 'x-amz-request-id': object.requestId, 'x-amz-id-2': object.hostId },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: object.configurationId,
      bucket: {
        name: object.bucket,
        ownerIdentity: { principalId: object.ownerPrincipalId ?? 'A3LOCALSTACKOWNER' },
        arn: `arn:aws:s3:::${object.bucket}`,
      },
      object: {
        key: encodeS3EventKey(object.key),
        size: object.size,
        eTag: object.eTag,
        sequencer: object.sequencer ?? nextSequencer(object.time),
      },
    },
  };
}

/**
 * An S3 notification with one record: S3 sends one event per object.
 *
 * @example
 * notification.deliver(objectCreatedEvent({ eventName: 'ObjectCreated:Put', bucket, key, ... }));
 */
export function objectCreatedEvent(object: ObjectCreated): S3Event {
  return { Records: [objectCreatedRecord(object)] };
}

/** A test's created object: what matters to the consumer, the rest filled in. */
export interface S3ObjectCreated {
  bucket: string;
  /** The object key as stored (not encoded): the builder encodes it the way S3 does. */
  key: string;
  size: number;
  eTag?: string;
  eventName?: string;
  sequencer?: string;
}

/**
 * One `ObjectCreated` record shaped like the ones S3 delivers to Lambda, with example ids.
 *
 * @example
 * const record = s3EventRecord({ bucket: 'uploads', key: 'uploads/avatars/u1/x.jpg', size: 1234 });
 */
export function s3EventRecord(object: S3ObjectCreated): S3EventRecord {
  return objectCreatedRecord({
    eventName: object.eventName ?? 'ObjectCreated:Put',
    region: 'us-east-1',
    bucket: object.bucket,
    key: object.key,
    size: object.size,
    eTag: object.eTag ?? 'd41d8cd98f00b204e9800998ecf8427e',
    principalId: 'AWS:AIDAEXAMPLE',
    sourceIp: '203.0.113.10',
    requestId: 'C3D13FE58DE4C810',
    hostId: 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
    configurationId: 'avatar-uploads',
    time: new Date(),
    sequencer: object.sequencer ?? '0055AED6DCD90281E5',
    ownerPrincipalId: 'A3NL1KOZZKExample',
  });
}

/**
 * An S3 notification event with the given records.
 *
 * @example
 * const event = s3Event([{ bucket: 'uploads', key: 'uploads/avatars/u1/x.jpg', size: 1234 }]);
 */
export function s3Event(objects: S3ObjectCreated[]): S3Event {
  return { Records: objects.map(s3EventRecord) };
}
