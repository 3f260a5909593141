import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One acknowledged cdk-nag finding and why it does not apply here. */
export interface Suppression {
  /** A rule (`AwsSolutions-S1`) or one finding of it (`AwsSolutions-IAM5[Action::kms:GenerateDataKey*]`). */
  readonly id: string;
  readonly reason: string;
}

/**
 * Acknowledges cdk-nag findings on a construct and everything under it. cdk-nag 3 reports through
 * CDK's validation plugins, so this is CDK's own `Validations.acknowledge`.
 */
export function suppress(construct: IConstruct, suppressions: readonly Suppression[]): void {
  for (const { id, reason } of suppressions) Validations.of(construct).acknowledge({ id, reason });
}

/**
 * The id cdk-nag gives an IAM5 finding on one resource ARN, e.g.
 * `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<Param>/uploads/avatars/*]`.
 * cdk-nag 3 only acknowledges exact findings, so a prefix grant is acknowledged by its own ARN.
 */
export function wildcardResourceFinding(scope: IConstruct, arn: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(arn))}]`;
}

/** Same flattening cdk-nag applies to a resolved reference before naming a finding. */
function flattenCfnReference(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (Array.isArray(o['Fn::Join'])) {
      const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
      return items.map(flattenCfnReference).join(delimiter);
    }
    if (o['Fn::Sub'] !== undefined) return flattenCfnReference(o['Fn::Sub']);
    if (Array.isArray(o['Fn::GetAtt'])) {
      const [resource, attribute] = o['Fn::GetAtt'] as unknown[];
      return `<${flattenCfnReference(resource)}.${flattenCfnReference(attribute)}>`;
    }
    if (o['Ref'] !== undefined) return `<${flattenCfnReference(o['Ref'])}>`;
  }
  return JSON.stringify(node);
}
