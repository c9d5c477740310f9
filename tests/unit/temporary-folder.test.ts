/**
 * The run's temporary folder (tests/setup/temporary-folder.ts): every test and every process a
 * test starts writes under it, and the run's end removes it with all it holds.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it, vi } from "vitest";
import setup, { RUN_TEMPORARY_FOLDER } from "../setup/temporary-folder";

describe("the run's temporary folder", () => {
  it("is where this test and the processes it starts write, open to every user like /tmp", () => {
    expect(path.basename(os.tmpdir())).toMatch(/^tenant-platform-test-/);
    expect(execFileSync("mktemp", ["-d"], { encoding: "utf8" }).trim().startsWith(`${os.tmpdir()}/`)).toBe(true);
    expect(fs.statSync(os.tmpdir()).mode & 0o7777).toBe(0o1777);
  });

  it("is made once although the setup runs for the configuration and each of its projects", () => {
    expect(process.env[RUN_TEMPORARY_FOLDER]).toBe(os.tmpdir());
    expect(path.dirname(os.tmpdir())).not.toMatch(/tenant-platform-test-/);
    const folder = os.tmpdir();
    const entries = fs.readdirSync(folder).sort();
    const teardown = setup();
    expect(process.env["TMPDIR"]).toBe(folder);
    expect(fs.readdirSync(folder).sort()).toEqual(entries);
    teardown();
    expect(process.env["TMPDIR"]).toBe(folder);
    expect(process.env[RUN_TEMPORARY_FOLDER]).toBe(folder);
    expect(fs.existsSync(folder)).toBe(true);
  });

  it("is removed with all it holds at the end, and TMPDIR is the one before again", () => {
    // As in a run that has none yet.
    vi.stubEnv(RUN_TEMPORARY_FOLDER, undefined);
    const before = process.env["TMPDIR"];
    const teardown = setup();
    const folder = os.tmpdir();
    try {
      expect(folder).not.toBe(before);
      fs.mkdirSync(path.join(folder, "left-behind", "deep"), { recursive: true });
      fs.writeFileSync(path.join(folder, "left-behind", "deep", "file"), "x");
      expect(fs.realpathSync(path.join(folder, `tsx-${os.userInfo().uid}`))).toBe(fs.realpathSync(path.join(before!, `tsx-${os.userInfo().uid}`)));
    } finally {
      teardown();
    }
    expect(fs.existsSync(folder)).toBe(false);
    // tsx's cache, which the folder only linked to, is still there.
    expect(fs.existsSync(path.join(before!, `tsx-${os.userInfo().uid}`))).toBe(true);
    expect(process.env["TMPDIR"]).toBe(before);
    expect(process.env[RUN_TEMPORARY_FOLDER]).toBeUndefined();
  });
});
