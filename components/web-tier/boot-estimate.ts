/**
 * How long a new instance takes from launch to healthy, estimated from the steps its user data
 * renders ({@link BootSteps}: the packages cloud-init installs, the secrets the first start
 * resolves, the image it pulls, the load balancer's checks), and the health check grace period
 * derived from it. docs/instance-runtime.md tabulates the estimate per instance type.
 *
 * These are estimates, not measurements: every per-step figure below is a stated assumption (the
 * upper end of what is typical in-region), to be replaced by what `cloud-init analyze show` and
 * `systemd-analyze` report on a real instance. What the platform guarantees is the derivation:
 * more packages, a bigger image, more secrets, a slower instance or slower checks give a longer
 * estimate and a longer grace period, and the grace period always covers the estimate.
 */

/** What a booting instance does, as its user data renders it (user-data.ts `bootSteps`). */
export interface BootSteps {
  /** Packages cloud-init installs with dnf. */
  readonly packages: readonly string[];
  /** Secrets the first container start resolves (one AWS CLI call each). */
  readonly secrets: number;
  /** The load balancer's checks that must pass before the instance is healthy (web); none for workers. */
  readonly loadBalancerChecks?: { readonly intervalSeconds: number; readonly healthyThreshold: number };
}

/** Assumptions about the application the platform cannot know. */
export interface BootAssumptions {
  /** Compressed size of the container image in MB. @default 300 */
  readonly imageMegabytes?: number;
  /** Seconds from the container's start until the application answers. @default 30 */
  readonly appBootSeconds?: number;
}

export const DEFAULT_IMAGE_MEGABYTES = 300;
export const DEFAULT_APP_BOOT_SECONDS = 30;

/**
 * Assumed download size (MB, with the dependencies Amazon Linux 2023's AMI lacks) and install
 * time (seconds on a non-burstable `large`) of each package the user data installs. A package not
 * listed counts as {@link UNKNOWN_PACKAGE}, never as free.
 */
export const PACKAGE_COSTS: Readonly<Record<string, { megabytes: number; installSeconds: number }>> = {
  docker: { megabytes: 85, installSeconds: 20 }, // docker, containerd, runc, pigz, libcgroup
  nginx: { megabytes: 2, installSeconds: 3 }, // nginx, nginx-core, nginx-filesystem, nginx-mimetypes
  "amazon-cloudwatch-agent": { megabytes: 110, installSeconds: 10 },
};
export const UNKNOWN_PACKAGE = { megabytes: 50, installSeconds: 10 };

/** Seconds from launch until cloud-init runs its modules (hypervisor, kernel, systemd). */
export const LAUNCH_SECONDS = 30;
/** Seconds dnf spends loading the repositories' metadata before the first install. */
export const DNF_METADATA_SECONDS = 15;
/** Seconds one AWS CLI call takes on a non-burstable `large` (the CLI's own start dominates). */
export const CLI_CALL_SECONDS = 1;
/** Seconds to extract one MB of compressed image on a non-burstable `large`. */
export const EXTRACT_SECONDS_PER_MB = 0.05;

/** How fast an instance type downloads and computes, relative to a non-burstable `large`. */
export interface InstancePace {
  /** Download throughput from the package repositories and the registry, MB/s. */
  readonly downloadMBps: number;
  /** Multiplier of CPU-bound steps (install, extract, CLI start): 1 for a `large`. */
  readonly cpuFactor: number;
  /** Why. */
  readonly basis: string;
}

/**
 * The pace of an instance type from its name: burstable families (`t*`) at their small sizes
 * run on CPU credits and a low network baseline; a `medium` has one vCPU outside the burstable
 * families; `xlarge` and up have more vCPUs and bandwidth
 * (https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-instance-type-specifications.html).
 */
export function instancePace(instanceType: string): InstancePace {
  const [family = "", size = ""] = instanceType.split(".");
  const burstable = family.startsWith("t");
  if (burstable && ["nano", "micro"].includes(size)) return { downloadMBps: 20, cpuFactor: 2, basis: "burstable, smallest sizes" };
  if (burstable && ["small", "medium"].includes(size)) return { downloadMBps: 40, cpuFactor: 1.5, basis: "burstable, 2 vCPUs on credits" };
  if (burstable) return { downloadMBps: 60, cpuFactor: 1.2, basis: "burstable, large and up" };
  if (size === "medium") return { downloadMBps: 40, cpuFactor: 1.3, basis: "one vCPU" };
  if (size === "large") return { downloadMBps: 60, cpuFactor: 1, basis: "2 vCPUs (the reference)" };
  return { downloadMBps: 100, cpuFactor: 0.8, basis: "4 vCPUs or more" };
}

export interface BootPhase {
  readonly phase: string;
  readonly seconds: number;
}

export interface BootEstimate {
  readonly instanceType: string;
  readonly phases: readonly BootPhase[];
  /** Seconds from launch to healthy, rounded up. */
  readonly totalSeconds: number;
}

/** The estimate of one instance type booting `steps`. */
export function estimateBoot(instanceType: string, steps: BootSteps, assumptions: BootAssumptions = {}): BootEstimate {
  const pace = instancePace(instanceType);
  const imageMegabytes = assumptions.imageMegabytes ?? DEFAULT_IMAGE_MEGABYTES;
  const packages = steps.packages.map((name) => PACKAGE_COSTS[name] ?? UNKNOWN_PACKAGE);
  const downloadMegabytes = packages.reduce((sum, p) => sum + p.megabytes, 0);
  const installSeconds = packages.reduce((sum, p) => sum + p.installSeconds, 0);
  const phases: BootPhase[] = [
    { phase: "launch to cloud-init", seconds: LAUNCH_SECONDS },
    {
      phase: `packages (${steps.packages.join(", ")})`,
      seconds: steps.packages.length === 0 ? 0 : DNF_METADATA_SECONDS + downloadMegabytes / pace.downloadMBps + installSeconds * pace.cpuFactor,
    },
    { phase: `secrets (${steps.secrets})`, seconds: steps.secrets * CLI_CALL_SECONDS * pace.cpuFactor },
    { phase: `image pull (${imageMegabytes} MB)`, seconds: imageMegabytes / pace.downloadMBps + imageMegabytes * EXTRACT_SECONDS_PER_MB * pace.cpuFactor },
    { phase: "application boot", seconds: assumptions.appBootSeconds ?? DEFAULT_APP_BOOT_SECONDS },
    ...(steps.loadBalancerChecks
      ? [{ phase: "load balancer checks", seconds: steps.loadBalancerChecks.intervalSeconds * steps.loadBalancerChecks.healthyThreshold }]
      : []),
  ];
  return { instanceType, phases, totalSeconds: Math.ceil(phases.reduce((sum, p) => sum + p.seconds, 0)) };
}

/** The margin the grace period adds to the estimate: a third. */
export const GRACE_MARGIN = 4 / 3;

/**
 * The health check grace period for an estimate: a third above it, rounded up to 30 s, within
 * the 0 to 7200 s the tenant schema allows (the Auto Scaling API itself takes any non-negative
 * number: `HealthCheckGracePeriod`,
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html).
 */
export function gracePeriodFor(estimate: BootEstimate): number {
  return Math.min(7200, Math.ceil((estimate.totalSeconds * GRACE_MARGIN) / 30) * 30);
}
