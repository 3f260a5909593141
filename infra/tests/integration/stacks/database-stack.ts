import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildTestApp, sharedTestApp } from '../../helpers/avatars-app';
import { flattenJoin } from '../../helpers/template-queries';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string }>;

describe('DatabaseStack (outside a dev stage)', () => {
  const { stacks } = sharedTestApp('test');
  const template = Template.fromStack(stacks.database);
  const resources = template.toJSON()['Resources'] as Resources;
  const idOf = (type: string, prefix: string): string => {
    const id = Object.keys(template.findResources(type)).find((k) => k.startsWith(prefix));
    if (!id) throw new Error(`no ${type} ${prefix}`);
    return id;
  };
  const clusterId = idOf('AWS::RDS::DBCluster', 'DatabaseCluster');
  const databaseSg = idOf('AWS::EC2::SecurityGroup', 'DatabaseSecurityGroup');
  const clientsSg = idOf('AWS::EC2::SecurityGroup', 'DatabaseClientsSecurityGroup');
  const endpointSg = idOf('AWS::EC2::SecurityGroup', 'NetworkVpcSecretsManagerEndpointSecurityGroup');
  const secretId = idOf('AWS::SecretsManager::Secret', '');
  const isolatedSubnets = Object.keys(template.findResources('AWS::EC2::Subnet'));
  const groupId = (id: string) => ({ 'Fn::GetAtt': [id, 'GroupId'] });

  it('is Aurora Serverless v2 PostgreSQL 17, encrypted, TLS only, IAM auth enabled', () => {
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      EngineVersion: Match.stringLikeRegexp('^17\\.'),
      StorageEncrypted: true,
      EnableIAMDatabaseAuthentication: true,
      DatabaseName: 'cruddur',
      Port: 5432,
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 },
      EnableCloudwatchLogsExports: ['postgresql'],
    });
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', {
      Family: 'aurora-postgresql17',
      Parameters: { 'rds.force_ssl': '1' },
    });
    template.resourceCountIs('AWS::RDS::DBInstance', 1);
    template.hasResourceProperties('AWS::RDS::DBInstance', {
      DBInstanceClass: 'db.serverless',
      PubliclyAccessible: false,
      DBClusterIdentifier: { Ref: clusterId },
    });
  });

  it('is protected from deletion, leaves a snapshot, keeps 7 days of backups and retains its secret and logs', () => {
    expect(resources[clusterId]).toMatchObject({
      DeletionPolicy: 'Snapshot',
      Properties: { DeletionProtection: true, BackupRetentionPeriod: 7 },
    });
    expect(resources[secretId]?.DeletionPolicy).toBe('RetainExceptOnCreate');
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'RetainExceptOnCreate',
      Properties: { LogGroupName: '/aws/rds/cluster/cruddur-avatars-test-profile/postgresql', RetentionInDays: 30 },
    });
  });

  it('generates its credentials into Secrets Manager (RDS secret format, attached to the cluster)', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"cruddur"}', GenerateStringKey: 'password' }),
    });
    expect(flattenJoin(resources[clusterId]?.Properties['MasterUserPassword'])).toBe(
      `{{resolve:secretsmanager:\${${secretId}}:SecretString:password::}}`,
    );
    template.hasResourceProperties('AWS::SecretsManager::SecretTargetAttachment', {
      SecretId: { Ref: secretId },
      TargetId: { Ref: clusterId },
      TargetType: 'AWS::RDS::DBCluster',
    });
  });

  it('lives in isolated subnets of a VPC without internet or NAT gateway, in two zones', () => {
    expect(isolatedSubnets).toHaveLength(2);
    for (const id of isolatedSubnets) {
      expect(resources[id]?.Properties['MapPublicIpOnLaunch']).toBe(false);
      expect(resources[id]?.Properties['AvailabilityZone']).toEqual({ 'Fn::Select': [expect.any(Number), { 'Fn::GetAZs': '' }] });
    }
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: isolatedSubnets.map((id) => ({ Ref: id })),
    });
    for (const type of ['AWS::EC2::InternetGateway', 'AWS::EC2::NatGateway', 'AWS::EC2::EIP', 'AWS::EC2::Route']) {
      template.resourceCountIs(type, 0);
    }
  });

  it('admits PostgreSQL only from the database clients security group', () => {
    const ingress = Object.values(resources).filter((r) => r.Type === 'AWS::EC2::SecurityGroupIngress');
    const toDatabase = ingress.filter((r) => JSON.stringify(r.Properties['GroupId']) === JSON.stringify(groupId(databaseSg)));
    expect(toDatabase.map((r) => r.Properties)).toEqual([
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: groupId(clientsSg) }),
    ]);
    // No CIDR-based ingress anywhere in the stack, inline or separate.
    for (const r of Object.values(resources)) {
      if (r.Type === 'AWS::EC2::SecurityGroupIngress') expect(r.Properties['CidrIp']).toBeUndefined();
      if (r.Type === 'AWS::EC2::SecurityGroup') expect(r.Properties['SecurityGroupIngress']).toBeUndefined();
    }
    template.hasResourceProperties('AWS::RDS::DBCluster', { VpcSecurityGroupIds: [groupId(databaseSg)] });
  });

  it('lets database clients reach only the database (5432) and the Secrets Manager endpoint (443)', () => {
    const egress = Object.values(resources)
      .filter((r) => r.Type === 'AWS::EC2::SecurityGroupEgress')
      .map((r) => r.Properties);
    expect(egress).toHaveLength(2);
    expect(egress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ GroupId: groupId(clientsSg), IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: groupId(endpointSg) }),
        expect.objectContaining({ GroupId: groupId(clientsSg), IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, DestinationSecurityGroupId: groupId(databaseSg) }),
      ]),
    );
    // Both groups keep an inline placeholder, so EC2 never adds its default allow-all egress rule.
    const noTraffic = [{ CidrIp: '255.255.255.255/32', Description: expect.any(String), IpProtocol: 'icmp', FromPort: 252, ToPort: 86 }];
    expect(resources[clientsSg]?.Properties['SecurityGroupEgress']).toEqual(noTraffic);
    expect(resources[databaseSg]?.Properties['SecurityGroupEgress']).toEqual(noTraffic);
  });

  it('serves Secrets Manager privately through an interface endpoint open only to database clients', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      ServiceName: 'com.amazonaws.eu-west-1.secretsmanager',
      SubnetIds: isolatedSubnets.map((id) => ({ Ref: id })),
      SecurityGroupIds: [groupId(endpointSg)],
    });
    const toEndpoint = Object.values(resources).filter(
      (r) => r.Type === 'AWS::EC2::SecurityGroupIngress' && JSON.stringify(r.Properties['GroupId']) === JSON.stringify(groupId(endpointSg)),
    );
    expect(toEndpoint.map((r) => r.Properties)).toEqual([
      expect.objectContaining({ FromPort: 443, ToPort: 443, SourceSecurityGroupId: groupId(clientsSg) }),
    ]);
  });

  it('routes S3 through a gateway endpoint on the isolated subnets (the subscriber deletes superseded renditions)', () => {
    const routeTables = Object.keys(template.findResources('AWS::EC2::RouteTable'));
    expect(routeTables).toHaveLength(2);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
      RouteTableIds: Match.arrayWith(routeTables.map((id) => ({ Ref: id }))),
    });
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    // Its clients' group: HTTPS out only (the endpoint's route is the only way out), no ingress.
    const s3Clients = idOf('AWS::EC2::SecurityGroup', 'NetworkS3ClientsSecurityGroup');
    expect(resources[s3Clients]?.Properties['SecurityGroupEgress']).toEqual([
      { CidrIp: '0.0.0.0/0', Description: expect.any(String), IpProtocol: 'tcp', FromPort: 443, ToPort: 443 },
    ]);
    expect(resources[s3Clients]?.Properties['SecurityGroupIngress']).toBeUndefined();
  });

  it('logs rejected traffic of the VPC', () => {
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'REJECT',
      LogDestinationType: 'cloud-watch-logs',
    });
  });

  it('publishes what a client stack needs as SSM parameters, and never exports', () => {
    const parameters = Object.fromEntries(
      Object.values(template.findResources('AWS::SSM::Parameter')).map((r) => [r['Properties'].Name, r['Properties'].Value]),
    );
    expect(parameters).toEqual({
      '/cruddur-avatars/test/vpc-id': { Ref: idOf('AWS::EC2::VPC', 'NetworkVpc') },
      '/cruddur-avatars/test/database/subnet-ids': { 'Fn::Join': [',', isolatedSubnets.map((id) => ({ Ref: id }))] },
      '/cruddur-avatars/test/database/clients-security-group-id': groupId(clientsSg),
      '/cruddur-avatars/test/database/secret-arn': { Ref: idOf('AWS::SecretsManager::SecretTargetAttachment', 'DatabaseCluster') },
      '/cruddur-avatars/test/database/s3-clients-security-group-id': groupId(idOf('AWS::EC2::SecurityGroup', 'NetworkS3ClientsSecurityGroup')),
      '/cruddur-avatars/test/database/endpoint-address': { 'Fn::GetAtt': [clusterId, 'Endpoint.Address'] },
      '/cruddur-avatars/test/database/cluster-resource-id': { 'Fn::GetAtt': [clusterId, 'DBClusterResourceId'] },
    });
    for (const output of Object.values(template.findOutputs('*'))) expect(output['Export']).toBeUndefined();
  });
});

describe('DatabaseStack with a concrete account and region', () => {
  it('still synthesizes offline: zones are Fn::GetAZs at deploy time, never a context lookup', () => {
    const { app, stacks } = buildTestApp({ context: { account: '123456789012', region: 'eu-west-1' } });
    const assembly = app.synth();
    expect(assembly.manifest.missing).toBeUndefined();
    const subnets = Object.values(Template.fromStack(stacks.database).findResources('AWS::EC2::Subnet'));
    expect(subnets.map((s) => s['Properties'].AvailabilityZone)).toEqual([
      { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] },
    ]);
  });

  it('takes its capacity from context', () => {
    const { stacks } = buildTestApp({ context: { databaseMinCapacity: '1', databaseMaxCapacity: '8' } });
    Template.fromStack(stacks.database).hasResourceProperties('AWS::RDS::DBCluster', {
      ServerlessV2ScalingConfiguration: { MinCapacity: 1, MaxCapacity: 8 },
    });
  });
});
