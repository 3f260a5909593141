import type { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';

export interface PolicyStatementJson {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

/** Every statement of every identity policy (AWS::IAM::Policy and inline role policies) in a template. */
export function identityStatements(template: Template): PolicyStatementJson[] {
  const fromPolicies = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (r) => r['Properties'].PolicyDocument.Statement as PolicyStatementJson[],
  );
  const fromRoles = Object.values(template.findResources('AWS::IAM::Role')).flatMap((r) =>
    ((r['Properties'].Policies ?? []) as Array<{ PolicyDocument: { Statement: PolicyStatementJson[] } }>).flatMap(
      (p) => p.PolicyDocument.Statement,
    ),
  );
  return [...fromPolicies, ...fromRoles];
}

/** Statements of the policies attached to one role, found by the role's logical id prefix. */
export function roleStatements(template: Template, roleLogicalIdPrefix: string): PolicyStatementJson[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((r) =>
      (r['Properties'].Roles as Array<{ Ref: string }>).some((role) => role.Ref.startsWith(roleLogicalIdPrefix)),
    )
    .flatMap((r) => r['Properties'].PolicyDocument.Statement as PolicyStatementJson[]);
}

/** A sorted action list, whatever shape the template used. */
export function actionsOf(statement: PolicyStatementJson): string[] {
  return (Array.isArray(statement.Action) ? statement.Action : [statement.Action]).slice().sort();
}

/** `{ "Fn::Join": ["", [...]] }` rendered to one string, `${Ref}` / `${A.B}` for references. */
export function flattenJoin(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v['Fn::Join'])) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(flattenJoin).join(sep);
  }
  if (typeof v['Ref'] === 'string') return `\${${v['Ref']}}`;
  if (Array.isArray(v['Fn::GetAtt'])) return `\${${(v['Fn::GetAtt'] as string[]).join('.')}}`;
  return JSON.stringify(value);
}

/** cdk-nag AwsSolutions findings left after acknowledgments (errors and warnings both). */
export function nagViolations(stack: Stack): Array<{ rule: string; severity: string; paths: string[] }> {
  return new AwsSolutionsChecks().validateScope(stack).violations.map((v) => ({
    rule: v.ruleName,
    severity: v.severity ?? 'unknown',
    paths: v.violatingResources.map((r) => r.constructPath ?? '?'),
  }));
}

/** `${LogicalId}` of the CloudFormation parameter that resolves an SSM parameter at deploy time. */
export function ssmParameterRef(template: Template, ssmName: string): string {
  const [id] = Object.keys(template.findParameters('*', { Default: ssmName }));
  if (!id) throw new Error(`no CloudFormation parameter reads SSM ${ssmName}`);
  return `\${${id}}`;
}
