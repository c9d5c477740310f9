/**
 * The boot estimate and the grace period derived from it: the estimate follows the steps the user
 * data renders, grows with every slower step, the grace period always covers it, and the table in
 * docs/instance-runtime.md is the estimate.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import {
  estimateBoot, gracePeriodFor, instancePace, UNKNOWN_PACKAGE, type BootSteps,
} from "../../components/web-tier/boot-estimate";
import { renderedBootSteps } from "../../components/web-tier/boot-steps";
import { writtenFiles } from "../../components/web-tier/cloud-config-files";
import { PATHS, renderUserData, type UserDataOptions } from "../../components/web-tier/user-data";

const SECRET = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:acme/db-AbCdEf";
const CHECKS = { intervalSeconds: 15, healthyThreshold: 2 };
/** The steps of the instances the docs tabulate: two secrets (the database password and one of the app's). */
const webSteps = (): BootSteps => renderedBootSteps(renderUserData(options("web", 2)), CHECKS);
const workerSteps = (secrets = 2): BootSteps => renderedBootSteps(renderUserData(options("worker", secrets)));

function options(role: "web" | "worker", secrets: number): UserDataOptions {
  return {
    role,
    region: "eu-central-1",
    architecture: "arm64",
    app: { image: "ghcr.io/acme/site:1.4", port: 8080, secrets: Object.fromEntries(Array.from({ length: secrets }, (_, i) => [`SECRET_${i}`, `${SECRET}#k${i}`])) },
    appLogGroup: "/tenant/acme/app",
    ...(role === "web" ? { nginxSite: "# site", nginxLogGroup: "/tenant/acme/nginx" } : {}),
  };
}

describe("the boot estimate", () => {
  it.each([["web", 2, ["docker", "nginx", "amazon-cloudwatch-agent"]], ["worker", 5, ["docker"]]] as const)(
    "takes the %s instance's steps from what its user data renders", (role, secrets, packages) => {
      const userData = renderUserData(options(role, secrets));
      const steps = renderedBootSteps(userData, role === "web" ? CHECKS : undefined);
      expect(steps.packages).toEqual((parse(userData.replace(/^#cloud-config\n/, "")) as { packages: string[] }).packages);
      expect(steps.packages).toEqual(packages);
      expect(writtenFiles(userData)[PATHS.secretsScript]).toContain(`resolve_secret SECRET_${secrets - 1} `);
      expect(steps.secrets).toBe(secrets);
      expect(steps.loadBalancerChecks).toEqual(role === "web" ? CHECKS : undefined);
    },
  );

  it("grows with every slower step, and the grace period grows with it and always covers it", () => {
    const web = webSteps();
    const base = estimateBoot("t4g.small", web);
    const slower: [string, ReturnType<typeof estimateBoot>][] = [
      ["more packages", estimateBoot("t4g.small", { ...web, packages: [...web.packages, "postgresql16"] })],
      ["more secrets", estimateBoot("t4g.small", { ...web, secrets: 12 })],
      ["a bigger image", estimateBoot("t4g.small", web, { imageMegabytes: 1500 })],
      ["a slower application", estimateBoot("t4g.small", web, { appBootSeconds: 120 })],
      ["slower checks", estimateBoot("t4g.small", { ...web, loadBalancerChecks: { intervalSeconds: 60, healthyThreshold: 2 } })],
      ["a smaller instance", estimateBoot("t4g.micro", web)],
    ];
    for (const [why, estimate] of slower) {
      expect(estimate.totalSeconds, why).toBeGreaterThan(base.totalSeconds);
      expect(gracePeriodFor(estimate), why).toBeGreaterThanOrEqual(gracePeriodFor(base));
    }
    expect(gracePeriodFor(estimateBoot("t4g.small", web, { imageMegabytes: 1500 }))).toBeGreaterThan(gracePeriodFor(base));
    // A larger instance boots faster than the reference.
    expect(estimateBoot("c7g.xlarge", web).totalSeconds).toBeLessThan(base.totalSeconds);
    for (const type of ["t4g.nano", "t3.small", "m7g.medium", "m7i.large", "c7g.4xlarge"]) {
      for (const steps of [web, workerSteps(0)]) {
        for (const imageMegabytes of [50, 300, 4000]) {
          const estimate = estimateBoot(type, steps, { imageMegabytes });
          expect(gracePeriodFor(estimate)).toBeGreaterThanOrEqual(estimate.totalSeconds);
          expect(gracePeriodFor(estimate) % 30).toBe(0);
        }
      }
    }
  });

  it("counts a package it has no figures for, never as free", () => {
    const without = estimateBoot("m7g.large", { packages: ["docker"], secrets: 0 });
    const withUnknown = estimateBoot("m7g.large", { packages: ["docker", "some-package"], secrets: 0 });
    expect(withUnknown.totalSeconds - without.totalSeconds).toBeGreaterThanOrEqual(UNKNOWN_PACKAGE.installSeconds);
  });

  it("is the table in docs/instance-runtime.md, per instance type", () => {
    const doc = readFileSync(path.join(__dirname, "../../docs/instance-runtime.md"), "utf8");
    const rows = doc.split("\n").filter((line) => /^\| `[a-z0-9]+\.[a-z0-9]+` \|/.test(line));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) {
      const [type, ...numbers] = row.split("|").slice(1, -1).map((cell) => cell.trim().replace(/`/g, ""));
      const web = estimateBoot(type!, webSteps());
      const worker = estimateBoot(type!, workerSteps());
      const pace = instancePace(type!);
      expect(numbers, type).toEqual([
        String(pace.downloadMBps), String(pace.cpuFactor),
        ...web.phases.map((phase) => String(Math.round(phase.seconds))),
        String(web.totalSeconds), String(gracePeriodFor(web)), String(worker.totalSeconds), String(gracePeriodFor(worker)),
      ]);
    }
  });
});
