/** The systemd units of an instance: the container slots, the secret refresh, the heartbeat and the drain. */
import { HEARTBEAT_SECONDS } from "./heartbeat-script";
import { INSTANCE_LAYOUT, layoutFiles, type InstanceLayout } from "./instance-layout";
import { EXIT_CANNOT_RUN_HERE } from "./start-script";

/** Minutes between secret refreshes: a rotated database password reaches the instance within this (plus 30 s of spread). */
export const REFRESH_MINUTES = 2;

/**
 * A template unit per slot (`tenant-app@blue`, `tenant-app@green`) keeping its container running.
 * Stopping gives the container `stopTimeoutSeconds` after SIGTERM (`docker stop -t`, the flag
 * every docker version accepts, and the container's own `--stop-timeout`), and
 * systemd waits 30 s longer than that before it kills anything (TimeoutStopSec), so a worker
 * finishes its task on a scale-in, a swap or a shutdown. A start script that exits with
 * {@link EXIT_CANNOT_RUN_HERE} (an image of another CPU architecture) is not restarted:
 * RestartPreventExitStatus= applies "regardless of the restart setting configured with Restart="
 * (systemd.service(5), https://www.freedesktop.org/software/systemd/man/latest/systemd.service.html#RestartPreventExitStatus=).
 */
export function renderAppUnit(stopTimeoutSeconds: number, layout: InstanceLayout = INSTANCE_LAYOUT): string {
  return [
    "[Unit]",
    "Description=Tenant application container (slot %i)",
    "After=docker.service network-online.target",
    "Requires=docker.service",
    "Wants=network-online.target",
    "",
    "[Service]",
    `ExecStart=${layoutFiles(layout).startScript} %i`,
    `ExecStop=/usr/bin/docker stop -t ${stopTimeoutSeconds} tenant-app-%i`,
    "Restart=always",
    "RestartSec=5",
    `RestartPreventExitStatus=${EXIT_CANNOT_RUN_HERE}`,
    "TimeoutStartSec=600",
    `TimeoutStopSec=${stopTimeoutSeconds + 30}`,
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}

function oneshot(description: string, script: string): string {
  return ["[Unit]", `Description=${description}`, "", "[Service]", "Type=oneshot", `ExecStart=${script}`, ""].join("\n");
}

function timer(description: string, lines: string[]): string {
  return ["[Unit]", `Description=${description}`, "", "[Timer]", ...lines, "", "[Install]", "WantedBy=timers.target", ""].join("\n");
}

/** The refresh (every {@link REFRESH_MINUTES} minutes, spread over 30 s) and heartbeat (every 30 s) services and timers. */
export function renderTimerUnits(layout: InstanceLayout = INSTANCE_LAYOUT) {
  const files = layoutFiles(layout);
  return {
    refreshService: oneshot("Swap the tenant application's container when its secrets changed", files.refreshScript),
    refreshTimer: timer(`Refresh the tenant application's secrets every ${REFRESH_MINUTES} minutes`, [
      `OnBootSec=${REFRESH_MINUTES}min`,
      `OnUnitActiveSec=${REFRESH_MINUTES}min`,
      "RandomizedDelaySec=30s",
    ]),
    heartbeatService: oneshot("Report the instance unhealthy when the tenant application stays down", files.heartbeatScript),
    heartbeatTimer: timer("Probe the tenant application every 30 seconds", [
      `OnBootSec=${HEARTBEAT_SECONDS}s`,
      `OnUnitActiveSec=${HEARTBEAT_SECONDS}s`,
      "AccuracySec=5s",
    ]),
  };
}

/**
 * The drain service (`tenant-app-drain.service`): runs the drain script from boot, which waits for
 * the group to terminate the instance (see drain-script.ts). Restarted when it fails to complete
 * the lifecycle action, so it tries again until the hook's timeout ends the wait.
 */
export function renderDrainUnit(layout: InstanceLayout = INSTANCE_LAYOUT): string {
  return [
    "[Unit]",
    "Description=Stop the tenant application and complete the lifecycle action when the Auto Scaling group terminates the instance",
    "After=network-online.target",
    "Wants=network-online.target",
    "",
    "[Service]",
    `ExecStart=${layoutFiles(layout).drainScript}`,
    "Restart=on-failure",
    "RestartSec=5",
    "",
    "[Install]",
    "WantedBy=multi-user.target",
    "",
  ].join("\n");
}
