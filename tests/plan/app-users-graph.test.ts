/**
 * The application users (alternating users) in a planned tenant: the function in the database's
 * subnets reaching the database, invoked after it, the instances reading the secret after its
 * version, the flow to the database; and a rotation as the update simulation plays it: nothing
 * stateful replaced, the secret's version written after the invocation. What AppUsers does with
 * its args is tested alone (tests/components/app-users.test.ts).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALL_RULES } from "../../policies/all-rules";
import { planStackResources } from "../../policies/plan-view";
import { reachability } from "../../policies/reachability/flows";
import { runRules } from "../../policies/run-offline";
import { main } from "../../tools/cli/plan";
import type { TenantPlan } from "../../policies/plan-types";
import { disruptionWarnings } from "../../tools/plan/disruption-warnings";
import { simulateUpdate, type SimulatedChange } from "../../tools/plan/update-simulation";
import { dataTenantYaml, MYSQL } from "../helpers/data-tenant";
import { editPlan } from "../helpers/edit-plan";
import { idOf, named } from "../helpers/plan-queries";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";
import { tenantRepository } from "../helpers/tenant-repository";

afterAll(removeTempFolders);

const withRotation = (rotation: number, engine = MYSQL) => dataTenantYaml([...engine, `appUsers: { rotation: ${rotation} }`]);

/** The MySQL tenant's plan, shared by the tests that read one plan without changing it. */
let plan: TenantPlan;
beforeAll(async () => {
  plan = await planYaml("acme", dataTenantYaml(MYSQL));
});

describe("the application users' function", () => {
  it("runs in the database's subnets, reaches the database's group on its port, and is named after the tenant", () => {
    const fn = named(plan, "aws:lambda/function:Function", "acme-db-app-fn");
    const group = named(plan, "aws:ec2/securityGroup:SecurityGroup", "acme-db-app-fn");
    const dbSubnetGroup = named(plan, "aws:rds/subnetGroup:SubnetGroup", "acme-db");
    expect(fn.inputs).toMatchObject({
      name: "acme-db-app-users",
      vpcConfig: { securityGroupIds: [idOf(plan, group)], subnetIds: dbSubnetGroup.inputs["subnetIds"] },
    });
    expect(named(plan, "aws:iam/role:Role", "acme-db-app-fn").inputs["permissionsBoundary"]).toEqual(expect.stringMatching(/^arn:aws:iam::123456789012:policy\//));
    // Its only way out: the database port, to the database's group.
    const egress = ofType(plan, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => r.inputs["securityGroupId"] === idOf(plan, group));
    expect(egress.map((r) => [r.inputs["fromPort"], r.inputs["toPort"], r.inputs["referencedSecurityGroupId"]]))
      .toEqual([[3306, 3306, idOf(plan, named(plan, "aws:ec2/securityGroup:SecurityGroup", "acme-db"))]]);
  });

  it("is a flow of the reachability model to the writer: open, and missing when the database stops admitting it", () => {
    const { flows, unintended } = reachability(planStackResources(plan));
    expect(flows.filter((f) => f.from === "acme-db-app-fn").map((f) => `${f.status} ${f.to} ${f.port}`)).toEqual(["open acme-db 3306"]);
    expect(unintended).toEqual([]);
    const broken = { ...plan, resources: plan.resources.filter((r) => r.name !== "acme-db-app-db-from-fn") };
    const findings = runRules(broken, ALL_RULES).filter((v) => v.rule === "network-reachability").map((v) => v.message);
    expect(findings).toContain("acme-db-app-fn cannot reach acme-db on tcp/3306: acme-db's security groups admit no tcp/3306 from acme-db-app-fn");
  });

  it("is invoked after the database, and the instances read the secret only after its version is written", () => {
    const invocation = named(plan, "aws:lambda/invocation:Invocation", "acme-db-app-rotation");
    const db = named(plan, "aws:rds/instance:Instance", "acme-db");
    expect(plan.propertyDependencies[invocation.urn]!["input"]).toContain(db.urn);
    const version = named(plan, "aws:secretsmanager/secretVersion:SecretVersion", "acme-db-app-secret");
    // The instances read the secret through its version: their launch template waits for it.
    const template = named(plan, "aws:ec2/launchTemplate:LaunchTemplate", "acme-web");
    expect(Object.values(plan.propertyDependencies[template.urn]!).flat()).toContain(version.urn);
  });
});

async function update(before: string, after: string) {
  const { dir, file } = tenantRepository(before, after);
  const json = path.join(dir, "plan.json");
  const err: string[] = [];
  const code = await main(["acme", "--dir", path.dirname(file), "--base", "HEAD", "--json", json, "--quiet"], { out: () => undefined, err: (t) => err.push(t) });
  let changes: SimulatedChange[] = [];
  try {
    changes = (JSON.parse(readFileSync(json, "utf8")) as { changes: SimulatedChange[] }).changes;
  } catch {
    // no plan written
  }
  return { code, changes, err: err.join("\n").replaceAll(`${dir}/`, "") };
}

describe("a rotation (database.appUsers.rotation + 1)", () => {
  it("draws the other user's password, creates the function anew (Active, however long it was idle), invokes it, then writes the secret; nothing stateful is replaced", async () => {
    const result = await update(withRotation(0), withRotation(1));
    expect(result).toMatchObject({ code: 0, err: "" });
    const lines = result.changes.map((c) => `${c.step} ${c.type} ${c.name}`);
    // In the order of each one's first step: the invocation's old record goes first (it depends on the function).
    expect(lines).toEqual([
      "replace random:index/randomPassword:RandomPassword acme-db-app-b",
      "replace aws:lambda/invocation:Invocation acme-db-app-rotation",
      "replace aws:lambda/function:Function acme-db-app-fn",
      "replace aws:secretsmanager/secretVersion:SecretVersion acme-db-app-secret",
      // The secret's ARN reaches the instances through the version's id (unknown in the preview
      // while the version is replaced), so the preview shows them changing.
      "update aws:iam/rolePolicy:RolePolicy acme-instances",
      "update aws:ec2/launchTemplate:LaunchTemplate acme-web",
      "update aws:autoscaling/group:Group acme-web",
    ]);
    // Only unknowns: the ARN itself does not change, so the real update finds them the same.
    for (const change of result.changes.slice(4)) expect(change.values?.map((v) => v.after)).toEqual(change.fields.map(() => "[unknown]"));
    // A new secret value is a new version (secret_string is ForceNew), created before the old one is deleted.
    expect(result.changes.find((c) => c.name === "acme-db-app-secret")).toMatchObject({ mode: "create-before-delete", fields: ["secretString"] });
    // A create waits for the function to be Active; an update would not (the provider's function.go).
    expect(result.changes.find((c) => c.name === "acme-db-app-fn")).toMatchObject({
      mode: "delete-before-replace", fields: ["description"], reason: expect.stringContaining("replaceOnChanges"),
    });
    expect(result.changes.filter((c) => c.stateful)).toEqual([]);
    // The user the instances hold (app_a) keeps its password.
    expect(lines).not.toContain("replace random:index/randomPassword:RandomPassword acme-db-app-a");
  });

  it("is refused when it skips a step or goes back", async () => {
    for (const [from, to] of [[0, 2], [3, 2]] as const) {
      const result = await update(withRotation(from), withRotation(to));
      expect(result.code, `${from} -> ${to}`).not.toBe(0);
      expect(result.err).toContain(`database.appUsers.rotation: goes from ${from} to ${to}; a deploy may raise it by one only (to ${from + 1})`);
    }
  });
});

describe("the tenant file", () => {
  it("refuses a master user named like an application user", async () => {
    await expect(planYaml("acme", dataTenantYaml([...MYSQL, "name: shop", "username: shop_b"]))).rejects.toThrow(/database\.username: "shop_b" is the name of an application user or of their owner role \(shop_a, shop_b, shop_owner\)/);
  });
});

/**
 * The deploy that brings the application users to a database deployed before them. The state of
 * that earlier deploy is the plan of the same tenant file without the AppUsers component, whose
 * instance role could read the master secret (the instances connected as the master user) and
 * whose launch template named it: the simulation compares programs, so this is the one place a
 * test gives it an older program's state.
 */
describe("the first deploy with the application users (migration)", () => {
  it("updates the instance role before the group has replaced its instances: the window in which an old instance cannot re-read its secrets", () => {
    const appUsers = (urn: string) => urn.includes("$tenant-platform:database:AppUsers") || urn.endsWith("tenant-platform:database:AppUsers::acme-db-app");
    const appSecretArn = plan.ids[named(plan, "aws:secretsmanager/secret:Secret", "acme-db-app-secret").urn]!;
    const masterSecretArn = plan.ids[named(plan, "aws:secretsmanager/secret:Secret", "acme-db-master").urn]!;
    const withoutAppUsers = editPlan(plan, (r) => appUsers(r.urn), () => undefined);
    const masterSecretRole = editPlan(withoutAppUsers, { type: "aws:iam/rolePolicy:RolePolicy", name: "acme-instances" }, (inputs) => ({ ...inputs, policy: String(inputs["policy"]).replaceAll(appSecretArn, masterSecretArn) }));
    const base = editPlan(masterSecretRole, { type: "aws:ec2/launchTemplate:LaunchTemplate", name: "acme-web" }, (inputs) => ({ ...inputs, userData: "user data naming the master secret" }));
    const { changes, steps } = simulateUpdate(base, plan);
    expect(changes.filter((c) => c.step === "create").map((c) => c.name)).toEqual(expect.arrayContaining(["acme-db-app-fn", "acme-db-app-rotation", "acme-db-app-secret"]));
    const policy = changes.find((c) => c.name === "acme-instances" && c.type === "aws:iam/rolePolicy:RolePolicy")!;
    // The master secret leaves the role in this very deploy ...
    expect(policy).toMatchObject({ step: "update", fields: ["policy"] });
    expect(String(policy.values![0]!.before)).toContain(masterSecretArn);
    expect(String(policy.values![0]!.after)).not.toContain(masterSecretArn);
    // ... once the application secret has its first version, beside the launch template, and
    // before the group is updated, which only starts the instance refresh.
    const at = (type: string, name: string) => steps.findIndex((s) => s.urn === named(plan, type, name).urn);
    expect(at("aws:iam/rolePolicy:RolePolicy", "acme-instances")).toBeGreaterThan(at("aws:secretsmanager/secretVersion:SecretVersion", "acme-db-app-secret"));
    expect(at("aws:iam/rolePolicy:RolePolicy", "acme-instances")).toBeLessThan(at("aws:autoscaling/group:Group", "acme-web"));
    const warnings = disruptionWarnings({ base, plan, changes });
    expect(warnings.map((w) => w.message).join("\n")).toMatch(/acme-web gets a new version .* so pulumi up starts an instance refresh: every instance is replaced .* It starts when the group is updated and goes on after pulumi up returns/s);
  });
});
