import type { S3Event, S3EventRecord } from 'aws-lambda';
import { encodeS3EventKey } from '@cruddur/s3-keys';

/** How S3 names the event for each way an object can be created. */
export type ObjectCreatedEventName =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Post'
  | 'ObjectCreated:Copy'
  | 'ObjectCreated:CompleteMultipartUpload';

export interface ObjectCreated {
  eventName: ObjectCreatedEventName;
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
}

let lastSequencer = 0n;

/**
 * A sequencer like S3's: hexadecimal, growing with every event, so consumers can order the
 * events of one key.
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
        ownerIdentity: { principalId: 'A3LOCALSTACKOWNER' },
        arn: `arn:aws:s3:::${object.bucket}`,
      },
      object: {
        key: encodeS3EventKey(object.key),
        size: object.size,
        eTag: object.eTag,
        sequencer: nextSequencer(object.time),
      },
    },
  };
}

/** An S3 notification with one record: S3 sends one event per object. */
export function objectCreatedEvent(object: ObjectCreated): S3Event {
  return { Records: [objectCreatedRecord(object)] };
}
