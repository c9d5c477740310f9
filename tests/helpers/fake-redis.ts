/**
 * A stand-in for a Redis/Valkey server where redis-server is not installed: RESP2 over TCP with
 * AUTH, SET (with EX), GET, DEL, PING and INFO (ioredis's ready check). Before AUTH succeeds every
 * other command gets NOAUTH, as a server with `requirepass` answers.
 */
import { createServer, type Server, type Socket } from "node:net";

export interface FakeRedis {
  readonly port: number;
  stop(): Promise<void>;
}

/** Parses as many complete RESP arrays of bulk strings as `buffer` holds; returns them and the rest. */
function parseCommands(buffer: string): { commands: string[][]; rest: string } {
  const commands: string[][] = [];
  let at = 0;
  for (;;) {
    if (buffer[at] !== "*") break;
    const lineEnd = buffer.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const count = Number(buffer.slice(at + 1, lineEnd));
    let cursor = lineEnd + 2;
    const args: string[] = [];
    for (let i = 0; i < count; i++) {
      const sizeEnd = buffer.indexOf("\r\n", cursor);
      if (sizeEnd < 0 || buffer[cursor] !== "$") return { commands, rest: buffer.slice(at) };
      const size = Number(buffer.slice(cursor + 1, sizeEnd));
      if (buffer.length < sizeEnd + 2 + size + 2) return { commands, rest: buffer.slice(at) };
      args.push(buffer.slice(sizeEnd + 2, sizeEnd + 2 + size));
      cursor = sizeEnd + 2 + size + 2;
    }
    commands.push(args);
    at = cursor;
  }
  return { commands, rest: buffer.slice(at) };
}

const bulk = (value: string | undefined) => (value === undefined ? "$-1\r\n" : `$${Buffer.byteLength(value)}\r\n${value}\r\n`);

export async function startFakeRedis(password: string): Promise<FakeRedis> {
  const data = new Map<string, string>();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    let authenticated = false;
    let pending = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      const { commands, rest } = parseCommands(pending + chunk);
      pending = rest;
      for (const [name = "", ...args] of commands) {
        const command = name.toUpperCase();
        if (command === "AUTH") {
          authenticated = args[args.length - 1] === password;
          socket.write(authenticated ? "+OK\r\n" : "-WRONGPASS invalid username-password pair or user is disabled.\r\n");
        } else if (!authenticated) socket.write("-NOAUTH Authentication required.\r\n");
        else if (command === "PING") socket.write("+PONG\r\n");
        else if (command === "INFO") socket.write(bulk("# Server\r\nredis_version:7.2.0\r\nloading:0\r\n"));
        else if (command === "SET") {
          data.set(args[0]!, args[1]!);
          socket.write("+OK\r\n");
        } else if (command === "GET") socket.write(bulk(data.get(args[0]!)));
        else if (command === "DEL") socket.write(`:${data.delete(args[0]!) ? 1 : 0}\r\n`);
        else socket.write(`-ERR unknown command '${name}'\r\n`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("fake redis has no port");
  return {
    port: address.port,
    stop: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    }),
  };
}
