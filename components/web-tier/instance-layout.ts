/**
 * Where the instance scripts keep their files, and the two container slots. The user data uses
 * {@link INSTANCE_LAYOUT}; tests render the same scripts into a temporary directory.
 */

/** The two container slots: a secret change starts the idle slot beside the serving one, then swaps. */
export const SLOTS = ["blue", "green"] as const;
export type Slot = (typeof SLOTS)[number];

export interface InstanceLayout {
  /** tmpfs directory (root only) of the resolved secrets, registry credentials and probe counters. */
  readonly runDir: string;
  /** Directory of the plain env file, the active slot and the pinned image. */
  readonly etcDir: string;
  /** Directory of the scripts. */
  readonly sbinDir: string;
  /** nginx include naming the active slot's loopback port (web). */
  readonly nginxUpstream: string;
  /** Where cloud-init records the instance id (`/var/lib/cloud/data/instance-id`). */
  readonly instanceIdFile: string;
  /** Loopback ports the slots publish the application on (web). */
  readonly slotPorts: Readonly<Record<Slot, number>>;
  /** Base URL of the instance metadata service (IMDSv2). */
  readonly metadataUrl: string;
}

/** The layout on Amazon Linux 2023. /run is a tmpfs there (systemd mounts it at boot). */
export const INSTANCE_LAYOUT: InstanceLayout = {
  runDir: "/run/tenant-app",
  etcDir: "/etc/tenant",
  sbinDir: "/usr/local/sbin",
  nginxUpstream: "/etc/nginx/tenant-upstream.conf",
  instanceIdFile: "/var/lib/cloud/data/instance-id",
  slotPorts: { blue: 18080, green: 18081 },
  // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
  metadataUrl: "http://169.254.169.254",
};

/** The files of a layout. */
export function layoutFiles(layout: InstanceLayout) {
  return {
    startScript: `${layout.sbinDir}/tenant-app-start`,
    secretsScript: `${layout.sbinDir}/tenant-app-secrets`,
    refreshScript: `${layout.sbinDir}/tenant-app-refresh`,
    heartbeatScript: `${layout.sbinDir}/tenant-app-heartbeat`,
    drainScript: `${layout.sbinDir}/tenant-app-drain`,
    plainEnv: `${layout.etcDir}/app.env`,
    activeSlot: `${layout.etcDir}/active-slot`,
    pinnedImage: `${layout.etcDir}/image-id`,
    secretsEnv: `${layout.runDir}/secrets.env`,
    secretsDir: `${layout.runDir}/secrets`,
    heartbeatFailures: `${layout.runDir}/heartbeat-failures`,
    /** `<prefix><slot>`: the SHA-256 of the secrets env file the slot's container was started with. */
    slotSecretsHashPrefix: `${layout.runDir}/secrets-sha256-`,
    /** `<prefix><slot>`: the heartbeat's samples of the slot unit's restart counter (NRestarts). */
    heartbeatRestartsPrefix: `${layout.runDir}/heartbeat-restarts-`,
  };
}
