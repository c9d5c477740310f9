/**
 * The smoke application's image builds from acceptance/app/Dockerfile and serves /livez, where a
 * Docker daemon answers; elsewhere the suite is skipped with a notice.
 */
import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, SMOKE_APP_DIR } from "../helpers/smoke-app";

function dockerAnswers(): boolean {
  try {
    execFileSync("docker", ["info", "--format", "{{.ServerVersion}}"], { stdio: "pipe", timeout: 20_000 });
    return true;
  } catch {
    console.warn("SKIPPED: no Docker daemon answers (docker info failed): the smoke application's image is not built here");
    return false;
  }
}

const TAG = `tenant-platform-smoke:test-${process.pid}`;

describe.runIf(dockerAnswers())("smoke application image", () => {
  let container: string | undefined;
  afterAll(() => {
    if (container) execFileSync("docker", ["rm", "-f", container], { stdio: "ignore" });
    execFileSync("docker", ["rmi", "-f", TAG], { stdio: "ignore" });
  });

  it("builds from its Dockerfile, runs as a non-root user and answers /livez", async () => {
    execFileSync("docker", ["build", "--tag", TAG, SMOKE_APP_DIR], { stdio: "pipe", timeout: 600_000 });
    expect(execFileSync("docker", ["image", "inspect", TAG, "--format", "{{.Config.User}}"], { encoding: "utf8" }).trim()).toBe("node");
    const port = await freePort();
    container = execFileSync("docker", ["run", "--detach", "--publish", `127.0.0.1:${port}:8080`, "--env", "PORT=8080", TAG], { encoding: "utf8" }).trim();
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      status = await fetch(`http://127.0.0.1:${port}/livez`).then((r) => r.status, () => 0);
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
  }, 660_000);
});
