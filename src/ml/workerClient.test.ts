import { expose } from "comlink";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CancelledError } from "@domain/errors";
import { WorkerClient, WorkerError } from "./workerClient";

/**
 * A stand-in for a dedicated Worker: the "inside" runs a real API behind the real
 * Comlink over a real MessageChannel; only `error`/`messageerror` are fired by hand,
 * as a browser would when the worker dies.
 */
class FakeWorker extends EventTarget {
  terminated = false;
  private readonly page: MessagePort;
  private readonly inside: MessagePort;

  constructor(api: object) {
    super();
    const { port1, port2 } = new MessageChannel();
    this.page = port1;
    this.inside = port2;
    expose(api, port2);
    port1.start();
  }

  postMessage(message: unknown, transfer: Transferable[] = []): void {
    if (!this.terminated) this.page.postMessage(message, transfer);
  }

  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean): void {
    if (type === "message" && listener) this.page.addEventListener(type, listener, options);
    else super.addEventListener(type, listener, options);
  }

  terminate(): void {
    this.terminated = true;
    this.page.close();
    this.inside.close();
  }

  crash(type: "error" | "messageerror", message?: string): void {
    this.dispatchEvent(Object.assign(new Event(type), message ? { message } : {}));
  }
}

/** What each fake worker runs: fresh state per worker, like a real restart. */
function workerApi() {
  const gates = new Map<string, () => void>();
  const cancelled: string[] = [];
  return {
    async echo(x: string): Promise<string> {
      return x;
    },
    /** Answers only once `open(id)` (or `cancel(id)`) arrives. */
    wait(id: string): Promise<string> {
      return new Promise((resolve) => gates.set(id, () => resolve(id)));
    },
    open(id: string): void {
      gates.get(id)?.();
    },
    async boom(message: string): Promise<never> {
      throw new Error(message);
    },
    cancel(id: string): void {
      cancelled.push(id);
      gates.get(id)?.();
    },
    cancelled(): string[] {
      return cancelled;
    },
  };
}
type Api = ReturnType<typeof workerApi>;

const IDLE_MS = 60_000;
let workers: FakeWorker[];
let client: WorkerClient<Api>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  workers = [];
  client = new WorkerClient<Api>({
    name: "test worker",
    idleMs: IDLE_MS,
    create: () => {
      const w = new FakeWorker(workerApi());
      workers.push(w);
      return w as unknown as Worker;
    },
  });
});

afterEach(() => {
  client.stop();
  for (const w of workers) w.terminate();
  vi.useRealTimers();
});

/** The settled outcome of a call, without an unhandled rejection meanwhile. */
function outcome<T>(p: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return p.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

describe("WorkerClient", () => {
  it("creates the worker on the first call, reuses it, and ends it after the idle time", async () => {
    expect(client.running).toBe(false);
    expect(workers).toHaveLength(0);
    expect(await client.call((api) => api.echo("a"))).toBe("a");
    expect(await client.call((api) => api.echo("b"))).toBe("b");
    expect(workers).toHaveLength(1);
    expect(client.running).toBe(true);

    await vi.advanceTimersByTimeAsync(IDLE_MS - 1);
    expect(workers[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(workers[0]!.terminated).toBe(true);
    expect(client.running).toBe(false);

    expect(await client.call((api) => api.echo("c"))).toBe("c");
    expect(workers).toHaveLength(2);
  });

  it("never ends a worker while a call is in flight, and counts the idle time from the last answer", async () => {
    const long = client.call((api) => api.wait("job"));
    await vi.advanceTimersByTimeAsync(IDLE_MS * 3);
    expect(workers[0]!.terminated).toBe(false);
    await client.call((api) => api.open("job"));
    expect(await long).toBe("job");
    await vi.advanceTimersByTimeAsync(IDLE_MS - 1);
    expect(client.running).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(client.running).toBe(false);
  });

  it.each(["error", "messageerror"] as const)("a worker %s rejects every pending call with a WorkerError; the next call starts a new worker", async (type) => {
    const first = outcome(client.call((api) => api.wait("1")));
    const second = outcome(client.call((api) => api.wait("2")));
    await client.call((api) => api.echo("arrived")); // both calls are inside the worker now
    workers[0]!.crash(type, "out of memory");

    for (const r of [await first, await second]) {
      expect("error" in r && r.error).toBeInstanceOf(WorkerError);
      expect("error" in r && (r.error as WorkerError).code).toBe("crashed");
    }
    const { error } = (await first) as { error: WorkerError };
    expect(error.message).toBe(type === "error" ? "The test worker stopped: out of memory." : "The test worker stopped: a message from it could not be read.");
    expect(workers[0]!.terminated).toBe(true);
    expect(client.running).toBe(false);

    expect(await client.call((api) => api.echo("again"))).toBe("again");
    expect(workers).toHaveLength(2);
  });

  it("a call that outlives its time limit is a hung worker: every pending call rejects, the next call restarts", async () => {
    const timed = outcome(client.call((api) => api.wait("slow"), { timeoutMs: 10_000 }));
    const other = outcome(client.call((api) => api.wait("other")));
    await vi.advanceTimersByTimeAsync(9_999);
    expect(workers[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    const a = (await timed) as { error: WorkerError };
    const b = (await other) as { error: WorkerError };
    expect(a.error).toBeInstanceOf(WorkerError);
    expect(a.error.code).toBe("timeout");
    expect(a.error.message).toBe("The test worker did not answer within 10 s.");
    expect(b.error).toBe(a.error);
    expect(workers[0]!.terminated).toBe(true);

    expect(await client.call((api) => api.echo("fresh"))).toBe("fresh");
    expect(workers).toHaveLength(2);
  });

  it("a call that answers in time clears its time limit", async () => {
    expect(await client.call((api) => api.echo("quick"), { timeoutMs: 1_000 })).toBe("quick");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(workers[0]!.terminated).toBe(false);
  });

  it("an abort rejects that call alone with a CancelledError and asks the worker to stop early; the worker stays", async () => {
    const controller = new AbortController();
    const aborted = outcome(client.call((api) => api.wait("a"), { signal: controller.signal, onAbort: (api) => void api.cancel("a") }));
    const other = client.call((api) => api.wait("b"));
    await client.call((api) => api.echo("arrived"));
    controller.abort();

    const r = (await aborted) as { error: unknown };
    expect(r.error).toBeInstanceOf(CancelledError);
    expect(await client.call((api) => api.cancelled())).toEqual(["a"]);
    expect(workers[0]!.terminated).toBe(false);
    await client.call((api) => api.open("b"));
    expect(await other).toBe("b");
    expect(workers).toHaveLength(1);
  });

  it("an already aborted signal rejects without starting a worker", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client.call((api) => api.echo("x"), { signal: controller.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(workers).toHaveLength(0);
  });

  it("a failure of the work itself passes through unchanged and keeps the worker", async () => {
    await expect(client.call((api) => api.boom("bad photo"))).rejects.toThrow("bad photo");
    expect(client.running).toBe(true);
    expect(await client.call((api) => api.echo("still here"))).toBe("still here");
    expect(workers).toHaveLength(1);
  });

  it("stop() ends the worker now: pending calls reject with a CancelledError, the next call restarts", async () => {
    const pending = outcome(client.call((api) => api.wait("x")));
    client.stop();
    expect(((await pending) as { error: unknown }).error).toBeInstanceOf(CancelledError);
    expect(workers[0]!.terminated).toBe(true);
    expect(await client.call((api) => api.echo("y"))).toBe("y");
    expect(workers).toHaveLength(2);
  });

  it("a worker that cannot be created rejects the call with a WorkerError", async () => {
    const broken = new WorkerClient<Api>({
      name: "broken worker",
      idleMs: IDLE_MS,
      create: () => {
        throw new Error("SecurityError");
      },
    });
    const e = await broken.call((api) => api.echo("x")).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(WorkerError);
    expect((e as WorkerError).code).toBe("crashed");
    expect(broken.running).toBe(false);
  });
});
