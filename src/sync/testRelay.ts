import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * Test-only (Node): a byte relay in front of a local server, used by the sync unit
 * tests and the sync e2e. Cutting it drops the network for real — browsers and the
 * SDK keep connections alive, so stopping the server itself is not enough.
 */

/** A byte relay to `port`: `cut()` destroys every open connection and refuses new ones, like a dropped network. */
export interface Relay {
  port: number;
  cut(): void;
  /** Bytes relayed so far, both ways. */
  readonly relayed: number;
  /** True once the relay was cut (by cut(), or after `cutAfter` bytes). */
  readonly down: boolean;
  stop(): Promise<void>;
}

/** `cutAfter`: drop the network by itself once that many bytes have passed (both ways), mid-request or mid-response. */
export async function startRelay(port: number, options: { cutAfter?: number } = {}): Promise<Relay> {
  const sockets = new Set<Socket>();
  let down = false;
  let relayed = 0;
  const cut = () => {
    if (down) return;
    down = true;
    for (const s of sockets) s.destroy();
    server.close();
  };
  // Forwards a chunk unless it crosses the byte budget: then only the bytes before the cut go through.
  const forward = (to: Socket) => (chunk: Buffer) => {
    if (down) return;
    const budget = options.cutAfter === undefined ? chunk.length : options.cutAfter - relayed;
    const part = budget < chunk.length ? chunk.subarray(0, Math.max(0, budget)) : chunk;
    relayed += part.length;
    if (part.length) to.write(part);
    if (part.length < chunk.length) cut();
  };
  const server: Server = createServer((client) => {
    if (down) return client.destroy();
    const upstream = connect(port, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.on("data", forward(upstream));
    upstream.on("data", forward(client));
    client.on("end", () => upstream.end());
    upstream.on("end", () => client.end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  if (!addr || typeof addr === "string") throw new Error("relay has no port");
  return {
    port: addr.port,
    cut,
    get relayed() {
      return relayed;
    },
    get down() {
      return down;
    },
    stop: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}
