/**
 * The refresh script's waits: instances run with the defaults (the tests under bash shorten some
 * of them), and a shortened wait changes only that wait.
 */
import { describe, expect, it } from "vitest";
import {
  READY_POLL_SECONDS, READY_TIMEOUT_SECONDS, renderRefreshScript, SWITCH_GRACE_SECONDS, WORKER_SETTLE_SECONDS,
} from "../../components/web-tier/refresh-script";
import { INSTANCE_LAYOUT } from "../../components/web-tier/instance-layout";
import type { UserDataOptions } from "../../components/web-tier/user-data";

function options(role: "web" | "worker"): UserDataOptions {
  return { role, region: "eu-central-1", architecture: "arm64", app: { image: "ghcr.io/acme/site:1.4", port: 8080 }, appLogGroup: "/tenant/acme/app" };
}

/** The script's waits: `sleep N` and the ready timeout. */
function waits(script: string): string[] {
  return script.split("\n").flatMap((line) => /sleep [\d.]+|READY_TIMEOUT=[\d.]+/g.exec(line) ?? []);
}

describe("the refresh script's waits", () => {
  it("are an instance's by default: 180 s to become ready, checked every second, 3 s of grace after the reload, a worker settles 5 s", () => {
    expect([READY_TIMEOUT_SECONDS, READY_POLL_SECONDS, SWITCH_GRACE_SECONDS, WORKER_SETTLE_SECONDS]).toEqual([180, 1, 3, 5]);
    expect(waits(renderRefreshScript(options("web")))).toEqual(["READY_TIMEOUT=180", "sleep 1", "sleep 3"]);
    expect(waits(renderRefreshScript(options("worker")))).toEqual(["READY_TIMEOUT=180", "sleep 5", "sleep 1"]);
  });

  it("change one by one when a test shortens them", () => {
    const web = renderRefreshScript(options("web"), INSTANCE_LAYOUT, { readyTimeoutSeconds: 10, readyPollSeconds: 0.2, switchGraceSeconds: 0.5 });
    expect(waits(web)).toEqual(["READY_TIMEOUT=10", "sleep 0.2", "sleep 0.5"]);
    const worker = renderRefreshScript(options("worker"), INSTANCE_LAYOUT, { workerSettleSeconds: 1 });
    expect(waits(worker)).toEqual(["READY_TIMEOUT=180", "sleep 1", "sleep 1"]);
    expect(renderRefreshScript(options("web"), INSTANCE_LAYOUT, {})).toBe(renderRefreshScript(options("web")));
  });
});
