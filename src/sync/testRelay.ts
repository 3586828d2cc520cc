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
  stop(): Promise<void>;
}

export async function startRelay(port: number): Promise<Relay> {
  const sockets = new Set<Socket>();
  let down = false;
  const server: Server = createServer((client) => {
    if (down) return client.destroy();
    const upstream = connect(port, "127.0.0.1");
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const addr = server.address();
  if (!addr || typeof addr === "string") throw new Error("relay has no port");
  return {
    port: addr.port,
    cut() {
      if (down) return;
      down = true;
      for (const s of sockets) s.destroy();
      server.close();
    },
    stop: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}
