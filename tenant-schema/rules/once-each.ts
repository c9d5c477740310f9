/**
 * Lists whose entries each become resources of their own, named after the entry: an entry listed
 * twice would register one URN twice, which the Pulumi engine refuses ("Duplicate resource URN",
 * pulumi/pulumi `pkg/resource/deploy/step_generator.go` generateURN), and the service would
 * refuse the second copy anyway. Each such entry is allowed once.
 */
import { qualifyHostname, type EdgeSpec } from "../sections/edge";

interface Context {
  addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void;
}

interface Relevant {
  edge: Pick<EdgeSpec, "zone" | "records">;
  monitoring?: { alertEmails: string[]; webhooks: string[] };
}

/** Reports every entry of `entries` whose key an earlier entry has, naming the earlier one. */
function onceEach<T>(entries: readonly T[], keyOf: (entry: T) => string, path: readonly PropertyKey[], what: string, ctx: Context): void {
  const first = new Map<string, number>();
  entries.forEach((entry, index) => {
    const key = keyOf(entry);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return;
    }
    ctx.addIssue({
      code: "custom",
      path: [...path, index],
      message: `repeats ${path.join(".")}[${earlier}]; each ${what} once`,
    });
  });
}

export function checkOnceEach(spec: Relevant, ctx: Context): void {
  if (spec.monitoring) {
    // Mailbox domains are case-insensitive, and no one means two mailboxes differing only in case.
    onceEach(spec.monitoring.alertEmails, (email) => email.toLowerCase(), ["monitoring", "alertEmails"], "address", ctx);
    onceEach(spec.monitoring.webhooks, (url) => new URL(url).href, ["monitoring", "webhooks"], "URL", ctx);
  }
  // Cloudflare refuses an identical record ("An identical record already exists"); records that
  // differ only in TTL or proxying would share one resource name.
  onceEach(
    spec.edge.records,
    (record) => [record.type, qualifyHostname(record.name, spec.edge.zone).toLowerCase(), record.content, "priority" in record ? record.priority : ""].join("|"),
    ["edge", "records"],
    "record (type, name, content and priority)",
    ctx,
  );
}
