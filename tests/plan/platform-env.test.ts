/**
 * The list of variables the platform sets in the application container (tenant-schema/platform-env.ts)
 * is exactly what a planned tenant's instances receive: every name the user data sets that the
 * tenant file did not write is reserved, and every reserved name is set.
 */
import { writtenFiles } from "../../components/web-tier/cloud-config-files";
import { afterAll, describe, expect, it } from "vitest";
import { importEnvName, IMPORT_ENV_PATTERN } from "../../components/data-exchange/exchange-names";
import { planTenant } from "../../tools/plan/run-plan";
import { CACHE_ENV, DATABASE_ENV, EXCHANGE_EXPORT_ENV, MAIL_ENV, MEDIA_ENV, platformSectionOf, WEB_ENV } from "../../tenant-schema/platform-env";
import { QUEUE_NAME_ENV, QUEUE_URL_ENV } from "../../components/web-tier/worker-queue";
import { featureTenantYaml } from "../helpers/feature-tenant";
import { removeTempFolders, tempFolder, writeTenant } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

const EVERYTHING = [
  "database: { engine: mysql, version: \"8.0\", instanceClass: db.t4g.medium }",
  "cache: { nodeType: cache.t4g.small }",
  "media: {}",
  "mail: {}",
];

/** Names set in a launch template's container: plain env file lines and resolved secrets. */
function containerNames(userDataBase64: string): string[] {
  const files = writtenFiles(Buffer.from(userDataBase64, "base64").toString("utf8"));
  const plain = files["/etc/tenant/app.env"]!.split("\n").filter(Boolean).map((line) => line.split("=")[0]!);
  const secrets = Object.values(files).flatMap((content) => [...content.matchAll(/^resolve_secret (\S+) /gm)].map((m) => m[1]!));
  return [...plain, ...secrets];
}

describe("variables the platform sets in the container", () => {
  it("are the reserved list, section by section", async () => {
    const dir = tempFolder();
    const alpha = featureTenantYaml({ account: "111111111111", zone: "alpha.example", partners: ["beta"], extra: EVERYTHING })
      .replace("  app: { image: ghcr.io/acme/site:1.4, port: 8080 }", "  app: { image: ghcr.io/acme/site:1.4, port: 8080, env: { APP_ENV: production } }\n  workers: { command: [worker] }");
    writeTenant(dir, "alpha", alpha);
    writeTenant(dir, "beta", featureTenantYaml({ account: "222222222222", zone: "beta.example", cidr: "10.30.0.0/16", partners: ["alpha"] }));
    const plan = await planTenant("alpha", dir);
    const templates = plan.resources.filter((r) => r.type === "aws:ec2/launchTemplate:LaunchTemplate");
    expect(templates.length).toBe(2);
    const set = new Set(templates.flatMap((t) => containerNames(t.inputs["userData"] as string)));
    set.delete("APP_ENV"); // the file's own
    const spec = { database: {}, cache: {}, media: {}, mail: {}, exchange: {}, web: { workers: {} } };
    expect([...set].filter((name) => !platformSectionOf(name, spec))).toEqual([]);
    const reserved = [...DATABASE_ENV, ...CACHE_ENV, ...MEDIA_ENV, ...MAIL_ENV, ...EXCHANGE_EXPORT_ENV, ...WEB_ENV, QUEUE_URL_ENV, QUEUE_NAME_ENV, importEnvName("beta")];
    expect(reserved.filter((name) => !set.has(name))).toEqual([]);
  });

  it("include every partner's export variable", () => {
    for (const id of ["beta", "lionsbase-south", "a1-b2"]) expect(IMPORT_ENV_PATTERN.test(importEnvName(id)), id).toBe(true);
  });
});
