// The role of CDK's BucketDeployment helper (the Lambda that copies files into a bucket
// at deploy time). Left to itself it grants s3:GetObject*, s3:List*, s3:DeleteObject*,
// s3:Abort* on the destination: wildcard actions. This role spells out the few that
// `aws s3 sync` uses (read the asset zip; list, put, delete in each destination; write
// its logs) and ignores the helper's own grants (withoutPolicyUpdates).
//
// One role per stack: the helper is a singleton function shared by every deployment of
// the stack, so it runs with one role whichever deployment created it.
import { Aws, Stack } from "aws-cdk-lib";
import { Effect, PolicyStatement, Role, ServicePrincipal, type IRole } from "aws-cdk-lib/aws-iam";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

const ID = "BucketDeploymentRole";

/** The stack's deployment role, allowed to write `bucket` (under `prefix`, when given). */
export function deploymentRole(scope: Construct, bucket: IBucket, prefix = ""): IRole {
  const stack = Stack.of(scope);
  let role = stack.node.tryFindChild(ID) as Role | undefined;
  if (!role) {
    role = new Role(stack, ID, {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: "Copies Curator's files into their buckets at deploy time",
    });
    // The bootstrap stack's asset bucket (cdk bootstrap), where the zipped files wait.
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["s3:GetObject"],
        resources: [`arn:${Aws.PARTITION}:s3:::cdk-*-assets-${Aws.ACCOUNT_ID}-${Aws.REGION}/*`],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
        resources: [`arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/lambda/*`],
      }),
    );
  }
  role.addToPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ["s3:ListBucket"],
      resources: [bucket.bucketArn],
      ...(prefix ? { conditions: { StringLike: { "s3:prefix": [`${prefix}*`] } } } : {}),
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      effect: Effect.ALLOW,
      actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
      resources: [bucket.arnForObjects(`${prefix}*`)],
    }),
  );
  return role.withoutPolicyUpdates();
}

/** One memory size for every deployment, so they share one helper function (and its role). */
export const DEPLOYMENT_MEMORY_MB = 1024;
