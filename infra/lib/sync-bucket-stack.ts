// A user's own sync bucket, as a stack that needs nothing from CDK to deploy: it is also
// written out as one CloudFormation template (public/sync-bucket.template.json, linked
// from Settings → Sync). It creates a private, encrypted, versioned bucket with the CORS
// rule the app needs for the user's app origin, and an IAM user that may touch only the
// sync folder. The user's access key is made afterwards with the AWS CLI, so the secret
// never passes through CloudFormation (outputs and stack events are readable by others).
import { Aws, CfnOutput, CfnParameter, DefaultStackSynthesizer, Duration, Fn, RemovalPolicy, Stack, type StackProps } from "aws-cdk-lib";
import { Effect, Policy, PolicyStatement, User } from "aws-cdk-lib/aws-iam";
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";
import { CORS_EXPOSED_HEADERS, CORS_METHODS } from "../../src/sync/cors.ts";

/** Old versions of photos and records are kept this long (then only the newest few). */
export const KEEP_OLD_VERSIONS_DAYS = 30;
export const KEEP_OLD_VERSIONS_COUNT = 3;

export class SyncBucketStack extends Stack {
  readonly bucket: Bucket;
  readonly user: User;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    // No bootstrap stack, no CDK metadata: a plain template anyone can deploy.
    super(scope, id, {
      description: "Curator sync: a private, encrypted, versioned bucket and an IAM user limited to its sync folder",
      analyticsReporting: false,
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
      ...props,
    });

    const origin = new CfnParameter(this, "AppOrigin", {
      type: "String",
      description: "The address Curator runs at, as the browser shows it (scheme://host[:port], no path), e.g. https://curator.example.com",
      allowedPattern: "^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$",
      constraintDescription: "scheme://host or scheme://host:port, with no path or trailing slash",
    });
    const prefix = new CfnParameter(this, "Prefix", {
      type: "String",
      default: "curator/",
      description: "The folder in the bucket the app syncs to (Settings → Sync uses curator/ unless told otherwise)",
      allowedPattern: "^([A-Za-z0-9._-]+/)+$",
      constraintDescription: "one or more folder names of letters, digits, . _ -, each ending in /",
    });
    const folder = prefix.valueAsString;

    this.bucket = new Bucket(this, "Bucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // The user's wardrobe: deleting the stack leaves the bucket and its data.
      removalPolicy: RemovalPolicy.RETAIN,
      cors: [
        {
          allowedOrigins: [origin.valueAsString],
          allowedMethods: CORS_METHODS.map((m) => HttpMethods[m]),
          allowedHeaders: ["*"],
          exposedHeaders: [...CORS_EXPOSED_HEADERS],
          maxAge: 3600,
        },
      ],
      // Only superseded versions of photos and records expire, and never the newest few.
      // The key file (keyinfo.json) is matched by no expiring rule: without it the synced
      // data cannot be read, so no rule here may ever remove any version of it.
      lifecycleRules: [
        {
          id: "old-photo-versions",
          prefix: Fn.join("", [folder, "blobs/"]),
          noncurrentVersionExpiration: Duration.days(KEEP_OLD_VERSIONS_DAYS),
          noncurrentVersionsToRetain: KEEP_OLD_VERSIONS_COUNT,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        {
          id: "old-record-versions",
          prefix: Fn.join("", [folder, "records."]),
          noncurrentVersionExpiration: Duration.days(KEEP_OLD_VERSIONS_DAYS),
          noncurrentVersionsToRetain: KEEP_OLD_VERSIONS_COUNT,
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });

    // What the app does (src/sync/remote.ts): list the folder, get/head, put (If-Match,
    // If-None-Match) and delete objects in it. HEAD is authorised by s3:GetObject.
    this.user = new User(this, "User");
    new Policy(this, "UserPolicy", {
      users: [this.user],
      statements: [
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ["s3:ListBucket"],
          resources: [this.bucket.bucketArn],
          conditions: { StringLike: { "s3:prefix": [Fn.join("", [folder, "*"])] } },
        }),
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
          resources: [Fn.join("", [this.bucket.bucketArn, "/", folder, "*"])],
        }),
      ],
    });

    new CfnOutput(this, "BucketName", { description: "Settings → Sync: Bucket", value: this.bucket.bucketName });
    new CfnOutput(this, "Region", { description: "Settings → Sync: Region", value: Aws.REGION });
    new CfnOutput(this, "Endpoint", { description: "Settings → Sync: Endpoint URL", value: `https://s3.${Aws.REGION}.${Aws.URL_SUFFIX}` });
    new CfnOutput(this, "UserName", { description: "The IAM user the app signs in as", value: this.user.userName });
    new CfnOutput(this, "CreateAccessKey", {
      description: "Run once; paste AccessKeyId and SecretAccessKey into Settings → Sync (the secret is shown only then)",
      value: Fn.join("", ["aws iam create-access-key --user-name ", this.user.userName]),
    });
  }
}
