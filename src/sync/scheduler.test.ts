import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SyncScheduler, type AutoSyncState } from "./scheduler";
import { CancelledError } from "@domain/errors";

const fail = (code: string) => (code === "cancelled" ? new CancelledError() : Object.assign(new Error(`failed: ${code}`), { code }));

/** A run the test finishes by hand: `runs` counts starts, `finish()` / `fail()` settle the current one. */
function controllableRun() {
  let settle: { resolve: () => void; reject: (e: unknown) => void } | null = null;
  const ctl = {
    runs: 0,
    inFlight: 0,
    maxInFlight: 0,
    run: () =>
      new Promise<void>((resolve, reject) => {
        ctl.runs++;
        ctl.inFlight++;
        ctl.maxInFlight = Math.max(ctl.maxInFlight, ctl.inFlight);
        const done = () => ctl.inFlight--;
        settle = {
          resolve: () => (done(), resolve()),
          reject: (e) => (done(), reject(e)),
        };
      }),
    async finish() {
      settle!.resolve();
      await vi.advanceTimersByTimeAsync(0);
    },
    async fail(code: string) {
      settle!.reject(fail(code));
      await vi.advanceTimersByTimeAsync(0);
    },
    /** Fails the run in flight with exactly this error. */
    failWith(e: unknown) {
      settle!.reject(e);
    },
  };
  return ctl;
}

const OPTIONS = { startDelay: 2_000, debounce: 5_000, soon: 1_000, hiddenLongEnough: 60_000, backoff: [30_000, 120_000, 600_000] };

let states: AutoSyncState[];
const make = (run: () => Promise<void>) => new SyncScheduler(run, (s) => states.push(s), undefined, OPTIONS);
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers();
  states = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe("SyncScheduler", () => {
  it("syncs shortly after the start, not before", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.started();
    await advance(1_999);
    expect(ctl.runs).toBe(0);
    await advance(1);
    expect(ctl.runs).toBe(1);
    expect(s.current.phase).toBe("syncing");
    await ctl.finish();
    expect(s.current).toEqual({ phase: "idle", lastSyncAt: Date.now() });
  });

  it("debounces local changes: one run 5 s after the last of a burst", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.changed();
    await advance(4_000);
    s.changed();
    await advance(4_000);
    s.changed();
    await advance(4_999);
    expect(ctl.runs).toBe(0);
    await advance(1);
    expect(ctl.runs).toBe(1);
    await ctl.finish();
    await advance(60_000);
    expect(ctl.runs).toBe(1);
  });

  it("never runs two at once: changes during a run ask for exactly one more run after it", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.started();
    await advance(2_000);
    expect(ctl.runs).toBe(1);
    s.changed();
    s.online();
    s.changed();
    await advance(30_000);
    expect(ctl.runs).toBe(1); // still the first one, in flight
    await ctl.finish();
    await advance(4_999);
    expect(ctl.runs).toBe(1);
    await advance(1);
    expect(ctl.runs).toBe(2);
    await ctl.finish();
    await advance(60_000);
    expect(ctl.runs).toBe(2);
    expect(ctl.maxInFlight).toBe(1);
  });

  it("a manual sync waits for the automatic one in flight, and drops the pending automatic run", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.started();
    await advance(2_000);
    let manualStarted = false;
    const manual = s.runManually(async () => {
      manualStarted = true;
      expect(ctl.inFlight).toBe(0);
      return 42;
    });
    await advance(0);
    expect(manualStarted).toBe(false);
    await ctl.finish();
    expect(await manual).toBe(42);
    expect(manualStarted).toBe(true);
    s.changed();
    await s.runManually(async () => {});
    await advance(60_000);
    expect(ctl.runs).toBe(1); // the change's pending run was covered by the manual sync
  });

  it("backs off after failures: 30 s, 2 min, 10 min, 10 min; reset after a success", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.started();
    await advance(2_000);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await ctl.fail("network");
      const st = s.current;
      expect(st.phase).toBe("retrying");
      const wait = st.phase === "retrying" ? st.retryAt - Date.now() : -1;
      waits.push(wait);
      // Local changes do not cut the wait short (no retry storm).
      s.changed();
      await advance(wait - 1);
      expect(ctl.runs).toBe(i + 1);
      await advance(1);
      expect(ctl.runs).toBe(i + 2);
    }
    expect(waits).toEqual([30_000, 120_000, 600_000, 600_000]);
    await ctl.finish();
    expect(s.current.phase).toBe("idle");
    s.changed();
    await advance(5_000);
    await ctl.fail("server");
    const st = s.current;
    expect(st.phase === "retrying" && st.retryAt - Date.now()).toBe(30_000);
  });

  it("keeps retrying when a photo is missing from the bucket (the device that holds it uploads it again when it syncs)", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.started();
    await advance(2_000);
    ctl.failWith(Object.assign(new Error("photo missing"), { code: "corrupt", reason: "photo-missing" }));
    await advance(0);
    expect(s.current).toMatchObject({ phase: "retrying", code: "corrupt" });
    await advance(30_000);
    expect(ctl.runs).toBe(2);
  });

  it.each(["auth", "passphrase", "corrupt"])("stops retrying after a %s failure until the user acts", async (code) => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.started();
    await advance(2_000);
    await ctl.fail(code);
    expect(s.current).toMatchObject({ phase: "paused", code, error: expect.objectContaining({ message: `failed: ${code}` }) });
    s.changed();
    s.online();
    s.visibility(false);
    await advance(120_000);
    s.visibility(true);
    s.started();
    await advance(3_600_000);
    expect(ctl.runs).toBe(1);
    s.resume();
    expect(s.current.phase).toBe("idle");
    s.changed();
    await advance(5_000);
    expect(ctl.runs).toBe(2);
  });

  it("a cancelled run is neither an error nor a sync", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.changed();
    await advance(5_000);
    await ctl.fail("cancelled");
    expect(s.current).toEqual({ phase: "idle", lastSyncAt: null });
    await advance(3_600_000);
    expect(ctl.runs).toBe(1);
  });

  it("syncs soon after coming back online, even while waiting after a network failure", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.changed();
    await advance(5_000);
    await ctl.fail("network");
    expect(s.current.phase).toBe("retrying");
    s.online();
    await advance(999);
    expect(ctl.runs).toBe(1);
    await advance(1);
    expect(ctl.runs).toBe(2);
    await ctl.finish();
    await advance(600_000);
    expect(ctl.runs).toBe(2); // the back-off retry was replaced, not added
  });

  it("syncs when the tab comes back after a minute or more hidden, not after a short glance away", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.visibility(false);
    await advance(10_000);
    s.visibility(true);
    await advance(10_000);
    expect(ctl.runs).toBe(0);
    s.visibility(false);
    await advance(60_000);
    s.visibility(true);
    await advance(999);
    expect(ctl.runs).toBe(0);
    await advance(1);
    expect(ctl.runs).toBe(1);
  });

  it("does nothing after dispose", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.changed();
    s.dispose();
    s.started();
    s.online();
    await advance(3_600_000);
    expect(ctl.runs).toBe(0);
  });
});

describe("SyncScheduler, the finer points", () => {
  it("starts idle with no sync yet, says while a run is in flight, and a run that changed nothing asks for no other", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    expect(s.current).toEqual({ phase: "idle", lastSyncAt: null });
    expect(s.running).toBe(false);
    s.started();
    await advance(2_000);
    expect(s.running).toBe(true);
    await ctl.finish();
    expect(s.running).toBe(false);
    await advance(3_600_000);
    expect(ctl.runs).toBe(1);
  });

  it("coming back online during a run asks for one more run after it", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.started();
    await advance(2_000);
    s.online();
    await advance(10_000);
    expect(ctl.runs).toBe(1);
    await ctl.finish();
    await advance(5_000);
    expect(ctl.runs).toBe(2);
  });

  it("the earlier of two pending runs stands: a later trigger does not push it back, an earlier one pulls it forward", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.online(); // due in 1 s
    await advance(500);
    s.started(); // would be due in 2 s
    await advance(500);
    expect(ctl.runs).toBe(1);
    await ctl.finish();

    s.started(); // due in 2 s
    await advance(1_500);
    s.online(); // due in 1 s: later than the start's run, which stands
    await advance(500);
    expect(ctl.runs).toBe(2);
    await ctl.finish();

    s.started(); // due in 2 s
    s.online(); // due in 1 s: earlier, so it pulls the run forward
    await advance(1_000);
    expect(ctl.runs).toBe(3);
  });

  it("a tab shown without having been hidden is no reason to sync", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.visibility(true);
    await advance(3_600_000);
    expect(ctl.runs).toBe(0);
  });

  it("a manual sync that fails passes its error on, changes nothing and schedules nothing", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    const error = fail("network");
    await expect(
      s.runManually(async () => {
        s.changed(); // a change during the manual run
        throw error;
      }),
    ).rejects.toBe(error);
    expect(s.current).toEqual({ phase: "idle", lastSyncAt: null });
    expect(s.running).toBe(false);
    await advance(3_600_000);
    expect(ctl.runs).toBe(0);
  });

  it("a manual sync that succeeds lifts a pause: automatic syncs run again", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.started();
    await advance(2_000);
    await ctl.fail("passphrase");
    expect(s.current.phase).toBe("paused");
    await s.runManually(async () => {});
    expect(s.current).toEqual({ phase: "idle", lastSyncAt: Date.now() });
    s.changed();
    await advance(5_000);
    expect(ctl.runs).toBe(2);
  });

  it("resume during a back-off drops the pending retry and keeps the last sync's time", async () => {
    const ctl = controllableRun();
    const s = make(ctl.run);
    s.started();
    await advance(2_000);
    await ctl.finish();
    const lastSyncAt = Date.now();
    await advance(1_000);
    s.changed();
    await advance(5_000);
    await ctl.fail("network");
    expect(s.current.phase).toBe("retrying");
    s.resume();
    expect(s.current).toEqual({ phase: "idle", lastSyncAt });
    await advance(3_600_000);
    expect(ctl.runs).toBe(2);
  });
});
