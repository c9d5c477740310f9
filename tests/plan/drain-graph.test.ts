/**
 * Draining on scale-in and instance refresh, as the offline plan records it: a termination
 * lifecycle hook on each group that holds an instance as long as its container needs, the
 * permission to complete it on exactly the tier's groups, and one number for how long a request
 * may take (the target group's deregistration delay and nginx's read timeout).
 */
import { afterEach, describe, expect, it } from "vitest";
import { DRAIN_HOOK_NAME, LIFECYCLE_POLL_SECONDS, drainHeartbeatSeconds } from "../../components/web-tier/drain-script";
import { writtenFiles } from "../../components/web-tier/cloud-config-files";
import type { PlannedResource } from "../../policies/plan-types";
import { idOf, named } from "../helpers/plan-queries";
import { ofType, planYaml, removeTempFolders } from "../helpers/temp-tenants";
import { webTenantYaml } from "../helpers/web-tenant";

afterEach(removeTempFolders);

const HOOK = "aws:autoscaling/lifecycleHook:LifecycleHook";
const ASG = "aws:autoscaling/group:Group";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

const withWorkers = (stopTimeoutSeconds?: number) => webTenantYaml().replace(
  "  loadBalancer:",
  `  workers: { command: [celery, worker]${stopTimeoutSeconds === undefined ? "" : `, stopTimeoutSeconds: ${stopTimeoutSeconds}`} }\n  loadBalancer:`,
);

interface Statement { Action: string[]; Resource: string | string[] }
const statements = (policy: PlannedResource): Statement[] => (JSON.parse(policy.inputs["policy"] as string) as { Statement: Statement[] }).Statement;

describe("draining on termination", () => {
  it("holds every terminating instance of each group with a hook as long as its container's stop timeout needs", async () => {
    const plan = await planYaml("acme", withWorkers(600));
    const hooks = ofType(plan, HOOK);
    expect(hooks.map((h) => h.name).sort()).toEqual(["acme-web-drain", "acme-worker-drain"]);
    for (const [group, stopTimeout] of [["acme-web", 60], ["acme-worker", 600]] as const) {
      const hook = named(plan, HOOK, `${group}-drain`);
      expect(hook.inputs).toEqual({
        name: DRAIN_HOOK_NAME,
        autoscalingGroupName: idOf(plan, named(plan, ASG, group)),
        lifecycleTransition: "autoscaling:EC2_INSTANCE_TERMINATING",
        heartbeatTimeout: drainHeartbeatSeconds(stopTimeout),
        defaultResult: "CONTINUE",
      });
      // The hook outlasts the poll plus the whole stop timeout, within Auto Scaling's 30 to 7200.
      const timeout = hook.inputs["heartbeatTimeout"] as number;
      expect(timeout).toBeGreaterThanOrEqual(LIFECYCLE_POLL_SECONDS + stopTimeout);
      expect(timeout).toBeLessThanOrEqual(7200);
      // The instance runs the drain with that same stop timeout.
      const files = writtenFiles(Buffer.from(named(plan, LT, group).inputs["userData"] as string, "base64").toString("utf8"));
      expect(files["/usr/local/sbin/tenant-app-drain"]).toContain(`readonly STOP_TIMEOUT=${stopTimeout}`);
    }
  });

  it("gives a longer stop timeout a longer hook", async () => {
    const short = await planYaml("acme", withWorkers(60));
    const long = await planYaml("acme", withWorkers(1800));
    const timeout = (plan: Awaited<ReturnType<typeof planYaml>>) => named(plan, HOOK, "acme-worker-drain").inputs["heartbeatTimeout"] as number;
    expect(timeout(long) - timeout(short)).toBe(1800 - 60);
    expect(() => drainHeartbeatSeconds(7200)).toThrow(/above Auto Scaling's 7200/);
  });

  it("lets the instances complete lifecycle actions on the tier's own groups only", async () => {
    const plan = await planYaml("acme", withWorkers());
    // The groups' own ARNs (account, region, the id Auto Scaling assigns, the generated name): no wildcard.
    const groupArns = ["acme-web", "acme-worker"].map((group) => new RegExp(
      `^arn:aws:autoscaling:eu-central-1:\\d{12}:autoScalingGroup:[0-9a-f]+:autoScalingGroupName/${idOf(plan, named(plan, ASG, group))}$`,
    ));
    const drain = statements(named(plan, ROLE_POLICY, "acme-instances-drain"));
    expect(drain).toEqual([
      expect.objectContaining({ Action: ["autoscaling:DescribeAutoScalingInstances"], Resource: "*" }),
      expect.objectContaining({ Action: ["autoscaling:CompleteLifecycleAction"], Resource: groupArns.map((arn) => expect.stringMatching(arn)) }),
    ]);
    // No other statement of the instances' role grants it.
    const others = ofType(plan, ROLE_POLICY).filter((p) => p.name !== "acme-instances-drain").flatMap(statements);
    expect(others.filter((s) => s.Action.some((a) => a === "autoscaling:CompleteLifecycleAction" || a === "autoscaling:*" || a === "*"))).toEqual([]);
  });

  it("lets nginx wait for the application exactly as long as a leaving instance keeps its requests", async () => {
    const readTimeout = (plan: Awaited<ReturnType<typeof planYaml>>) => {
      const files = writtenFiles(Buffer.from(named(plan, LT, "acme-web").inputs["userData"] as string, "base64").toString("utf8"));
      return Number(/proxy_read_timeout (\d+)s;/.exec(files["/etc/nginx/conf.d/tenant.conf"]!)![1]);
    };
    const byDefault = await planYaml("acme", webTenantYaml());
    expect(named(byDefault, "aws:lb/targetGroup:TargetGroup", "acme-web").inputs["deregistrationDelay"]).toBe(60);
    expect(readTimeout(byDefault)).toBe(60);
    const custom = await planYaml("acme", webTenantYaml().replace("  loadBalancer:\n", "  loadBalancer:\n    deregistrationDelaySeconds: 45\n"));
    expect(named(custom, "aws:lb/targetGroup:TargetGroup", "acme-web").inputs["deregistrationDelay"]).toBe(45);
    expect(readTimeout(custom)).toBe(45);
    // The web hook covers the container's stop timeout, which is the deregistration delay.
    expect(named(custom, HOOK, "acme-web-drain").inputs["heartbeatTimeout"]).toBe(drainHeartbeatSeconds(45));
  });
});
