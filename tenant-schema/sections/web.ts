import { z } from "zod";
import { WEB_TIER_DEFAULTS } from "../../components/web-tier/defaults";
import { ENV_NAME, IMAGE_REFERENCE, SECRET_REFERENCE } from "../../components/web-tier/container-references";
import { ec2InstanceType, logRetentionDays } from "./aws-values";
import { unixCronProblem } from "../cron";
import { timeZoneProblem } from "../time-zone";

export const CERTIFICATE_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f-]{36}$/;

const instanceType = ec2InstanceType;

const app = z
  .strictObject({
    image: z
      .string()
      .regex(IMAGE_REFERENCE, { error: "must be a container image reference such as ghcr.io/acme/site:1.4" })
      .describe("Container image of the application (with a tag or digest)."),
    port: z.number().int().min(1).max(65535).describe("Port the application listens on inside the container."),
    env: z
      .record(
        z.string().regex(ENV_NAME, { error: "environment variable names are letters, digits and _, not starting with a digit" }),
        // One line of the env file the instance reads (components/web-tier/user-data.ts refuses
        // line breaks and NUL, which an env file cannot carry).
        z.string().max(4096).refine((v) => !/[\n\r]/.test(v), { error: "must fit on one line" })
          .refine((v) => !v.includes("\0"), { error: "holds a NUL character, which an env file cannot carry; remove it" }),
      )
      .default({})
      .describe("Plain environment variables. Never put secrets here: use `secrets`."),
    secrets: z
      .record(
        z.string().regex(ENV_NAME, { error: "environment variable names are letters, digits and _, not starting with a digit" }),
        z.string().regex(SECRET_REFERENCE, {
          error: "must reference a secret: a Secrets Manager ARN (arn:aws:secretsmanager:…) or an SSM parameter as ssm:/path",
        }),
      )
      .default({})
      .describe("Secret environment variables by reference, resolved on the instance at boot; the values never enter the plan."),
  })
  .describe("The application container nginx fronts.");

const schedule = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, { error: "must be lowercase letters, digits and hyphens, such as evening-peak" }),
  cron: z.string().superRefine((text, ctx) => {
    const problem = unixCronProblem(text);
    if (problem) ctx.addIssue({ code: "custom", message: `must be a Unix cron expression of five fields (minute hour day-of-month month day-of-week), such as "0 * * * *" (every hour): ${problem}` });
  }),
  min: z.number().int().min(0).optional(),
  max: z.number().int().min(0).optional(),
  desired: z.number().int().min(0).optional(),
  timeZone: z.string().superRefine((name, ctx) => {
    const problem = timeZoneProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }).default("UTC"),
});

const scaling = z
  .strictObject({
    min: z.number().int().min(0).max(1000).describe("Fewest web instances (2 or more to survive a zone outage)."),
    max: z.number().int().min(1).max(1000).describe("Most web instances."),
    desired: z.number().int().min(0).max(1000).optional().describe("Instances at creation (default min); afterwards scaling owns the number."),
    scaleIn: z.boolean().default(WEB_TIER_DEFAULTS.scaling.scaleIn).describe("Let target tracking remove instances when load falls."),
    cpuTarget: z.number().int().min(0).max(95).default(WEB_TIER_DEFAULTS.scaling.cpuTarget).describe("Average CPU % target tracking keeps; 0 turns CPU scaling off."),
    requestsPerTarget: z.number().int().min(1).optional().describe("Requests per instance per minute to keep (scales on traffic)."),
    warmupSeconds: z.number().int().min(0).max(3600).default(WEB_TIER_DEFAULTS.scaling.warmupSeconds).describe("Seconds before a new instance's metrics count."),
    schedules: z.array(schedule).default([]).describe("Scheduled size changes (cron, UTC unless timeZone)."),
  })
  .describe("How the web group scales out and in.");

const loadBalancer = z
  .strictObject({
    certificateArn: z
      .string()
      .regex(CERTIFICATE_ARN, { error: "must be an ACM certificate ARN such as arn:aws:acm:eu-central-1:123456789012:certificate/…" })
      .optional()
      .describe("An existing ACM certificate for the hostnames, in the tenant's region; by default the platform issues one, validated through the Cloudflare zone."),
    deletionProtection: z.boolean().default(WEB_TIER_DEFAULTS.loadBalancer.deletionProtection),
    idleTimeoutSeconds: z.number().int().min(1).max(4000).default(WEB_TIER_DEFAULTS.loadBalancer.idleTimeoutSeconds),
    deregistrationDelaySeconds: z.number().int().min(1).max(3600).default(WEB_TIER_DEFAULTS.loadBalancer.deregistrationDelaySeconds)
      .describe("Seconds a leaving instance finishes its requests; also the longest nginx waits for the application's response."),
    stickinessSeconds: z.number().int().min(0).max(604800).default(WEB_TIER_DEFAULTS.loadBalancer.stickinessSeconds).describe("Cookie stickiness in seconds; 0 is off."),
    accessLogRetentionDays: z.number().int().min(1).max(3650).default(WEB_TIER_DEFAULTS.loadBalancer.accessLogRetentionDays),
  })
  .describe("The Application Load Balancer only Cloudflare can reach.");

const workers = z
  .strictObject({
    command: z.array(z.string().min(1)).min(1).describe("Command the worker containers run (same image as the web)."),
    instanceType: instanceType.optional(),
    min: z.number().int().min(0).max(1000).default(WEB_TIER_DEFAULTS.workers.min),
    max: z.number().int().min(1).max(1000).default(WEB_TIER_DEFAULTS.workers.max),
    messagesPerWorker: z.number().int().min(1).default(WEB_TIER_DEFAULTS.workers.messagesPerWorker).describe("Visible messages per worker that scaling keeps."),
    visibilityTimeoutSeconds: z.number().int().min(0).max(43200).default(WEB_TIER_DEFAULTS.workers.visibilityTimeoutSeconds),
    maxReceiveCount: z.number().int().min(1).max(1000).default(WEB_TIER_DEFAULTS.workers.maxReceiveCount).describe("Failed receives before a message goes to the dead-letter queue."),
    stopTimeoutSeconds: z.number().int().min(1).max(3600).default(WEB_TIER_DEFAULTS.workers.stopTimeoutSeconds)
      .describe("Seconds a worker gets after SIGTERM to finish its task (scale-in, instance refresh, secret swap) before it is killed."),
  })
  .describe("Queue workers (Celery-style) on their own Auto Scaling group, fed by an SQS queue.");

/** The web tier: nginx + the application container on instances behind the load balancer. */
export const webSection = z
  .strictObject({
    instanceType: instanceType.describe("Instance type of the web servers; change it to scale up."),
    architecture: z.enum(["arm64", "x86_64"]).optional().describe("CPU architecture; derived from the instance type when left out."),
    amiId: z.string().regex(/^ami-[0-9a-f]{8,17}$/, { error: "must be an AMI id such as ami-0a1b2c3d4e5f60718" }).optional()
      .describe("Pin the image; without it each deploy takes the latest Amazon Linux 2023 and a new image rolls the instances."),
    app,
    scaling,
    healthCheck: z
      .strictObject({
        path: z.string().regex(/^\/[\w./?=&-]*$/, { error: "must be a path such as /health" }).default(WEB_TIER_DEFAULTS.healthCheck.path)
          .describe("Liveness path of the application: any answer (even 400 or 500) counts as alive, so it never fails for a dependency."),
        gracePeriodSeconds: z.number().int().min(0).max(7200).optional()
          .describe("Seconds after launch before failed checks replace an instance; by default a third above the estimated boot of the instance type (docs/instance-runtime.md)."),
      })
      .prefault({}),
    loadBalancer: loadBalancer.prefault({}),
    workers: workers.optional(),
    rootVolumeGiB: z.number().int().min(8).max(16384).default(WEB_TIER_DEFAULTS.rootVolumeGiB),
    logRetentionDays: logRetentionDays(WEB_TIER_DEFAULTS.logRetentionDays).describe("Days CloudWatch Logs keeps the instances' and containers' logs."),
  })
  .describe("Web servers that scale up and out behind a load balancer only Cloudflare can reach.");

export type WebSpec = z.output<typeof webSection>;
