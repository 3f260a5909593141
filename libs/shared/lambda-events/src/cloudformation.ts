import type {
  CloudFormationCustomResourceCreateEvent,
  CloudFormationCustomResourceDeleteEvent,
  CloudFormationCustomResourceUpdateEvent,
} from 'aws-lambda';

/** Where a custom resource lives; the defaults are an example stack's. */
export interface CustomResourceRequest {
  region?: string;
  stackName?: string;
  logicalResourceId?: string;
  resourceType?: string;
  /** The resource's properties besides `ServiceToken`. */
  properties?: Record<string, unknown>;
}

type CustomResourceEvents = {
  Create: CloudFormationCustomResourceCreateEvent;
  Update: CloudFormationCustomResourceUpdateEvent;
  Delete: CloudFormationCustomResourceDeleteEvent;
};

/**
 * The event CloudFormation's provider framework passes to a custom resource's `onEvent` handler.
 * Update and Delete carry `physicalResourceId` (what Create answered); Update also the old properties.
 *
 * @example
 * const event = customResourceEvent('Update', { physicalResourceId: 'schema-migrations' });
 */
export function customResourceEvent<T extends keyof CustomResourceEvents>(
  requestType: T,
  request: CustomResourceRequest & { physicalResourceId?: string } = {},
): CustomResourceEvents[T] {
  const region = request.region ?? 'eu-west-1';
  const serviceToken = `arn:aws:lambda:${region}:123456789012:function:provider`;
  const resourceProperties = { ServiceToken: serviceToken, ...request.properties };
  const common = {
    ServiceToken: serviceToken,
    ResponseURL: 'https://example.invalid/response',
    StackId: `arn:aws:cloudformation:${region}:123456789012:stack/${request.stackName ?? 'cruddur-avatars-dev-profile'}/1`,
    RequestId: 'request-1',
    LogicalResourceId: request.logicalResourceId ?? 'Migrations',
    ResourceType: request.resourceType ?? 'Custom::SchemaMigrations',
    ResourceProperties: resourceProperties,
  };
  const physicalResourceId = request.physicalResourceId ?? 'physical-resource-id';
  const events: { [K in keyof CustomResourceEvents]: () => CustomResourceEvents[K] } = {
    Create: () => ({ ...common, RequestType: 'Create' }),
    Update: () => ({ ...common, RequestType: 'Update', PhysicalResourceId: physicalResourceId, OldResourceProperties: resourceProperties }),
    Delete: () => ({ ...common, RequestType: 'Delete', PhysicalResourceId: physicalResourceId }),
  };
  return events[requestType]();
}
