/**
 * A TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it: listen on 0, then
 * close). The port is closed again until its user binds it, so the kernel may pick the same one for
 * a second caller in between: tests that run at the same time would then share a port. This process
 * never hands out a port twice.
 */
import { createServer } from "node:net";

const handedOut = new Set<number>();

export async function freePort(): Promise<number> {
  for (;;) {
    const port = await unusedPort();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
