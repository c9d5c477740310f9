/**
 * The offline plan refuses what `pulumi up` would refuse: a URN registered twice (the engine) and
 * a physical name its resource type does not accept (the AWS provider), without repairing either.
 */
import { ALL_RULES } from "../../policies/all-rules";
import { declarationsFromSpec } from "../../policies/declarations";
import { runRules } from "../../policies/run-offline";
import { parseTenant } from "../../tenant-schema/load-tenant";
import type { TenantSpec } from "../../tenant-schema/tenant-schema";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, describe, expect, it } from "vitest";
import { mockResourceState } from "../../tools/plan/mock-fixtures";
import { NAME_RULES, physicalName } from "../../tools/plan/physical-names";
import { PlanRefusedError } from "../../tools/plan/refusals";
import { planProgram, planTenant, PROJECT } from "../../tools/plan/run-plan";
import { fullFeatureTenantYaml, LONGEST_TENANT_ID, planFullFeatureTenant } from "../helpers/full-feature-tenant";
import { named } from "../helpers/plan-queries";
import { removeTempFolders } from "../helpers/temp-tenants";

afterEach(removeTempFolders);

async function refusalOf(plan: Promise<unknown>): Promise<PlanRefusedError> {
  const error = await plan.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(PlanRefusedError);
  return error as PlanRefusedError;
}

describe("a program that fails outside its own promise chain", () => {
  it("fails the plan, as the CLI fails the program, instead of planning without the resource", async () => {
    const failed = planProgram("throws", () => {
      const provider = new aws.Provider("aws", { region: "eu-central-1" });
      const first = new aws.sqs.Queue("first", {}, { provider });
      new aws.sqs.Queue("second", { policy: first.arn.apply((): string => { throw new Error("no policy for this queue"); }) }, { provider });
      return Promise.resolve({});
    });
    await expect(failed).rejects.toThrow(`the program failed with an unhandled exception: error serializing property "policy": no policy for this queue`);
  });

  it("plans a program whose outputs all resolve", async () => {
    const plan = await planProgram("resolves", () => {
      const provider = new aws.Provider("aws", { region: "eu-central-1" });
      const first = new aws.sqs.Queue("first", {}, { provider });
      new aws.sqs.Queue("second", { policy: first.arn.apply((arn) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", Principal: "*", Action: "sqs:*", Resource: arn }] })) }, { provider });
      return Promise.resolve({});
    });
    expect(plan.resources.filter((r) => r.type === "aws:sqs/queue:Queue").map((r) => r.name)).toEqual(["first", "second"]);
  });
});

describe("one offline plan at a time", () => {
  it("refuses a plan started while another is running (they would share the runtime's one mock monitor), and plans again once it ends", async () => {
    const queue = (name: string) => () => {
      new aws.sqs.Queue(name, {}, { provider: new aws.Provider("aws", { region: "eu-central-1" }) });
      return Promise.resolve({});
    };
    const first = planProgram("first", queue("a"));
    await expect(planProgram("second", queue("b"))).rejects.toThrow("one offline plan at a time per process: 'second' was started while 'first' is still running");
    expect((await first).resources.map((r) => r.name)).toContain("a");
    expect((await planProgram("third", queue("c"))).resources.map((r) => r.name)).toContain("c");
  });
});

describe("the stack's configuration", () => {
  it("is each plan's own: a plan after a tenant's plan in the same process does not see the tenant's settings", async () => {
    const tenantsDir = () => Promise.resolve({ tenantsDir: new pulumi.Config(PROJECT).get("tenantsDir") ?? "unset" });
    await planTenant("example", "samples");
    expect((await planProgram("bare", tenantsDir)).outputs).toEqual({ tenantsDir: "unset" });
    expect((await planProgram("set", tenantsDir, { config: { values: { [`${PROJECT}:tenantsDir`]: "elsewhere" } } })).outputs).toEqual({ tenantsDir: "elsewhere" });
  });
});

describe("duplicate URNs", () => {
  it("are refused with the engine's message, as `pulumi up` refuses them", async () => {
    const error = await refusalOf(planProgram("dup", () => {
      const provider = new aws.Provider("aws", { region: "eu-central-1" });
      new aws.sns.Topic("alerts", {}, { provider });
      new aws.sns.Topic("alerts", { displayName: "second" }, { provider });
      return Promise.resolve({});
    }));
    expect(error.reasons).toEqual([
      "Duplicate resource URN 'urn:pulumi:dup::tenant-platform::aws:sns/topic:Topic::alerts'; try giving it a unique name",
    ]);
  });

  it("count the parent's type chain, as the engine does: the same name under two parents is no duplicate", async () => {
    const plan = await planProgram("dup", () => {
      const provider = new aws.Provider("aws", { region: "eu-central-1" });
      const parent = new aws.sns.Topic("alerts", {}, { provider });
      new aws.sns.TopicPolicy("alerts", { arn: parent.arn, policy: "{}" }, { provider, parent });
      new aws.sns.TopicPolicy("alerts", { arn: parent.arn, policy: "{}" }, { provider });
      return Promise.resolve({});
    });
    expect(plan.resources.filter((r) => r.name === "alerts")).toHaveLength(3);
  });
});

describe("physical names", () => {
  it("are never shortened by the mocks: an over-long load balancer name is refused as the provider refuses it", () => {
    const refusals: string[] = [];
    const { state } = mockResourceState("aws:lb/loadBalancer:LoadBalancer", "northwind-traders-production-alb", {}, "eu-central-1", (r) => refusals.push(r));
    expect(state["name"]).toMatch(/^northwind-traders-production-alb-[0-9a-f]{7}$/);
    expect(state["dnsName"]).toContain(state["name"] as string);
    expect(refusals).toEqual([expect.stringContaining("name \"northwind-traders-production-alb-")]);
    expect(refusals[0]).toContain("must be 1 to 32 characters long (it has 40)");
  });

  it("refuse a target group the bridge cannot auto-name, with the bridge's message", () => {
    const refusals: string[] = [];
    mockResourceState("aws:lb/targetGroup:TargetGroup", "northwind-traders-production-web", {}, "eu-central-1", (r) => refusals.push(r));
    expect(refusals).toEqual([
      "could not make instance of 'aws:lb/targetGroup:TargetGroup': name 'northwind-traders-production-web-' plus 7 random chars is longer than maximum length 32",
    ]);
  });

  it("fail the plan of a program that names a resource beyond its type's limit", async () => {
    const error = await refusalOf(planProgram("names", () => {
      const provider = new aws.Provider("aws", { region: "eu-central-1" });
      new aws.sqs.Queue("jobs", { name: "q".repeat(81) }, { provider });
      return Promise.resolve({});
    }));
    expect(error.reasons).toEqual([expect.stringMatching(/^aws:sqs\/queue:Queue jobs: name "q{81}" must be 1 to 80 characters long \(it has 81\)/)]);
  });
});

/** The tenant file's validated spec (the plan validated it already, against its fleet). */
function loadTenantYaml(yaml: string): TenantSpec {
  const loaded = parseTenant(`${LONGEST_TENANT_ID}.yaml`, Buffer.from(yaml));
  if (!loaded.ok) throw new Error(loaded.issues.map((issue) => issue.message).join("\n"));
  return loaded.tenant.spec;
}

describe("a tenant with the longest id and every section on", () => {
  it.each(["perZone", "none"] as const)("plans with nat: %s, every URN once, load balancer and target group named by the provider within 32", async (nat) => {
    const plan = await planFullFeatureTenant({ nat });
    expect(new Set(plan.resources.map((r) => r.urn)).size).toBe(plan.resources.length);
    const withNames = plan.resources.filter((r) => NAME_RULES[r.type]);
    expect(withNames.length).toBeGreaterThan(60);
    expect(withNames.map((r) => physicalName(r.type, r.name, r.inputs)?.refusal).filter(Boolean)).toEqual([]);
    for (const [type, logical] of [["aws:lb/loadBalancer:LoadBalancer", "-alb"], ["aws:lb/targetGroup:TargetGroup", "-web"]] as const) {
      const resource = named(plan, type, `${LONGEST_TENANT_ID}${logical}`);
      // No fixed name: a replacement gets a name of its own (policies/preflight/replaceable-names.ts).
      expect(resource.inputs["name"]).toBeUndefined();
      expect(resource.inputs["namePrefix"]).toBe("north-");
      const name = physicalName(type, resource.name, resource.inputs)!.name;
      expect(name).toMatch(/^north-\d{18}[0-9a-f]{8}$/);
    }
    // Every rule of the pack (preflight and reachability included), with the file's declarations.
    const loaded = loadTenantYaml(fullFeatureTenantYaml({ nat }));
    const findings = runRules(plan, ALL_RULES, { declared: declarationsFromSpec(loaded) }).filter((v) => v.enforcementLevel === "mandatory");
    expect(findings.map((v) => `${v.rule}: ${v.message}`)).toEqual([]);
  });

  it("plans byte-identically twice (the bridge's random suffixes are seeded)", async () => {
    const first = await planFullFeatureTenant();
    const second = await planFullFeatureTenant();
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});

describe("DB instance ports", () => {
  /** The port and endpoint RDS reports for a primary of `engine` and a read replica of it, neither given a port. */
  async function primaryAndReplica(engine: string): Promise<Record<string, unknown>> {
    const plan = await planProgram("ports", () => {
      const provider = new aws.Provider("aws", { region: "eu-central-1" });
      const primary = new aws.rds.Instance("db", { identifier: "acme-db", engine, instanceClass: "db.t4g.medium", allocatedStorage: 20 }, { provider });
      const replica = new aws.rds.Instance("db-replica", { identifier: "acme-db-replica", replicateSourceDb: primary.identifier, instanceClass: "db.t4g.medium" }, { provider });
      return Promise.resolve({ primaryPort: primary.port, replicaPort: replica.port, replicaEndpoint: replica.endpoint, replicaEngine: replica.engine });
    });
    return plan.outputs;
  }

  it.each([["postgres", 5432], ["mysql", 3306], ["mariadb", 3306]] as const)("follow the engine: a %s primary and its read replica listen on %i, as RDS gives them", async (engine, port) => {
    const outputs = await primaryAndReplica(engine);
    expect(outputs).toMatchObject({ primaryPort: port, replicaPort: port, replicaEngine: engine });
    expect(outputs["replicaEndpoint"]).toMatch(new RegExp(`^acme-db-replica\\..*\\.rds\\.amazonaws\\.com:${port}$`));
  });

  it("keep a port the program sets, on a primary and on a replica", async () => {
    const plan = await planProgram("ports", () => {
      const provider = new aws.Provider("aws", { region: "eu-central-1" });
      const primary = new aws.rds.Instance("db", { identifier: "acme-db", engine: "postgres", port: 6432, instanceClass: "db.t4g.medium", allocatedStorage: 20 }, { provider });
      const inherited = new aws.rds.Instance("r1", { identifier: "acme-db-r1", replicateSourceDb: primary.identifier, instanceClass: "db.t4g.medium" }, { provider });
      const own = new aws.rds.Instance("r2", { identifier: "acme-db-r2", replicateSourceDb: primary.identifier, port: 7432, instanceClass: "db.t4g.medium" }, { provider });
      return Promise.resolve({ primary: primary.port, inherited: inherited.port, own: own.port });
    });
    expect(plan.outputs).toEqual({ primary: 6432, inherited: 6432, own: 7432 });
  });
});
