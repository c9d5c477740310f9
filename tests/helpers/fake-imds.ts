/**
 * A stand-in for the instance metadata service with tokens required (the launch template's
 * `httpTokens: required`), answering as IMDSv2 answers
 * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html, "Response
 * codes"): PUT /latest/api/token needs `X-aws-ec2-metadata-token-ttl-seconds` of 1 to 21600 (else
 * 400); every GET needs a token it issued in `X-aws-ec2-metadata-token` (else 401); a missing
 * item is 404. `autoscaling/target-lifecycle-state` is 404 until the test sets it, as on an
 * instance that has not yet reached a target state.
 */
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export class FakeMetadataService {
  /** Requests in order: method, path, whether they carried a valid token, and the answer (status, body). */
  readonly requests: { method: string; path: string; token: boolean; status: number; body: string }[] = [];
  /** The value of `autoscaling/target-lifecycle-state`, or undefined (404). */
  targetLifecycleState?: string;
  private readonly tokens = new Set<string>();

  private readonly server: Server;
  private port = 0;

  private constructor(private readonly instanceId: string) {
    this.server = createServer((req, res) => {
      const [method, path] = [req.method ?? "GET", req.url ?? "/"];
      const token = req.headers["x-aws-ec2-metadata-token"];
      const valid = typeof token === "string" && this.tokens.has(token);
      const { status, body } = this.answer(method, path, req.headers, valid);
      this.requests.push({ method, path, token: valid, status, body });
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(body);
    });
  }

  /** Base URL of the service on loopback. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(instanceId: string): Promise<FakeMetadataService> {
    const service = new FakeMetadataService(instanceId);
    await new Promise<void>((resolve) => service.server.listen(0, "127.0.0.1", resolve));
    service.port = (service.server.address() as AddressInfo).port;
    return service;
  }

  private answer(method: string, path: string, headers: Record<string, string | string[] | undefined>, validToken: boolean): { status: number; body: string } {
    if (method === "PUT" && path === "/latest/api/token") {
      const ttl = Number(headers["x-aws-ec2-metadata-token-ttl-seconds"]);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return { status: 400, body: "" };
      const issued = randomUUID();
      this.tokens.add(issued);
      return { status: 200, body: issued };
    }
    if (method !== "GET") return { status: 405, body: "" };
    if (!validToken) return { status: 401, body: "" };
    const items: Record<string, string | undefined> = {
      "/latest/meta-data/instance-id": this.instanceId,
      "/latest/meta-data/autoscaling/target-lifecycle-state": this.targetLifecycleState,
    };
    const value = items[path];
    return value === undefined ? { status: 404, body: "" } : { status: 200, body: value };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
