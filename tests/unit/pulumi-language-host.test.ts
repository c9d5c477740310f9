/**
 * `pulumi up` runs the program as is: loaded the way Pulumi's Node.js language host loads a
 * TypeScript program (ts-node with the project's TypeScript and tsconfig, type-checking, entry
 * point from Pulumi.yaml), it runs and produces the stack outputs.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { listTenantIds } from "../../stacks/spec/tenant-files";

describe("the Pulumi program under the Node.js language host's TypeScript setup", () => {
  it("type-checks, loads from Pulumi.yaml main and returns the stack outputs", () => {
    const output = execFileSync(process.execPath, ["tests/helpers/pulumi-language-host.cjs", process.cwd(), "example"], {
      encoding: "utf8",
    });
    const summary = JSON.parse(output.trim().split("\n").pop()!);
    expect(summary.typescript).toMatch(/^5\./);
    expect(summary.tsNode).toMatch(/^10\./);
    expect(summary.resources).toBeGreaterThan(30);
    expect(summary.outputs).toEqual([
      "alertTopicArn", "availabilityZones", "backupBucket", "backupVaultArn", "cacheAuthSecretArn", "cacheEndpoint", "cutoverNote", "dashboard", "databaseEndpoint", "databaseReaderAddresses",
      "databaseSecretArn", "hostnames", "isolatedSubnetIds", "kmsKeyArn", "loadBalancerDnsName", "nameServers", "natPublicIps", "nextStep",
      "privateSubnetIds", "publicSubnetIds", "region", "tenantId", "vpcId", "zone", "zoneId",
    ]);
  });

  it("refuses an unknown stack with the list of tenants, not a stack trace", () => {
    let stderr = "";
    try {
      execFileSync(process.execPath, ["tests/helpers/pulumi-language-host.cjs", process.cwd(), "nope"], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      stderr = (error as { stderr: string }).stderr;
    }
    expect(stderr.trim()).toBe(`stack "nope" has no tenant file tenants/nope.yaml; the stack name is the tenant id. Known tenants: ${listTenantIds("tenants").join(", ")}`);
  });
});
