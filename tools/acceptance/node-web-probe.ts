/** {@link WebProbe} on Node's own http, https and net modules: no redirects followed, no proxy. */
import * as http from "node:http";
import * as https from "node:https";
import { connect } from "node:net";
import type { TLSSocket } from "node:tls";
import type { ConnectOutcome, ProbeResponse, WebProbe } from "./ports";

const REQUEST_TIMEOUT_MS = 30_000;

/** Options of the probe. */
export interface WebProbeOptions {
  /** Certificate authorities to trust instead of Node's bundled ones (tests). @default Node's bundled CAs */
  readonly ca?: string | Buffer;
}

export const nodeWebProbe = (options: WebProbeOptions = {}): WebProbe => ({
  get(url: string): Promise<ProbeResponse> {
    const client = url.startsWith("https:") ? https : http;
    return new Promise((resolve, reject) => {
      // agent: false gives each request its own connection, so the TLS version read is this request's.
      const request = client.get(url, { agent: false, ...(options.ca ? { ca: options.ca } : {}), timeout: REQUEST_TIMEOUT_MS, headers: { "user-agent": "tenant-platform-acceptance" } }, (response) => {
        const tlsProtocol = "getProtocol" in response.socket ? (response.socket as TLSSocket).getProtocol() ?? undefined : undefined;
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => {
          const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(", ") : String(v ?? "")]));
          resolve({ status: response.statusCode ?? 0, headers, body, ...(tlsProtocol ? { tlsProtocol } : {}) });
        });
        response.on("error", reject);
      });
      request.on("timeout", () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
      request.on("error", reject);
    });
  },

  connect(host: string, port: number, timeoutMs: number): Promise<ConnectOutcome> {
    return new Promise((resolve) => {
      const socket = connect({ host, port, timeout: timeoutMs });
      const done = (outcome: ConnectOutcome) => {
        socket.destroy();
        resolve(outcome);
      };
      socket.once("connect", () => done("connected"));
      socket.once("timeout", () => done("timeout"));
      socket.once("error", (error: NodeJS.ErrnoException) => done(error.code === "ECONNREFUSED" ? "refused" : "unreachable"));
    });
  },
});
