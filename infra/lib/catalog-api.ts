// The catalog-search endpoint on AWS: the existing Lambda adapter (dist-api/lambda.mjs)
// behind an HTTP API whose one stage is named "api", so CloudFront can forward /api/*
// unchanged and the adapter strips the stage prefix (api/lambda.ts). The catalog lives
// in a bucket the function may only read; it is copied to /tmp on a cold start.
import { Duration, RemovalPolicy, Stack } from "aws-cdk-lib";
import { HttpApi, HttpStage } from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { Alarm, ComparisonOperator, TreatMissingData } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import { Effect, PolicyStatement, Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { Architecture, Code, Function as LambdaFunction, Runtime } from "aws-cdk-lib/aws-lambda";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { BlockPublicAccess, Bucket, BucketEncryption } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import { Construct } from "constructs";
import { DEPLOYMENT_MEMORY_MB, deploymentRole } from "./deployment-role.ts";

/** The stage name is the path prefix: /api/v1/search reaches the handler as /v1/search. */
export const API_STAGE = "api";
/** Where the catalog's files sit in their bucket. */
export const CATALOG_PREFIX = "catalog/";
export const DATASET_PREFIX = "fashion-mnist/";

export interface CatalogApiProps {
  /** dist-api/ (npm run api:build): lambda.mjs and its chunks. */
  apiDir: string;
  /** api/catalog/: catalog.json and the vector file it names. */
  catalogDir: string;
  /** Folder with train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz, for product pictures; none: search only. */
  datasetDir?: string;
  /** Concurrent executions reserved for (and capping) the function. */
  reservedConcurrency: number;
  /** The HTTP API stage's steady request rate (per second) and burst. */
  throttle: { rateLimit: number; burstLimit: number };
  logRetention: RetentionDays;
  /** Alarm notifications by e-mail (the topic exists either way). */
  alarmEmail?: string;
  /** Alarm when p95 duration stays above this for 15 minutes. */
  latencyAlarmMs: number;
}

export class CatalogApi extends Construct {
  readonly bucket: Bucket;
  readonly fn: LambdaFunction;
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: CatalogApiProps) {
    super(scope, id);
    this.bucket = new Bucket(this, "CatalogBucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const logGroup = new LogGroup(this, "Logs", { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });

    // A role of our own, not AWSLambdaBasicExecutionRole (logs:* on every log group):
    // read the catalog's objects, list only their prefix (so a missing file is a 404,
    // not an AccessDenied), write to this function's log group. Nothing else.
    const role = new Role(this, "Role", {
      assumedBy: new ServicePrincipal("lambda.amazonaws.com"),
      description: "Curator catalog search: read the catalog, write its logs",
    });
    role.addToPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: ["s3:GetObject"], resources: [this.bucket.arnForObjects("*")] }));
    role.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ["s3:ListBucket"],
        resources: [this.bucket.bucketArn],
        conditions: { StringLike: { "s3:prefix": [`${CATALOG_PREFIX}*`, `${DATASET_PREFIX}*`] } },
      }),
    );
    role.addToPolicy(
      new PolicyStatement({ effect: Effect.ALLOW, actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [`${logGroup.logGroupArn}`] }),
    );

    this.fn = new LambdaFunction(this, "Search", {
      description: "Curator catalog search (api/lambda.ts)",
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      code: Code.fromAsset(props.apiDir, { exclude: ["node.mjs", "search-worker.mjs", "search.mjs"] }),
      handler: "lambda.handler",
      memorySize: 1024,
      // A cold start copies ~8 MB from S3 and verifies its sha256 before the first answer.
      timeout: Duration.seconds(15),
      role,
      logGroup,
      reservedConcurrentExecutions: props.reservedConcurrency,
      environment: {
        CURATOR_CATALOG_BUCKET: this.bucket.bucketName,
        CURATOR_CATALOG_PREFIX: CATALOG_PREFIX,
        CURATOR_DATASET_PREFIX: DATASET_PREFIX,
        CURATOR_CATALOG_DIR: "/tmp/catalog",
        FASHION_MNIST_DIR: "/tmp/fashion-mnist",
        // Behind CloudFront every request arrives from an edge address, so the in-container
        // per-address limit would make unrelated users share buckets. The limits that hold
        // across containers are the stage's throttling and the reserved concurrency.
        CURATOR_API_RATE_LIMIT: "0",
        NODE_OPTIONS: "--enable-source-maps",
      },
    });
    this.fn.node.addDependency(role);

    const catalogFiles = new BucketDeployment(this, "CatalogFiles", {
      sources: [Source.asset(props.catalogDir, { exclude: ["*", "!catalog.json", "!*.i8", "!*.cri8"] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: CATALOG_PREFIX,
      role: deploymentRole(this, this.bucket, CATALOG_PREFIX),
      memoryLimit: DEPLOYMENT_MEMORY_MB,
    });
    if (props.datasetDir) {
      new BucketDeployment(this, "DatasetFiles", {
        sources: [Source.asset(props.datasetDir, { exclude: ["*", "!train-images-idx3-ubyte.gz", "!train-labels-idx1-ubyte.gz"] })],
        destinationBucket: this.bucket,
        destinationKeyPrefix: DATASET_PREFIX,
        role: deploymentRole(this, this.bucket, DATASET_PREFIX),
        memoryLimit: DEPLOYMENT_MEMORY_MB,
      });
    }
    // A function updated before its catalog would answer 'not ready' on every cold start.
    this.fn.node.addDependency(catalogFiles);

    this.api = new HttpApi(this, "Http", {
      description: "Curator catalog search, reached through CloudFront under /api",
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration("Search", this.fn),
    });
    this.stage = new HttpStage(this, "Stage", {
      httpApi: this.api,
      stageName: API_STAGE,
      autoDeploy: true,
      throttle: props.throttle,
    });

    const topic = new Topic(this, "Alarms", { displayName: "Curator catalog search alarms" });
    if (props.alarmEmail) topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const notify = new SnsAction(topic);
    this.alarms = [
      new Alarm(this, "Errors", {
        alarmDescription: "The search function failed (an uncaught error or a timeout) in the last 5 minutes.",
        metric: this.fn.metricErrors({ period: Duration.minutes(5), statistic: "Sum" }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, "ServerErrors", {
        alarmDescription: "The endpoint answered 5xx (internal errors, not_ready, overloaded) at least 5 times in 5 minutes.",
        metric: this.stage.metricServerError({ period: Duration.minutes(5), statistic: "Sum" }),
        threshold: 5,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
      new Alarm(this, "Latency", {
        alarmDescription: `p95 of the search function's duration above ${props.latencyAlarmMs} ms for 15 minutes.`,
        metric: this.fn.metricDuration({ period: Duration.minutes(5), statistic: "p95" }),
        threshold: props.latencyAlarmMs,
        evaluationPeriods: 3,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }),
    ];
    for (const alarm of this.alarms) alarm.addAlarmAction(notify);
  }

  /** The HTTP API's host name, for CloudFront's origin. */
  get domainName(): string {
    return `${this.api.apiId}.execute-api.${Stack.of(this).region}.${Stack.of(this).urlSuffix}`;
  }
}
