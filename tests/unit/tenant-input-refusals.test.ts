/**
 * Values a tenant file can hold that the cloud would refuse or that would not do what the file
 * means: one wrong file per kind, each refused at its key path with what is allowed, and the
 * forms that are right accepted.
 */
import { describe, expect, it } from "vitest";
import { parseTenant } from "../../tenant-schema/load-tenant";
import { formatIssues, type SpecIssue } from "../../tenant-schema/spec-issue";

const BASE = `aws:
  region: eu-central-1
  backupRegion: eu-west-1
  accountId: "123456789012"
network:
  cidr: 10.20.0.0/16
edge:
  zone: acme.example
  hostnames: ["@", www]
  accountId: 0123456789abcdef0123456789abcdef
  records:
    - { type: A, name: mail, content: 192.0.2.10 }
    - { type: AAAA, name: mail, content: "2001:db8::10" }
    - { type: CNAME, name: docs, content: acme.gitbook.io }
    - { type: MX, content: mx.acme.example, priority: 10 }
    - { type: TXT, content: "v=spf1 -all" }
  waf:
    adminPaths: [{ path: /admin, allow: [203.0.113.7, 198.51.100.0/24, "2001:db8::/32"] }]
web:
  instanceType: t4g.small
  app:
    image: ghcr.io/acme/site:1.4
    port: 8080
    env: { APP_ENV: production, PASSWORD_MIN_LENGTH: "12" }
    secrets: { DB_PASSWORD: "ssm:/acme/db-password" }
  scaling:
    min: 2
    max: 6
    schedules: [{ name: peak, cron: "0 8 * * MON-FRI", min: 4, timeZone: Europe/Stockholm }]
database: { engine: mysql, version: "8.0", instanceClass: db.t4g.medium }
cache: { nodeType: cache.t4g.small }
media: {}
mail: {}
backup: { schedule: "cron(0 3 * * ? *)" }
`;

function issuesOf(yaml: string): SpecIssue[] {
  const result = parseTenant("tenants/acme.yaml", Buffer.from(yaml));
  return result.ok ? [] : result.issues;
}

/** The base file with one text replaced, failing loudly when the text is not there. */
function edit(from: string, to: string): string {
  expect(BASE).toContain(from);
  return BASE.replace(from, to);
}

const DATABASE = 'database: { engine: mysql, version: "8.0", instanceClass: db.t4g.medium }';

const RECORD = "    - { type: CNAME, name: docs, content: acme.gitbook.io }";

const EMPTY_ENV = "env: { APP_ENV: production, PASSWORD_MIN_LENGTH: \"12\" }";

/** [what, tenant file, key path refused, part of the message]. */
const REFUSED: [string, () => string, string, string][] = [
  // Cron expressions and time zones.
  ["a scaling schedule of junk fields", () => edit('"0 8 * * MON-FRI"', '"99 99 foo bar baz"'),
    "web.scaling.schedules[0].cron", 'the minute field "99" is outside 0–59'],
  ["a scaling schedule with an unknown day", () => edit('"0 8 * * MON-FRI"', '"0 8 * * FUNDAY"'),
    "web.scaling.schedules[0].cron", 'the day-of-week field "FUNDAY" is not a value (0–7 or SUN–SAT)'],
  ["a scaling schedule of six fields", () => edit('"0 8 * * MON-FRI"', '"0 8 * * ? *"'),
    "web.scaling.schedules[0].cron", "has 6 fields, not 5"],
  ["a step on a single value (crontab steps follow * or a range)", () => edit('"0 8 * * MON-FRI"', '"5/10 * * * *"'),
    "web.scaling.schedules[0].cron", "a step follows * or a range"],
  ["a backup schedule of junk fields", () => edit('"cron(0 3 * * ? *)"', '"cron(a b c d e f)"'),
    "backup.schedule", 'the minutes field "a" is not a value (0–59)'],
  ["a backup schedule without ?", () => edit('"cron(0 3 * * ? *)"', '"cron(0 3 * * * *)"'),
    "backup.schedule", "exactly one of them must be ?"],
  ["a backup schedule in a year AWS does not have", () => edit('"cron(0 3 * * ? *)"', '"cron(0 3 * * ? 2300)"'),
    "backup.schedule", 'the year field "2300" is outside 1970–2199'],
  ["a backup schedule every five minutes", () => edit('"cron(0 3 * * ? *)"', '"cron(*/5 * * * ? *)"'),
    "backup.schedule", 'the minutes field "*/5" runs backups less than 60 minutes apart, which AWS Backup refuses'],
  ["a backup schedule twice an hour", () => edit('"cron(0 3 * * ? *)"', '"cron(0,30 * * * ? *)"'),
    "backup.schedule", 'the minutes field "0,30" runs backups less than 60 minutes apart'],
  ["a restore test schedule with day-of-week 8", () => edit('{ schedule: "cron(0 3 * * ? *)" }', '{ restoreTesting: { schedule: "cron(0 5 ? * 8 *)" } }'),
    "backup.restoreTesting.schedule", 'the day-of-week field "8" is outside 1–7'],
  ["a time zone that does not exist", () => edit("timeZone: Europe/Stockholm", "timeZone: Mars/Olympus_Mons"),
    "web.scaling.schedules[0].timeZone", '"Mars/Olympus_Mons" is not an IANA time zone'],
  ["a time zone spelt in the wrong case", () => edit("timeZone: Europe/Stockholm", "timeZone: europe/stockholm"),
    "web.scaling.schedules[0].timeZone", '"europe/stockholm" is spelled Europe/Stockholm in the IANA time zone database'],
  // Records and addresses.
  ["an A record that is not an address", () => edit("content: 192.0.2.10", "content: not-an-ip-address"),
    "edge.records[0].content", '"not-an-ip-address" is not an IPv4 address'],
  ["an A record with an octet above 255", () => edit("content: 192.0.2.10", "content: 192.0.2.300"),
    "edge.records[0].content", '"192.0.2.300" is not an IPv4 address'],
  ["an AAAA record of text", () => edit('content: "2001:db8::10"', "content: hello"),
    "edge.records[1].content", '"hello" is not an IPv6 address'],
  ["a CNAME to an address", () => edit("content: acme.gitbook.io", "content: 192.0.2.10"),
    "edge.records[2].content", "a CNAME points at a host name (use an A or AAAA record for an address)"],
  ["a CNAME to something that is not a host name", () => edit("content: acme.gitbook.io", 'content: "not a host!"'),
    "edge.records[2].content", '"not a host!" is not a host name'],
  ["an MX to something that is not a host name", () => edit("content: mx.acme.example", "content: 192.0.2.10"),
    "edge.records[3].content", "must be a mail server's host name"],
  ["a TXT record over two lines", () => edit('content: "v=spf1 -all"', 'content: "v=spf1\\n-all"'),
    "edge.records[4].content", "a TXT record is one line of text"],
  ["an A record on a web hostname", () => edit("{ type: A, name: mail,", "{ type: A, name: www,"),
    "edge.records[0].name", '"www" is a web hostname already'],
  ["an allowlist entry that is no address", () => edit("allow: [203.0.113.7,", "allow: [999.999.1.1/99,"),
    "edge.waf.adminPaths[0].allow[0]", '"999.999.1.1/99" is not an IP address or CIDR block'],
  ["an allowlist prefix longer than the address", () => edit("allow: [203.0.113.7,", "allow: [203.0.113.0/33,"),
    "edge.waf.adminPaths[0].allow[0]", "an IPv4 block is /0 to /32"],
  ["an IPv4 allowlist of the whole internet", () => edit("allow: [203.0.113.7,", "allow: [0.0.0.0/0,"),
    "edge.waf.adminPaths[0].allow[0]", '"0.0.0.0/0" is the whole internet'],
  ["an IPv6 allowlist of the whole internet", () => edit('"2001:db8::/32"', '"::/0"'),
    "edge.waf.adminPaths[0].allow[2]", '"::/0" is the whole internet'],
  ["an IPv4 allowlist of the whole internet in two halves", () => edit("allow: [203.0.113.7, 198.51.100.0/24,", "allow: [0.0.0.0/1, 128.0.0.0/1,"),
    "edge.waf.adminPaths[0].allow[1]", '"128.0.0.0/1" is a /1 block, a large share of the internet; an allowlist holds IPv4 addresses and blocks of /8 to /32'],
  ["an IPv4 allowlist block shorter than /8", () => edit("allow: [203.0.113.7,", "allow: [192.0.0.0/7,"),
    "edge.waf.adminPaths[0].allow[0]", "blocks of /8 to /32"],
  ["an IPv6 allowlist of the whole internet in two halves", () => edit('"2001:db8::/32"', '"::/1", "8000::/1"'),
    "edge.waf.adminPaths[0].allow[3]", '"8000::/1" is a /1 block, a large share of the internet; an allowlist holds IPv6 addresses and blocks of /16 to /128'],
  ["an IPv6 allowlist block shorter than /16", () => edit('"2001:db8::/32"', '"2000::/15"'),
    "edge.waf.adminPaths[0].allow[2]", "blocks of /16 to /128"],
  ["an allowlist of the IPv4-mapped IPv6 range", () => edit('"2001:db8::/32"', '"::ffff:0:0/96"'),
    "edge.waf.adminPaths[0].allow[2]", '"::ffff:0:0/96" is in the IPv4-mapped IPv6 range ::ffff:0:0/96'],
  ["an allowlist block that holds the IPv4-mapped range", () => edit('"2001:db8::/32"', '"::/64"'),
    "edge.waf.adminPaths[0].allow[2]", "is in the IPv4-mapped IPv6 range"],
  ["an IPv4-mapped IPv6 address", () => edit('"2001:db8::/32"', '"::ffff:203.0.113.7"'),
    "edge.waf.adminPaths[0].allow[2]", "write IPv4 addresses and blocks as IPv4"],
  ["more web hostnames than one certificate carries", () => edit('hostnames: ["@", www]', `hostnames: ["@", ${Array.from({ length: 10 }, (_, i) => `h${i}`).join(", ")}]`),
    "edge.hostnames", "lists 11 hostnames, and the load balancer's ACM certificate carries at most 10 domain names"],
  // The application's environment.
  ["an env name that is also a secret", () => edit(EMPTY_ENV, 'env: { DB_PASSWORD: "x" }'),
    "web.app.env.DB_PASSWORD", "is also in web.app.secrets"],
  ["an env name the media section sets", () => edit(EMPTY_ENV, "env: { MEDIA_BUCKET: mine }"),
    "web.app.env.MEDIA_BUCKET", "is set by the platform from the media section"],
  ["an env name the mail section sets", () => edit(EMPTY_ENV, "env: { MAIL_REGION: eu-west-1 }"),
    "web.app.env.MAIL_REGION", "is set by the platform from the mail section"],
  ["an env name a partner's export sets", () => edit(EMPTY_ENV, "env: { EXCHANGE_FROM_SHOP_BUCKET: mine }"),
    "web.app.env.EXCHANGE_FROM_SHOP_BUCKET", "is set by the platform from the exchange (a partner's export bucket) section"],
  ["a secret name the cache section sets", () => edit('secrets: { DB_PASSWORD: "ssm:/acme/db-password" }', 'secrets: { CACHE_AUTH_TOKEN: "ssm:/acme/token" }'),
    "web.app.secrets.CACHE_AUTH_TOKEN", "is set by the platform from the cache section"],
  ["an env name of AWS credentials", () => edit(EMPTY_ENV, "env: { AWS_SECRET_ACCESS_KEY: abc }"),
    "web.app.env.AWS_SECRET_ACCESS_KEY", "is named like a credential; plain env values are readable in the plan and the launch template: reference a secret under web.app.secrets"],
  ["an env value that is a Stripe secret key", () => edit(EMPTY_ENV, "env: { PAYMENTS: sk_live_51HqLyjWDarjtT1zdp7dc }"),
    "web.app.env.PAYMENTS", "holds what looks like a Stripe secret key"],
  ["an env value that is an AWS access key id", () => edit(EMPTY_ENV, "env: { UPLOADER: AKIAIOSFODNN7EXAMPLE }"),
    "web.app.env.UPLOADER", "holds what looks like an AWS access key id"],
  ["an env value that is a private key", () => edit(EMPTY_ENV, 'env: { SIGNING: "-----BEGIN RSA PRIVATE KEY----- MIIE" }'),
    "web.app.env.SIGNING", "holds what looks like a private key"],
  ["an env value with a password in a URL", () => edit(EMPTY_ENV, 'env: { BROKER: "amqp://app:hunter2@mq.acme.example/" }'),
    "web.app.env.BROKER", "holds what looks like a URL with a password in it"],
  ["an env value with a NUL character", () => edit(EMPTY_ENV, 'env: { A: "x\\0y" }'),
    "web.app.env.A", "holds a NUL character, which an env file cannot carry"],
  ["env values within 4,096 characters each that overflow EC2's 16 KB of user data", () => edit(EMPTY_ENV, `env: { ${Array.from({ length: 6 }, (_, i) => `V${i}: ${"x".repeat(4000)}`).join(", ")} }`),
    "web.app.env", "of the instance user data; EC2 takes at most 16384 bytes of user data"],
  // Records that Cloudflare refuses beside each other (81053, 81054).
  ["two CNAME records on one name", () => edit(RECORD, `${RECORD}\n    - { type: CNAME, name: docs, content: other.example.net }`),
    "edge.records[3].name", '"docs" has a CNAME record already (edge.records[2]); a name with a CNAME carries no other record'],
  ["an A record on a CNAME's name", () => edit(RECORD, `${RECORD}\n    - { type: A, name: docs, content: 192.0.2.20 }`),
    "edge.records[3].name", '"docs" has a CNAME record already (edge.records[2])'],
  ["a TXT record on a CNAME's name", () => edit(RECORD, `${RECORD}\n    - { type: TXT, name: docs, content: hello }`),
    "edge.records[3].name", '"docs" has a CNAME record already (edge.records[2])'],
  ["a CNAME on the name of an A record", () => edit(RECORD, `${RECORD}\n    - { type: CNAME, name: mail, content: mail.example.net }`),
    "edge.records[3].name", '"mail" has a record already (A, edge.records[0]); a CNAME cannot share its name with another record'],
  ["a record name written in full", () => edit("name: docs,", "name: docs.acme.example,"),
    "edge.records[2].name", 'record names are relative to edge.zone: write "docs" instead of "docs.acme.example"'],
  ["a web hostname's record name written in full", () => edit(RECORD, `${RECORD}\n    - { type: A, name: www.acme.example, content: 192.0.2.20 }`),
    "edge.records[3].name", 'record names are relative to edge.zone: write "www" instead of "www.acme.example"'],
  // RDS windows (CreateDBInstance: at least 30 minutes, backup and maintenance apart).
  ["a backup window of ten minutes", () => edit(DATABASE, DATABASE.replace(" }", ', backup: { window: "02:00-02:10" } }')),
    "database.backup.window", '"02:00-02:10" lasts 10 minutes; RDS needs a backup window of at least 30'],
  ["a maintenance window of ten minutes", () => edit(DATABASE, DATABASE.replace(" }", ', backup: { maintenanceWindow: "sun:05:00-sun:05:10" } }')),
    "database.backup.maintenanceWindow", '"sun:05:00-sun:05:10" lasts 10 minutes; RDS needs a maintenance window of at least 30'],
  ["a backup window overlapping the default maintenance window", () => edit(DATABASE, DATABASE.replace(" }", ', backup: { window: "03:00-04:00" } }')),
    "database.backup.window", '"03:00-04:00" overlaps the maintenance window "sun:03:30-sun:04:30"'],
  ["a backup window past midnight overlapping a maintenance window across the week's end", () => edit(DATABASE, DATABASE.replace(" }", ', backup: { window: "23:30-00:30", maintenanceWindow: "sun:23:50-mon:00:20" } }')),
    "database.backup.window", "overlaps the maintenance window"],
  // PostgreSQL reserves role names starting with pg_; the application users are named after the database.
  ["a PostgreSQL database named pg_...", () => edit(DATABASE, 'database: { engine: postgres, version: "16", instanceClass: db.t4g.medium, name: pg_shop }'),
    "database.name", '"pg_shop" starts with pg_: the application users and their owner role are named after the database (pg_shop_a, pg_shop_b, pg_shop_owner), and PostgreSQL reserves role names starting with pg_'],
  // Images.
  ["an image without a tag or digest", () => edit("image: ghcr.io/acme/site:1.4", "image: ghcr.io/acme/site"),
    "web.app.image", '"ghcr.io/acme/site" has no tag or digest'],
  ["an image on a registry port without a tag", () => edit("image: ghcr.io/acme/site:1.4", "image: registry.acme.example:5000/site"),
    "web.app.image", '"registry.acme.example:5000/site" has no tag or digest'],
  ["an image in an ECR registry of the China partition", () => edit("image: ghcr.io/acme/site:1.4", "image: 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/acme/site:1.4"),
    "web.app.image", "is in an ECR registry of the AWS China partition (amazonaws.com.cn); the platform deploys to the aws partition only"],
  // How the file is written.
  ["a key with a Cyrillic look-alike letter", () => edit("  region: eu-central-1", "  reg\u0456on: eu-central-1"),
    "aws.reg\u0456on", 'it looks like "region" but holds "\u0456" (U+0456) instead of plain letters'],
  ["a key with a full-width letter", () => edit("  cidr: 10.20.0.0/16", "  \uff43idr: 10.20.0.0/16"),
    "network.\uff43idr", 'it looks like "cidr" but holds "\uff43" (U+FF43) instead of plain letters'],
  ["a merge key", () => `base: &base { region: eu-central-1 }\n${edit("aws:\n  region: eu-central-1", "aws:\n  <<: *base")}`,
    "aws.<<", "YAML merge keys (<<) are not supported"],
  ["nesting deeper than any section", () => `${BASE}tags: ${"[".repeat(3000)}${"]".repeat(3000)}\n`,
    "", "nests deeper than a tenant file can (at most 16 levels of mappings and lists)"],
  ["block nesting deeper than any section", () => `${BASE}tags:\n${Array.from({ length: 40 }, (_, i) => `${"  ".repeat(i + 1)}k${i}:`).join("\n")} v\n`,
    "", "nests deeper than a tenant file can"],
];

describe("tenant file values the cloud would refuse", () => {
  it("accepts the base file they are all made from", () => {
    expect(formatIssues(issuesOf(BASE))).toBe("");
  });

  it.each(REFUSED)("refuses %s", (_what, yaml, path, message) => {
    const issues = issuesOf(yaml());
    const at = issues.filter((issue) => issue.path === path);
    expect(at.map((issue) => issue.message).join("\n"), formatIssues(issues)).toContain(message);
    for (const issue of issues) expect(issue.line).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ["cron names, lists, ranges and steps", () => edit('"0 8 * * MON-FRI"', '"*/15 6-22/2 1,15 jan-jun 0,7"')],
    ["AWS cron with L, W and #", () => edit('"cron(0 3 * * ? *)"', '"cron(30 2 ? * 6#3 *)"')],
    ["an hourly backup schedule", () => edit('"cron(0 3 * * ? *)"', '"cron(15 * ? * * *)"')],
    ["a time zone alias and UTC", () => edit("timeZone: Europe/Stockholm", "timeZone: Etc/GMT+9")],
    ["RDS windows of 30 minutes, past midnight, apart", () => edit(DATABASE, DATABASE.replace(" }", ', backup: { window: "23:45-00:15", maintenanceWindow: "sun:00:30-sun:01:00" } }'))],
    ["a MySQL database named pg_shop (the reservation is PostgreSQL's)", () => edit(DATABASE, DATABASE.replace(" }", ", name: pg_shop }"))],
    ["application users rotated with open sessions allowed", () => edit(DATABASE, DATABASE.replace(" }", ", appUsers: { rotation: 2, allowOpenSessions: true } }"))],
    ["a PostgreSQL database named Pg_shop (the reservation is case-sensitive)", () => edit(DATABASE, 'database: { engine: postgres, version: "16", instanceClass: db.t4g.medium, name: Pg_shop }')],
    ["an image pinned by digest", () => edit("image: ghcr.io/acme/site:1.4", `image: ghcr.io/acme/site@sha256:${"a".repeat(64)}`)],
    ["an image on a registry port with a tag", () => edit("image: ghcr.io/acme/site:1.4", "image: registry.acme.example:5000/site:2.0")],
    ["a TXT and an MX record at the apex, which is also a web hostname", () => edit("{ type: MX, content:", "{ type: MX, name: \"@\", content:")],
    ["allowlist blocks of /8 and /16, and an address next to the IPv4-mapped range", () => edit('allow: [203.0.113.7, 198.51.100.0/24, "2001:db8::/32"]', 'allow: [10.0.0.0/8, "2001::/16", "::fffe:0:0/96", "::1"]')],
    ["a wildcard instead of many hostnames", () => edit('hostnames: ["@", www]', 'hostnames: ["@", "*"]')],
    ["many hostnames on a certificate of one's own", () => edit('hostnames: ["@", www]', `hostnames: ["@", ${Array.from({ length: 10 }, (_, i) => `h${i}`).join(", ")}]`)
      .replace("  instanceType: t4g.small", "  instanceType: t4g.small\n  loadBalancer: { certificateArn: arn:aws:acm:eu-central-1:123456789012:certificate/0d9f5a43-2b7e-4c1a-9e55-7c1f0e6a8b21 }")],
  ])("accepts %s", (_what, yaml) => {
    expect(formatIssues(issuesOf(yaml()))).toBe("");
  });
});
