/** Installs tests/fleet/helpers/fake-pulumi.cjs as an executable `pulumi` and reads its log. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { EngineEvent } from "@pulumi/pulumi/automation";

/** One recorded invocation of the fake CLI. */
export interface FakeCall {
  readonly argv: string[];
  readonly cwd: string;
  readonly env: Record<string, string | undefined>;
  readonly started: number;
  readonly ended: number;
  readonly code: number;
  /** The signal it was asked to stop with, if any. */
  readonly signal?: string;
}

/** A fake Pulumi installation: `root/bin/pulumi`, its log, and the folder of scripted events. */
export interface FakePulumi {
  /** Folder to pass as `PulumiCommand.get({ root })` or as PULUMI_HOME. */
  readonly root: string;
  readonly log: string;
  readonly eventsDir: string;
  /** Variables that point the fake at its log and events; add them to process.env for a test. */
  readonly env: Record<string, string>;
  /** Scripts the engine events a stack's next operation emits. */
  events(stack: string, events: readonly Partial<EngineEvent>[]): void;
  /** Every invocation so far. */
  calls(): FakeCall[];
  /** Stacks whose operation has started (and handles SIGINT), in order. */
  running(): string[];
}

/** Creates a fake Pulumi installation in a new temporary folder. */
export function installFakePulumi(): FakePulumi {
  const root = mkdtempSync(path.join(os.tmpdir(), "fake-pulumi-"));
  mkdirSync(path.join(root, "bin"));
  const binary = path.join(root, "bin", "pulumi");
  const source = readFileSync(path.join(__dirname, "fake-pulumi.cjs"), "utf8");
  writeFileSync(binary, `#!${process.execPath}\n${source}`);
  chmodSync(binary, 0o755);
  const log = path.join(root, "calls.jsonl");
  const eventsDir = path.join(root, "events");
  mkdirSync(eventsDir);
  return {
    root,
    log,
    eventsDir,
    env: { FAKE_PULUMI_LOG: log, FAKE_PULUMI_EVENTS_DIR: eventsDir },
    events(stack, events) {
      let sequence = 0;
      writeFileSync(path.join(eventsDir, `${stack}.jsonl`), events.map((e) => JSON.stringify({ sequence: sequence++, timestamp: 0, ...e })).join("\n") + "\n");
    },
    running() {
      return existsSync(`${log}.running`) ? readFileSync(`${log}.running`, "utf8").split("\n").filter(Boolean) : [];
    },
    calls() {
      if (!existsSync(log)) return [];
      return readFileSync(log, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as FakeCall);
    },
  };
}

