import { customResourceEvent } from '../../src';

describe('customResourceEvent', () => {
  it('builds a Create without a physical id, its properties beside the ServiceToken', () => {
    const event = customResourceEvent('Create', { region: 'us-east-1', properties: { BundleFingerprint: 'abc' } });
    expect(event.RequestType).toBe('Create');
    expect(event).not.toHaveProperty('PhysicalResourceId');
    expect(event.ResourceProperties).toEqual({ ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:provider', BundleFingerprint: 'abc' });
    expect(event.StackId).toMatch(/^arn:aws:cloudformation:us-east-1:123456789012:stack\//);
  });

  it('gives Update the physical id and the old properties, and Delete the physical id', () => {
    const update = customResourceEvent('Update', { physicalResourceId: 'schema-migrations' });
    expect(update).toMatchObject({ RequestType: 'Update', PhysicalResourceId: 'schema-migrations', OldResourceProperties: update.ResourceProperties });
    expect(customResourceEvent('Delete', { physicalResourceId: 'schema-migrations' })).toMatchObject({ RequestType: 'Delete', PhysicalResourceId: 'schema-migrations' });
  });
});
