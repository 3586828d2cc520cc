/**
 * When to sync automatically: pure timing logic with injected timers, so it can be
 * tested with fake ones. It never runs two syncs at once (one in-flight run; a
 * trigger during it asks for one more run after it), backs off after failures
 * (30 s, 2 min, 10 min; reset on success) and stops on failures only the user can
 * fix (wrong keys, wrong passphrase, damaged bucket) until `resume()`.
 */
import { errorCode } from "@domain/errors";

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
  now: () => Date.now(),
};

export interface SchedulerOptions {
  /** After the app starts. */
  startDelay: number;
  /** After the last local change. */
  debounce: number;
  /** After coming back online, or to the tab after `hiddenLongEnough`. */
  soon: number;
  hiddenLongEnough: number;
  /** Waits after the 1st, 2nd, 3rd and later failures in a row. */
  backoff: readonly number[];
}

export const DEFAULT_OPTIONS: SchedulerOptions = {
  startDelay: 2_000,
  debounce: 5_000,
  soon: 1_000,
  hiddenLongEnough: 60_000,
  backoff: [30_000, 120_000, 600_000],
};

/** Failures a retry cannot fix: the user has to act (new keys, passphrase, repair the bucket). */
export const STOPPING_CODES: ReadonlySet<string> = new Set(["auth", "passphrase", "corrupt"]);
/** …except these: a photo missing from the bucket comes back with the next sync of a device that holds it. */
export const RETRIED_REASONS: ReadonlySet<string> = new Set(["photo-missing"]);

const stops = (code: string, e: unknown) => STOPPING_CODES.has(code) && !RETRIED_REASONS.has(String((e as { reason?: unknown } | null)?.reason ?? ""));

export type AutoSyncState =
  | { phase: "idle"; lastSyncAt: number | null }
  | { phase: "syncing"; lastSyncAt: number | null }
  | { phase: "retrying"; lastSyncAt: number | null; code: string; error: unknown; retryAt: number }
  | { phase: "paused"; lastSyncAt: number | null; code: string; error: unknown };

/** What one run reports: resolves on success; rejects with a typed error (SyncError: its `code`) on failure, or a CancelledError. */
export type RunSync = () => Promise<void>;

export class SyncScheduler {
  private timer: unknown = null;
  private dueAt: number | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private stopped = false;
  private disposed = false;
  private hiddenAt: number | null = null;
  private state: AutoSyncState = { phase: "idle", lastSyncAt: null };
  private options: SchedulerOptions;

  constructor(
    private readonly run: RunSync,
    private readonly onState: (s: AutoSyncState) => void = () => {},
    private readonly timers: Timers = realTimers,
    options: Partial<SchedulerOptions> = {},
  ) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** New waits from now on (what is already scheduled keeps its time). */
  tune(options: Partial<SchedulerOptions>): void {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  get current(): AutoSyncState {
    return this.state;
  }

  get running(): boolean {
    return this.inFlight !== null;
  }

  /** The app started (with sync on and the passphrase at hand). */
  started(): void {
    this.schedule(this.options.startDelay);
  }

  /** Something synced changed on this device. */
  changed(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    if (this.backingOff()) return; // the retry will carry it
    this.schedule(this.options.debounce, true);
  }

  online(): void {
    // Back online is a good reason to try now, even while waiting after a network failure.
    if (this.backingOff()) this.cancel();
    this.schedule(this.options.soon);
  }

  /** The tab was hidden (false) or shown again (true). */
  visibility(visible: boolean): void {
    if (!visible) {
      this.hiddenAt = this.timers.now();
      return;
    }
    const hiddenFor = this.hiddenAt === null ? 0 : this.timers.now() - this.hiddenAt;
    this.hiddenAt = null;
    if (hiddenFor >= this.options.hiddenLongEnough && !this.backingOff()) this.schedule(this.options.soon);
  }

  /**
   * Runs `work` (a sync the user asked for) as the one in-flight sync: waits for an
   * automatic one to finish first, and drops any pending automatic run. Success
   * resets the back-off and lifts a pause; a failure or cancel schedules nothing.
   */
  async runManually<T>(work: () => Promise<T>): Promise<T> {
    while (this.inFlight) await this.inFlight.catch(() => {});
    this.cancel();
    let done!: () => void;
    this.inFlight = new Promise<void>((r) => (done = r));
    this.again = false;
    let out: T;
    try {
      out = await work();
    } catch (e) {
      this.again = false;
      throw e;
    } finally {
      this.inFlight = null;
      done();
    }
    this.failures = 0;
    this.stopped = false;
    this.setState({ phase: "idle", lastSyncAt: this.timers.now() });
    this.finish();
    return out;
  }

  /** The user acted (re-entered the passphrase, changed the connection): auto-sync may run again. */
  resume(): void {
    this.stopped = false;
    this.failures = 0;
    this.cancel();
    if (this.state.phase === "paused" || this.state.phase === "retrying") this.setState({ phase: "idle", lastSyncAt: this.state.lastSyncAt });
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private backingOff(): boolean {
    return this.state.phase === "retrying" && this.timer !== null;
  }

  private cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.dueAt = null;
  }

  /** Runs after `ms`; `restart` pushes an earlier pending run back (debounce), otherwise the earlier one stands. */
  private schedule(ms: number, restart = false): void {
    if (this.disposed || this.stopped) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const at = this.timers.now() + ms;
    if (this.timer !== null && !restart && this.dueAt !== null && this.dueAt <= at) return;
    this.cancel();
    this.dueAt = at;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.dueAt = null;
      void this.fire();
    }, ms);
  }

  private async fire(): Promise<void> {
    if (this.disposed || this.stopped || this.inFlight) return;
    this.again = false;
    this.setState({ phase: "syncing", lastSyncAt: this.state.lastSyncAt });
    let done!: () => void;
    this.inFlight = new Promise<void>((r) => (done = r));
    try {
      await this.run();
      this.failures = 0;
      this.setState({ phase: "idle", lastSyncAt: this.timers.now() });
      this.inFlight = null;
      this.finish();
    } catch (e) {
      this.inFlight = null;
      this.again = false;
      const code = errorCode(e) ?? "";
      if (code === "cancelled") {
        this.setState({ phase: "idle", lastSyncAt: this.state.lastSyncAt });
      } else if (stops(code, e)) {
        this.stopped = true;
        this.cancel();
        this.setState({ phase: "paused", lastSyncAt: this.state.lastSyncAt, code, error: e });
      } else {
        const wait = this.options.backoff[Math.min(this.failures, this.options.backoff.length - 1)]!;
        this.failures++;
        this.cancel();
        this.setState({ phase: "retrying", lastSyncAt: this.state.lastSyncAt, code, error: e, retryAt: this.timers.now() + wait });
        this.schedule(wait);
      }
    } finally {
      done();
    }
  }

  /** After a successful run: one more if something changed meanwhile. */
  private finish(): void {
    if (this.again) {
      this.again = false;
      this.schedule(this.options.debounce, true);
    }
  }

  private setState(s: AutoSyncState): void {
    this.state = s;
    this.onState(s);
  }
}
