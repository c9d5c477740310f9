/**
 * One local HTTP endpoint answering the few AWS operations the smoke application calls, as the
 * services' protocols define them, so that the application's real AWS SDK clients talk to it
 * (pointed here with AWS_ENDPOINT_URL_SQS / _S3 / _SESV2, the SDK's service-specific endpoint
 * variables: https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html):
 * - SQS, JSON protocol (`X-Amz-Target: AmazonSQS.<Operation>`): SendMessage, ReceiveMessage,
 *   DeleteMessage, with the MD5 digests the SDK verifies.
 * - S3, path-style REST: PUT, GET and DELETE of an object (aws-chunked uploads decoded).
 * - SES v2 REST: GET /v2/email/identities/{identity}.
 */
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";

export interface FakeAwsEndpoint {
  readonly url: string;
  /** Identities SES reports verified for sending; others are reported pending. */
  readonly verifiedIdentities: Set<string>;
  /** Buckets that exist; any other answers NoSuchBucket. */
  readonly buckets: Set<string>;
  stop(): Promise<void>;
}

const md5 = (text: string) => createHash("md5").update(text).digest("hex");

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The payload of an `aws-chunked` body: `<hex size>[;chunk-signature=…]\r\n<data>\r\n`…, then trailers. */
function decodeAwsChunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = body.indexOf("\r\n", at);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(at, lineEnd).toString("latin1").split(";")[0]!, 16);
    if (!size) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

export async function startFakeAwsEndpoint(): Promise<FakeAwsEndpoint> {
  const queue: { id: string; body: string; receipt?: string }[] = [];
  const objects = new Map<string, Buffer>();
  const verifiedIdentities = new Set<string>();
  const buckets = new Set<string>();
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await bodyOf(request);
      const json = (status: number, value: unknown, type = "application/json") => {
        response.writeHead(status, { "content-type": type });
        response.end(JSON.stringify(value));
      };
      const target = request.headers["x-amz-target"];
      if (typeof target === "string" && target.startsWith("AmazonSQS.")) {
        const input = JSON.parse(body.toString("utf8")) as Record<string, string>;
        const type = "application/x-amz-json-1.0";
        if (target === "AmazonSQS.SendMessage") {
          const message = { id: randomUUID(), body: input["MessageBody"]! };
          queue.push(message);
          return json(200, { MessageId: message.id, MD5OfMessageBody: md5(message.body) }, type);
        }
        if (target === "AmazonSQS.ReceiveMessage") {
          const messages = queue.filter((m) => !m.receipt).slice(0, 10);
          for (const m of messages) m.receipt = randomUUID();
          return json(200, { Messages: messages.map((m) => ({ MessageId: m.id, ReceiptHandle: m.receipt, Body: m.body, MD5OfBody: md5(m.body) })) }, type);
        }
        if (target === "AmazonSQS.DeleteMessage") {
          const index = queue.findIndex((m) => m.receipt === input["ReceiptHandle"]);
          if (index >= 0) queue.splice(index, 1);
          return json(200, {}, type);
        }
        return json(400, { __type: "com.amazonaws.sqs#InvalidAction", message: target }, type);
      }
      const url = new URL(request.url ?? "/", "http://localhost");
      const identity = /^\/v2\/email\/identities\/([^/]+)$/.exec(url.pathname);
      if (identity) {
        const name = decodeURIComponent(identity[1]!);
        return json(200, { IdentityType: "DOMAIN", VerifiedForSendingStatus: verifiedIdentities.has(name), VerificationStatus: verifiedIdentities.has(name) ? "SUCCESS" : "PENDING" });
      }
      const [, bucket = "", ...keyParts] = url.pathname.split("/");
      const key = `${bucket}/${keyParts.join("/")}`;
      if (!buckets.has(bucket)) {
        response.writeHead(404, { "content-type": "application/xml" });
        return response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>${bucket}</BucketName></Error>`);
      }
      if (request.method === "PUT") {
        const chunked = String(request.headers["content-encoding"] ?? "").includes("aws-chunked") || request.headers["x-amz-decoded-content-length"] !== undefined;
        objects.set(key, chunked ? decodeAwsChunked(body) : body);
        response.writeHead(200, { etag: `"${md5(objects.get(key)!.toString("latin1"))}"` });
        return response.end();
      }
      if (request.method === "GET" && objects.has(key)) {
        response.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(objects.get(key)!.length) });
        return response.end(objects.get(key));
      }
      if (request.method === "DELETE") {
        objects.delete(key);
        response.writeHead(204);
        return response.end();
      }
      response.writeHead(404, { "content-type": "application/xml" });
      response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>`);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("fake AWS endpoint has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    verifiedIdentities,
    buckets,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
