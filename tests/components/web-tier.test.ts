/**
 * The WebTier component on its own: a small args object (two zones' subnets, an image, a
 * certificate, workers), explicit providers, and what its doc comments promise
 * (components/web-tier/web-tier.ts, args.ts, load-balancer.ts, security-groups.ts,
 * instance-group.ts): a load balancer only Cloudflare reaches, instances behind it only,
 * IMDSv2 and encrypted volumes, kept access logs, documented defaults.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { WEB_TIER_DEFAULTS, WebTier, type WebTierArgs } from "../../components/web-tier";
import { DELETION_TAG, TLS_POLICY } from "../../components/web-tier/load-balancer";
import { planComponent, type ComponentPlan } from "../helpers/component-plan";
import { child, childrenOfType, conventionViolations, idOf } from "./conventions";
import { SAMPLE_WEB_TIER_ARGS } from "./sample-args";
import { KEY_ARN, PRIVATE_SUBNET_IDS, PUBLIC_SUBNET_IDS } from "./sample-ids";

const CERTIFICATE_ARN = "arn:aws:acm:eu-central-1:123456789012:certificate/0d9f5a43-2b7e-4c1a-9e55-7c1f0e6a8b21";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const LOAD_BALANCER = "aws:lb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const GROUP = "aws:autoscaling/group:Group";

const ARGS: WebTierArgs = {
  ...SAMPLE_WEB_TIER_ARGS,
  loadBalancer: { ...WEB_TIER_DEFAULTS.loadBalancer, certificateArn: CERTIFICATE_ARN },
  workers: { ...WEB_TIER_DEFAULTS.workers, command: ["celery", "-A", "acme", "worker"] },
  kmsKeyArn: KEY_ARN,
};

const planWebTier = (args: WebTierArgs) => planComponent(({ opts }) => new WebTier("shop", args, opts));

let plan: ComponentPlan;
beforeAll(async () => {
  plan = await planWebTier(ARGS);
});

describe("WebTier, alone", () => {
  it("keeps the component conventions: children below it on the given providers (Cloudflare's ranges too), named shop-…, outputs registered", () => {
    expect(conventionViolations(plan, {
      type: "tenant-platform:web:WebTier",
      name: "shop",
      outputs: ["loadBalancerDnsName", "loadBalancerArnSuffix", "targetGroupArnSuffix", "webGroupName", "loadBalancerSecurityGroupId", "instanceSecurityGroupId", "instanceRoleArn", "queueUrl"],
    })).toEqual([]);
    expect(plan.invokes.find((i) => i.token === "cloudflare:index/getIpRanges:getIpRanges")?.provider).toBe(plan.providers.cloudflare);
    expect(plan.componentOutputs).toMatchObject({
      loadBalancerSecurityGroupId: idOf(plan, child(plan, SECURITY_GROUP, "shop-alb")),
      instanceSecurityGroupId: idOf(plan, child(plan, SECURITY_GROUP, "shop-instances")),
      queueUrl: expect.stringMatching(/^https:\/\/sqs\.eu-central-1\.amazonaws\.com\/123456789012\/shop-jobs-/),
    });
  });

  it("lets only Cloudflare reach the load balancer, and only the load balancer reach the instances", () => {
    const alb = idOf(plan, child(plan, SECURITY_GROUP, "shop-alb"));
    const instances = idOf(plan, child(plan, SECURITY_GROUP, "shop-instances"));
    const prefixLists = ["ipv4", "ipv6"].map((family) => idOf(plan, child(plan, "aws:ec2/managedPrefixList:ManagedPrefixList", `shop-cloudflare-${family}`)));
    const rules = [...childrenOfType(plan, INGRESS).values()];
    const into = (group: string) => rules.filter((r) => r.inputs["securityGroupId"] === group).map((r) => r.inputs);
    expect(into(alb)).toHaveLength(4);
    for (const rule of into(alb)) {
      expect(prefixLists).toContain(rule["prefixListId"]);
      expect(rule["cidrIpv4"]).toBeUndefined();
    }
    expect(into(instances).map((r) => r["referencedSecurityGroupId"])).toEqual([alb]);
  });

  it("serves HTTPS with the given certificate and TLS 1.2+ only, redirects HTTP, drops invalid headers, refuses deletion by default", () => {
    const lb = child(plan, LOAD_BALANCER, "shop-alb");
    expect(lb.inputs).toMatchObject({ internal: false, subnets: PUBLIC_SUBNET_IDS, dropInvalidHeaderFields: true, enableDeletionProtection: true, idleTimeout: 60 });
    expect(child(plan, LISTENER, "shop-https").inputs).toMatchObject({ port: 443, protocol: "HTTPS", sslPolicy: TLS_POLICY, certificateArn: CERTIFICATE_ARN });
    expect(child(plan, LISTENER, "shop-http").inputs["defaultActions"]).toEqual([
      expect.objectContaining({ type: "redirect", redirect: expect.objectContaining({ protocol: "HTTPS", port: "443", statusCode: "HTTP_301" }) }),
    ]);
    expect(child(plan, GROUP, "shop-web").inputs["healthCheckType"]).toBe("ELB");
  });

  it("keeps the access logs: their bucket is protected and retained, never force-destroyed, logs expire after 90 days by default", () => {
    const bucket = child(plan, "aws:s3/bucket:Bucket", "shop-access-logs");
    expect(bucket.options).toMatchObject({ protect: true, retainOnDelete: true });
    expect(bucket.inputs["forceDestroy"]).toBe(false);
    const lifecycle = child(plan, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "shop-access-logs");
    expect(lifecycle.inputs["rules"]).toEqual([expect.objectContaining({ status: "Enabled", expiration: { days: 90 } })]);
  });

  it("launches IMDSv2-only instances without public IPs, on encrypted root volumes of the given key, in the private subnets", () => {
    for (const role of ["web", "worker"]) {
      const template = child(plan, "aws:ec2/launchTemplate:LaunchTemplate", `shop-${role}`);
      expect(template.inputs).toMatchObject({
        instanceType: "t4g.small",
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required" },
        networkInterfaces: [expect.objectContaining({ associatePublicIpAddress: "false" })],
        blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: expect.objectContaining({ volumeSize: 20, volumeType: "gp3", encrypted: "true", kmsKeyId: KEY_ARN }) }],
      });
      const group = child(plan, GROUP, `shop-${role}`);
      expect(group.inputs["vpcZoneIdentifiers"]).toEqual(PRIVATE_SUBNET_IDS);
      // Scaling owns the size once the group exists; a deploy never resets it.
      expect(group.options.ignoreChanges).toEqual(["desiredCapacity"]);
    }
  });

  it("applies its documented defaults where the args leave them out", () => {
    for (const suffix of ["app", "nginx", "worker"]) {
      expect(child(plan, "aws:cloudwatch/logGroup:LogGroup", `shop-${suffix}`).inputs).toMatchObject({ name: `/tenant/shop/${suffix}`, retentionInDays: 30, kmsKeyId: KEY_ARN });
    }
    expect(child(plan, "aws:autoscaling/policy:Policy", "shop-web-cpu").inputs).toMatchObject({
      estimatedInstanceWarmup: 180,
      targetTrackingConfiguration: expect.objectContaining({ targetValue: 50, disableScaleIn: false }),
    });
    expect(child(plan, GROUP, "shop-worker").inputs).toMatchObject({ minSize: 1, maxSize: 4 });
    expect(child(plan, "aws:lb/targetGroup:TargetGroup", "shop-web").inputs).toMatchObject({ deregistrationDelay: 60 });
  });
});

describe("WebTier with changed load balancer settings", () => {
  let uncertified: ComponentPlan;
  let leaving: ComponentPlan;
  beforeAll(async () => {
    uncertified = await planWebTier({ ...ARGS, loadBalancer: WEB_TIER_DEFAULTS.loadBalancer });
    leaving = await planWebTier({ ...ARGS, loadBalancer: { ...ARGS.loadBalancer, deletionReason: "tenant leaves" } });
  });

  it("without a certificate has no HTTPS listener and judges instances by EC2 checks, renaming nothing else", () => {
    expect(uncertified.descendants.filter((r) => r.type === LISTENER).map((r) => r.name)).toEqual(["shop-http"]);
    expect(child(uncertified, GROUP, "shop-web").inputs["healthCheckType"]).toBe("EC2");
    expect(uncertified.descendants.map((r) => r.urn)).toEqual(plan.descendants.map((r) => r.urn).filter((urn) => !urn.endsWith(`${LISTENER}::shop-https`)));
  });

  it("with a declared deletion lifts the load balancer's deletion protection and tags the reason", () => {
    expect(child(leaving, LOAD_BALANCER, "shop-alb").inputs).toMatchObject({ enableDeletionProtection: false, tags: expect.objectContaining({ [DELETION_TAG]: "tenant leaves" }) });
    expect((child(plan, LOAD_BALANCER, "shop-alb").inputs["tags"] as Record<string, string>)[DELETION_TAG]).toBeUndefined();
    // The access logs stay protected: the reason is the load balancer's alone.
    expect(child(leaving, "aws:s3/bucket:Bucket", "shop-access-logs").options).toMatchObject({ protect: true, retainOnDelete: true });
  });
});
