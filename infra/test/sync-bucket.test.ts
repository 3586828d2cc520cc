// The user's sync bucket (lib/sync-bucket-stack.ts) and its one-file template.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { Match } from "aws-cdk-lib/assertions";
import { SYNC_TEMPLATE_PATH, syncTemplateText } from "../tools/sync-template.ts";
import { list, statements, syncTemplate } from "./fixtures.ts";

const template = syncTemplate();
const json = template.toJSON() as {
  Parameters: Record<string, { Default?: string; AllowedPattern?: string }>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  Rules?: unknown;
};
const [bucketId, bucket] = Object.entries(json.Resources).find(([, r]) => r.Type === "AWS::S3::Bucket")!;

/** Evaluates the few intrinsics the template uses, with Prefix set and the bucket's ARN named. */
function resolve(v: unknown, prefix: string): string {
  if (typeof v === "string") return v;
  const o = v as Record<string, unknown>;
  if (o.Ref === "Prefix") return prefix;
  if (o.Ref === bucketId) return "my-bucket";
  const getAtt = o["Fn::GetAtt"] as string[] | undefined;
  if (getAtt?.[0] === bucketId && getAtt[1] === "Arn") return "arn:aws:s3:::my-bucket";
  const join = o["Fn::Join"] as [string, unknown[]] | undefined;
  if (join) return join[1].map((p) => resolve(p, prefix)).join(join[0]);
  throw new Error(`unexpected intrinsic ${JSON.stringify(v)}`);
}

describe("sync bucket", () => {
  it("blocks all public access", () => {
    template.hasResourceProperties("AWS::S3::Bucket", {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
    });
  });

  it("is encrypted at rest and refuses plain HTTP", () => {
    template.hasResourceProperties("AWS::S3::Bucket", {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: Match.stringLikeRegexp("^(AES256|aws:kms)$") } }],
      },
    });
    const deny = statements(template).filter((s) => s.statement.Effect === "Deny");
    assert.equal(deny.length, 1);
    assert.deepEqual(deny[0]!.statement.Condition, { Bool: { "aws:SecureTransport": "false" } });
  });

  it("is versioned and kept when the stack is deleted", () => {
    template.hasResourceProperties("AWS::S3::Bucket", { VersioningConfiguration: { Status: "Enabled" } });
    template.hasResource("AWS::S3::Bucket", { DeletionPolicy: "Retain", UpdateReplacePolicy: "Retain" });
  });

  it("has the CORS rule the app needs, for the user's app origin only", () => {
    const rules = (bucket.Properties.CorsConfiguration as { CorsRules: Record<string, unknown>[] }).CorsRules;
    assert.equal(rules.length, 1);
    const rule = rules[0]!;
    assert.deepEqual((rule.AllowedMethods as string[]).slice().sort(), ["DELETE", "GET", "HEAD", "PUT"]);
    assert.deepEqual(rule.ExposedHeaders, ["ETag"]);
    assert.deepEqual(rule.AllowedOrigins, [{ Ref: "AppOrigin" }]);
    assert.deepEqual(rule.AllowedHeaders, ["*"]);
  });

  it("the app origin must be an origin: no wildcard, no path", () => {
    const pattern = new RegExp(json.Parameters.AppOrigin!.AllowedPattern!);
    for (const ok of ["https://curator.example.com", "http://localhost:5173", "https://d111111abcdef8.cloudfront.net"]) assert.match(ok, pattern);
    for (const bad of ["*", "https://*.example.com", "https://curator.example.com/", "https://a.example/app", "curator.example.com", ""])
      assert.doesNotMatch(bad, pattern);
  });

  for (const prefix of ["curator/", "wardrobe/phone/"]) {
    it(`no lifecycle rule can expire any version of the key file (${prefix}keyinfo.json)`, () => {
      const rules = (bucket.Properties.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
      assert.ok(rules.length >= 1);
      for (const rule of rules) {
        assert.equal(rule.Status, "Enabled");
        assert.equal(rule.ExpirationInDays, undefined, "current versions never expire");
        assert.equal(rule.ExpirationDate, undefined);
        assert.equal(rule.ExpiredObjectDeleteMarker, undefined);
        const rulePrefix = rule.Prefix === undefined ? "" : resolve(rule.Prefix, prefix);
        const expires = rule.NoncurrentVersionExpiration !== undefined || rule.NoncurrentVersionExpirationInDays !== undefined;
        if (expires) {
          assert.ok(!`${prefix}keyinfo.json`.startsWith(rulePrefix), `rule ${String(rule.Id)} (prefix "${rulePrefix}") would expire old key files`);
          assert.ok(rulePrefix.startsWith(prefix), `rule ${String(rule.Id)} reaches outside the sync folder`);
        }
      }
      assert.ok(
        rules.some((r) => resolve(r.Prefix, prefix) === `${prefix}blobs/` && r.NoncurrentVersionExpiration),
        "superseded photo versions do expire",
      );
    });
  }

  it("the user's policy grants nothing outside the bucket's sync folder", () => {
    const allow = statements(template).filter((s) => s.statement.Effect === "Allow");
    assert.ok(allow.length >= 2);
    for (const prefix of ["curator/", "wardrobe/phone/"]) {
      for (const { statement } of allow) {
        const actions = list(statement.Action as string | string[]);
        for (const a of actions) assert.ok(!a.includes("*"), `wildcard action ${a}`);
        for (const r of list(statement.Resource).map((x) => resolve(x, prefix))) {
          if (actions.includes("s3:ListBucket")) {
            assert.deepEqual(actions, ["s3:ListBucket"]);
            assert.equal(r, "arn:aws:s3:::my-bucket");
            const cond = statement.Condition as { StringLike: { "s3:prefix": unknown[] } };
            assert.deepEqual(
              cond.StringLike["s3:prefix"].map((p) => resolve(p, prefix)),
              [`${prefix}*`],
            );
          } else {
            assert.deepEqual(actions.slice().sort(), ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]);
            assert.equal(r, `arn:aws:s3:::my-bucket/${prefix}*`);
          }
        }
      }
    }
    template.resourceCountIs("AWS::IAM::User", 1);
    template.hasResourceProperties("AWS::IAM::Policy", { Users: [{ Ref: Match.anyValue() }] });
  });

  it("puts no secret in CloudFormation: the access key is created afterwards with the CLI", () => {
    template.resourceCountIs("AWS::IAM::AccessKey", 0);
    template.resourceCountIs("AWS::SecretsManager::Secret", 0);
    template.hasOutput("CreateAccessKey", { Value: { "Fn::Join": ["", ["aws iam create-access-key --user-name ", { Ref: Match.anyValue() }]] } });
  });

  it("deploys with no CDK bootstrap and no assets (one plain template)", () => {
    assert.equal(json.Parameters.BootstrapVersion, undefined);
    assert.equal(json.Rules, undefined);
    for (const r of Object.values(json.Resources)) assert.notEqual(r.Type, "AWS::CDK::Metadata");
    assert.equal(Object.values(json.Resources).filter((r) => r.Type === "AWS::Lambda::Function").length, 0);
  });

  it("the template the app links to is this stack, freshly synthesised", () => {
    assert.equal(
      readFileSync(SYNC_TEMPLATE_PATH, "utf8"),
      syncTemplateText(),
      "public/sync-bucket.template.json is stale: run `npm run sync-template --prefix infra`",
    );
  });
});
