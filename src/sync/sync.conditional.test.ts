import "fake-indexeddb/auto";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createSyncClient } from "./config";
import { syncNow } from "./sync";
import { addItem, liveNames, newBucket, recordingClient, syncFixtures, twoDevicesBPushed } from "./syncTestkit";

/**
 * The records document is written with If-Match (the ETag pulled) or If-None-Match: *
 * (none existed), so real S3 / MinIO / R2 refuse a concurrent overwrite with 412.
 * s3rver ignores those headers: the tests read the headers on the wire and play the 412.
 */

const fx = syncFixtures();
const device = () => fx.device();

const live = liveNames;

interface Sent {
  key: string;
  headers: Record<string, string>;
}

/** Records the HTTP headers of every PUT as sent (after the SDK built the request). */
function headerSpy(client: ReturnType<typeof recordingClient>["client"]): Sent[] {
  const sent: Sent[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "PutObjectCommand") {
        const req = args.request as { headers: Record<string, string> };
        const lower = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
        sent.push({ key: String((args.input as { Key?: string }).Key), headers: lower });
      }
      return next(args);
    },
    { step: "build", name: "curatorTestHeaderSpy", priority: "low" },
  );
  return sent;
}

describe("the records document is written conditionally", () => {
  it("sends If-None-Match: * when the bucket had no records, and If-Match with the pulled ETag afterwards", async () => {
    const config = await newBucket(fx.port);
    const a = await device();
    const b = await device();
    await addItem(a, 1, { name: "From A" });
    const recA = recordingClient(config);
    const sentA = headerSpy(recA.client);
    await syncNow(config, { db: a, client: recA.client });
    const firstRecords = sentA.filter((s) => s.key.endsWith("records.enc"));
    expect(firstRecords).toHaveLength(1);
    expect(firstRecords[0]!.headers["if-none-match"]).toBe("*");
    expect(firstRecords[0]!.headers["if-match"]).toBeUndefined();
    // Photos are immutable and content-addressed: no condition on them.
    expect(sentA.filter((s) => s.key.includes("/blobs/")).every((s) => !("if-match" in s.headers) && !("if-none-match" in s.headers))).toBe(true);

    const pulledEtag = (await createSyncClient(config).send(new HeadObjectCommand({ Bucket: config.bucket, Key: "curator/records.enc" }))).ETag;
    expect(pulledEtag).toMatch(/^"[0-9a-f]+"$/);
    await addItem(b, 2, { name: "From B" });
    const recB = recordingClient(config);
    const sentB = headerSpy(recB.client);
    const result = await syncNow(config, { db: b, client: recB.client });
    expect(result).toMatchObject({ pushed: true, attempts: 1 });
    const secondRecords = sentB.filter((s) => s.key.endsWith("records.enc"));
    expect(secondRecords).toHaveLength(1);
    expect(secondRecords[0]!.headers["if-match"]).toBe(pulledEtag);
    expect(secondRecords[0]!.headers["if-none-match"]).toBeUndefined();
  });

  it("a 412 on the records write (another device won the race after the ETag check) pulls, merges and retries", async () => {
    const { config, a, b } = await twoDevicesBPushed(fx);

    let refused = 0;
    const rec = recordingClient(config, async (command, key) => {
      // After A's HEAD check passed, B pushes; the server (as real S3 would, given If-Match) refuses A's write.
      if (command === "PutObjectCommand" && key.endsWith("records.enc") && refused === 0) {
        await addItem(b, 3, { name: "Also from B" });
        await syncNow(config, { db: b });
      }
    });
    rec.client.middlewareStack.add(
      (next, context) => async (args) => {
        const key = String((args.input as { Key?: string }).Key ?? "");
        if (context.commandName === "PutObjectCommand" && key.endsWith("records.enc") && refused === 0) {
          refused++;
          const xml =
            '<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions you specified did not hold</Message><Condition>If-Match</Condition></Error>';
          // The request never reaches s3rver (which would ignore If-Match): the response is a real S3 412.
          return {
            response: {
              statusCode: 412,
              reason: "Precondition Failed",
              headers: { "content-type": "application/xml" },
              body: Readable.from([Buffer.from(xml)]),
            },
          } as never;
        }
        return next(args);
      },
      { step: "deserialize", name: "curatorTest412", priority: "low" },
    );

    const result = await syncNow(config, { db: a, client: rec.client });
    expect(refused).toBe(1);
    expect(result.attempts).toBe(2);
    expect(result.pushed).toBe(true);
    // The retry pulled B's new item before writing, so nothing B pushed was overwritten.
    expect(rec.calls.filter((c) => c === "PutObjectCommand curator/records.enc")).toHaveLength(2);
    expect(await live(a)).toEqual(["Also from B", "From A", "From B"]);
    await syncNow(config, { db: b });
    expect(await live(b)).toEqual(["Also from B", "From A", "From B"]);
  });
});
