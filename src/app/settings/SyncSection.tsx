import { useEffect, useId, useRef, useState, type InputHTMLAttributes } from "react";
import type { SyncConfig, SyncPhase, SyncProgress } from "@sync";
import { getSessionPassphrase, runSyncManually, setSessionPassphrase as keepSessionPassphrase, type AutoSyncView } from "@sync/auto";
import { forgetConnection, forgetKeys, readConnection, recordLastSync, saveConnection, toConfig, type Secret, type SyncConnection } from "@sync/connection";
import { passphraseProblem } from "@sync/passphrase";
import { Progress } from "../components/Progress";
import { useAutoSync } from "../sync/useAutoSync";
import { SyncBucketTemplate } from "./SyncBucketTemplate";
import { corsNote, describeSyncSummary, syncFailureText, syncRemedy } from "./describeSync";
import "./sync.css";

type Place = Pick<SyncConnection, "endpoint" | "region" | "bucket" | "accessKeyId" | "secretAccessKey">;
type Form = Place & { passphrase: string; confirm: string; remember: boolean };

const EMPTY: Form = { endpoint: "", region: "us-east-1", bucket: "", accessKeyId: "", secretAccessKey: "", passphrase: "", confirm: "", remember: false };

type Status = { kind: "ok" | "error"; text: string; remedy?: "trust-key-file" | "send-again" | null; askPassphrase?: boolean } | null;

// The sync engine and the S3 SDK are loaded only when used, so they never weigh on the app's start.
const loadSync = () => import("@sync");

const PHASES: Record<SyncPhase, string> = {
  connecting: "Connecting",
  downloading: "Downloading photos",
  merging: "Merging",
  uploading: "Uploading photos",
  saving: "Saving to the bucket",
  done: "Finishing",
};

const time = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

/** One quiet line on what automatic sync is doing. */
function autoSyncText(auto: AutoSyncView): string {
  if (!auto.on) return "Enter the passphrase to sync automatically during this session.";
  const s = auto.state;
  switch (s.phase) {
    case "syncing":
      return "Syncs automatically: syncing now…";
    case "retrying":
      return `Syncs automatically; paused after an error, trying again at ${time(s.retryAt)}: ${syncFailureText(s.error)}`;
    case "paused":
      return `Automatic sync is paused after an error: ${syncFailureText(s.error)} Fix it, then press “Sync now”.`;
    default:
      return s.lastSyncAt ? `Syncs automatically; last synced at ${time(s.lastSyncAt)}.` : "Syncs automatically after changes on this device.";
  }
}

/**
 * Sync with the user's own S3-compatible bucket. Off until the user fills in the
 * connection and turns it on; photos and records leave the device only then,
 * encrypted here with a passphrase that is never stored in the bucket.
 */
export default function SyncSection() {
  const [stored, setStored] = useState<SyncConnection | null | undefined>(undefined);
  const [form, setForm] = useState<Form>(EMPTY);
  // The passphrase for this session when it is not remembered on the device.
  const [sessionPassphrase, setSession] = useState(getSessionPassphrase);
  const setSessionPassphrase = (p: string) => {
    keepSessionPassphrase(p);
    setSession(p);
  };
  const auto = useAutoSync();
  const [busy, setBusy] = useState<"test" | "on" | null>(null);
  const [progress, setProgress] = useState<SyncProgress | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const abort = useRef<AbortController | null>(null);
  const uid = useId();

  useEffect(() => {
    let live = true;
    void readConnection().then((s) => live && setStored(s));
    return () => {
      live = false;
      abort.current?.abort();
    };
  }, []);

  // An automatic sync finished: show its summary as the last sync.
  const autoSyncedAt = auto.state.lastSyncAt;
  useEffect(() => {
    if (autoSyncedAt === null) return;
    let live = true;
    void readConnection().then((s) => live && setStored(s));
    return () => {
      live = false;
    };
  }, [autoSyncedAt]);

  if (stored === undefined) return <p className="loading">Loading…</p>;
  const syncing = progress !== null;
  const working = syncing || busy !== null;
  // What opens the bucket: the passphrase typed this session, or the keys this device remembered.
  const secret: Secret = { passphrase: sessionPassphrase || stored?.passphrase || undefined, keys: stored?.keys };
  const canOpen = Boolean(secret.passphrase || secret.keys);
  const weakness = form.passphrase ? passphraseProblem(form.passphrase) : null;

  const test = async (config: SyncConfig) => {
    setStatus(null);
    setBusy("test");
    try {
      const { testConnection } = await loadSync();
      const check = await testConnection(config);
      setStatus({
        kind: "ok",
        text: !check.setUp
          ? "Connected. The bucket is empty: the first sync will set it up, encrypted with your passphrase."
          : "Connected. The bucket holds synced data and your passphrase opens it.",
      });
    } catch (e) {
      setStatus({ kind: "error", text: syncFailureText(e) });
    } finally {
      setBusy(null);
    }
  };

  const turnOn = async () => {
    setStatus(null);
    if (!form.endpoint.trim() || !form.bucket.trim() || !form.accessKeyId.trim() || !form.secretAccessKey.trim()) {
      setStatus({ kind: "error", text: "Fill in the endpoint, bucket, access key ID and secret access key." });
      return;
    }
    if (!form.passphrase) {
      setStatus({ kind: "error", text: "Choose a passphrase: everything is encrypted with it before it leaves this device." });
      return;
    }
    if (form.confirm !== form.passphrase) {
      setStatus({ kind: "error", text: "The two passphrases are not the same. Type it again in both fields." });
      return;
    }
    setBusy("on");
    try {
      const { testConnection } = await loadSync();
      // Settings that cannot work (or a passphrase that does not open this bucket) are not saved.
      const check = await testConnection(toConfig(form, { passphrase: form.passphrase }));
      // A new bucket is set up with this passphrase: it must be hard to guess (joining a bucket takes the one it has).
      const weak = check.setUp ? null : passphraseProblem(form.passphrase);
      if (weak) {
        setStatus({ kind: "error", text: `Sync was not turned on. The passphrase is too weak to set up a bucket with: ${weak}` });
        return;
      }
      const next = await saveConnection(form, { remember: form.remember, keys: check.keys });
      setSessionPassphrase(form.passphrase);
      setStored(next);
      setForm(EMPTY);
      setStatus({ kind: "ok", text: "Sync is on. From now on it syncs by itself after changes; press “Sync now” to sync right away." });
    } catch (e) {
      setStatus({ kind: "error", text: `Sync was not turned on. ${syncFailureText(e)}` });
    } finally {
      setBusy(null);
    }
  };

  const syncNow = async (current: SyncConnection, how: { acceptRollback?: boolean; trustKeyFile?: boolean } = {}) => {
    setStatus(null);
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ phase: "connecting", done: 0, total: 1 });
    try {
      const sync = await loadSync();
      const config = toConfig(current, secret);
      if (how.trustKeyFile) {
        // The user set the bucket up again: forget what this device knew of the old one, and its keys.
        await (await import("@sync/trust")).forgetTrust(config);
        if (current.keys) setStored(await forgetKeys());
      }
      // Never at the same time as an automatic sync: waits for one in flight, then runs.
      const summary = await runSyncManually(() =>
        sync.syncNow(how.trustKeyFile ? { ...config, keys: undefined } : config, {
          signal: controller.signal,
          acceptRollback: how.acceptRollback,
          onProgress: (p) => !controller.signal.aborted && setProgress(p),
        }),
      );
      const text = describeSyncSummary(summary);
      // Turned off while it ran: nothing to keep, but it did sync.
      setStored(await recordLastSync(text, Date.now(), summary.keys));
      setStatus({ kind: "ok", text: `Synced. ${text}` });
    } catch (e) {
      const remedy = syncRemedy(e);
      setStatus({
        kind: "error",
        text: syncFailureText(e),
        remedy,
        askPassphrase: remedy === "trust-key-file" || (e as { code?: unknown }).code === "passphrase",
      });
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const turnOff = async () => {
    try {
      await forgetConnection();
      setStored(null);
      setSessionPassphrase("");
      setStatus({ kind: "ok", text: "Sync is off. This device forgot the connection; your wardrobe here and the copy in the bucket are unchanged." });
    } catch (e) {
      setStatus({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  };

  const field = (name: Exclude<keyof Form, "remember">, label: string, props: InputHTMLAttributes<HTMLInputElement> = {}) => (
    <div className="sync-field">
      <label htmlFor={`${uid}-${name}`}>{label}</label>
      <input
        id={`${uid}-${name}`}
        value={form[name]}
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        {...props}
      />
    </div>
  );

  return (
    <div className="sync">
      <p data-testid="sync-state">
        {stored ? (
          <>
            <strong>Sync is on.</strong> While it is on, your items, photos, outfits and settings are encrypted on this device and sent only to your bucket.
          </>
        ) : (
          <>
            <strong>Sync is off:</strong> nothing leaves this device. Turn it on to keep your wardrobe in step across devices through your own S3-compatible
            bucket. Photos leave the device only while sync is on, encrypted on this device first.
          </>
        )}
      </p>

      {stored ? (
        <>
          <dl className="sync-connection">
            <dt>Endpoint</dt>
            <dd>{stored.endpoint}</dd>
            <dt>Bucket</dt>
            <dd>
              {stored.bucket} <span className="muted">({stored.region})</span>
            </dd>
            <dt>Access key ID</dt>
            <dd>{stored.accessKeyId}</dd>
            <dt>Passphrase</dt>
            <dd>
              {stored.keys
                ? "The bucket's keys are remembered on this device (not the passphrase)"
                : stored.remember || stored.passphrase
                  ? "Remembered after the next sync"
                  : "Not stored on this device"}
            </dd>
          </dl>
          {((!stored.keys && !stored.passphrase) || status?.askPassphrase) && (
            <div className="sync-field">
              <label htmlFor={`${uid}-session-pass`}>Passphrase (not stored: asked again after a reload)</label>
              <input
                id={`${uid}-session-pass`}
                type="password"
                autoComplete="off"
                value={sessionPassphrase}
                onChange={(e) => setSessionPassphrase(e.target.value)}
              />
            </div>
          )}
          <div className="sync-buttons">
            <button type="button" className="button button-primary" disabled={working || !canOpen} onClick={() => void syncNow(stored)}>
              Sync now
            </button>
            <button type="button" className="button" disabled={working || !canOpen} onClick={() => void test(toConfig(stored, secret))}>
              Test connection
            </button>
            <button type="button" className="button" disabled={working} onClick={() => void turnOff()}>
              Turn off sync
            </button>
          </div>
          {progress && (
            <Progress
              label={PHASES[progress.phase]}
              value={progress.done}
              max={progress.total}
              onCancel={() => {
                abort.current?.abort();
              }}
            />
          )}
          <p className="muted" data-testid="sync-auto">
            {autoSyncText(auto)}
          </p>
          <p className="muted" data-testid="sync-last">
            {stored.lastSync ? `Last synced ${new Date(stored.lastSync.at).toLocaleString()}: ${stored.lastSync.text}` : "Not synced yet on this device."}
          </p>
        </>
      ) : (
        <>
          <SyncBucketTemplate origin={location.origin} />
          <form
            className="sync-form"
            onSubmit={(e) => {
              e.preventDefault();
              void turnOn();
            }}
          >
            {field("endpoint", "Endpoint URL", { type: "url", inputMode: "url", placeholder: "https://s3.example.com", autoComplete: "off" })}
            {field("bucket", "Bucket", { autoComplete: "off" })}
            {field("region", "Region", { autoComplete: "off" })}
            {field("accessKeyId", "Access key ID", { autoComplete: "off" })}
            {field("secretAccessKey", "Secret access key", { type: "password", autoComplete: "off" })}
            {field("passphrase", "Passphrase", { type: "password", autoComplete: "new-password", "aria-describedby": `${uid}-pass-note ${uid}-pass-strength` })}
            <p className="sync-note" id={`${uid}-pass-strength`} role="status" data-testid="sync-pass-strength">
              {form.passphrase
                ? weakness
                  ? `For a new bucket: ${weakness}`
                  : "Strong enough to set up a new bucket."
                : `At least 12 characters; a few unrelated words are easiest to remember.`}
            </p>
            {field("confirm", "Confirm passphrase", { type: "password", autoComplete: "new-password" })}
            <p className="sync-note" id={`${uid}-pass-note`}>
              Everything is encrypted on this device with this passphrase before it is sent; the bucket never sees it. Use the same passphrase on every device.{" "}
              <strong>It cannot be recovered:</strong> if you forget it, the synced copy cannot be read (your wardrobe on this device is not affected).
            </p>
            <label className="sync-check">
              <input type="checkbox" checked={form.remember} onChange={(e) => setForm({ ...form, remember: e.target.checked })} /> Remember passphrase on this
              device
            </label>
            <p className="sync-note">This device then keeps the bucket's keys (which cannot be read out of it), not the passphrase itself.</p>
            <p className="sync-note" data-testid="sync-cors">
              {corsNote(location.origin)}
            </p>
            <div className="sync-buttons">
              <button type="submit" className="button button-primary" disabled={working}>
                Turn on sync
              </button>
              <button type="button" className="button" disabled={working} onClick={() => void test(toConfig(form, { passphrase: form.passphrase }))}>
                Test connection
              </button>
            </div>
          </form>
        </>
      )}

      {busy === "test" && <p role="status">Testing the connection…</p>}
      {busy === "on" && <p role="status">Checking the connection…</p>}
      {status && (
        <p className={status.kind === "error" ? "form-error" : "backup-ok"} role={status.kind === "error" ? "alert" : "status"} data-testid="sync-status">
          {status.text}
        </p>
      )}
      {stored && status?.remedy && (
        <div className="sync-buttons">
          {status.remedy === "trust-key-file" ? (
            <button type="button" className="button" disabled={working || !secret.passphrase} onClick={() => void syncNow(stored, { trustKeyFile: true })}>
              Trust the new key file
            </button>
          ) : (
            <button type="button" className="button" disabled={working || !canOpen} onClick={() => void syncNow(stored, { acceptRollback: true })}>
              Send this device's data again
            </button>
          )}
        </div>
      )}
    </div>
  );
}
