/**
 * The plan's diagram: the overview's edges are the plan's facts (flows, backups, data use), the
 * labels break lines for real, and Mermaid's own CLI renders every diagram within a screen.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderComponentDetail, resourcesUnder } from "../../tools/plan/diagram-detail";
import { renderOverview } from "../../tools/plan/diagram-overview";
import type { TenantPlan } from "../../policies/plan-types";
import { renderMermaidMarkdown } from "../../tools/plan/render-mermaid";
import { planTenant } from "../../tools/plan/run-plan";
import { toolsAvailable } from "../helpers/system-tools";

/** The node id whose label starts with `text` (`n3["database example-db<br/>…"]`). */
function nodeId(diagram: string, text: string): string {
  const match = new RegExp(`^\\s*(n\\d+)\\[\\(?"${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "m").exec(diagram);
  if (!match) throw new Error(`no node labelled ${text} in\n${diagram}`);
  return match[1]!;
}

/** The label of every edge from `from` to `to`, or undefined when there is none. */
function edge(diagram: string, from: string, to: string): string | undefined {
  const match = new RegExp(`^\\s*${from} -\\.?->\\|"([^"]*)"\\| ${to}$`, "m").exec(diagram);
  return match?.[1];
}

let example: TenantPlan;
let lifesum: TenantPlan;
beforeAll(async () => {
  example = await planTenant("example", "samples");
  lifesum = await planTenant("lifesum", "samples");
}, 300_000);

describe("the overview", () => {
  it("draws the traffic and data paths the network lets through, and the backups", () => {
    const diagram = renderOverview(example);
    const edgeNode = nodeId(diagram, "Cloudflare");
    const alb = nodeId(diagram, "load balancer example-alb");
    const web = nodeId(diagram, "instances example-web");
    const db = nodeId(diagram, "database example-db<br/>");
    const replica = nodeId(diagram, "database example-db-replica-1");
    const cache = nodeId(diagram, "cache example-cache");
    const backup = nodeId(diagram, "Backup example");
    expect(edge(diagram, edgeNode, alb)).toBe("tcp/80, tcp/443");
    expect(edge(diagram, alb, web)).toBe("tcp/80");
    expect(edge(diagram, web, db)).toBe("tcp/3306");
    expect(edge(diagram, web, replica)).toBe("tcp/3306");
    expect(edge(diagram, web, cache)).toBe("tcp/6379");
    expect(edge(diagram, backup, db)).toBe("backs up");
    // No edge the plan does not have: the database does not talk to the cache, nothing to the key.
    expect(edge(diagram, db, cache)).toBeUndefined();
    expect(diagram).not.toContain("TenantKey");
    // Workloads sit in the VPC, one subgraph per component.
    expect(diagram).toMatch(/subgraph vpc\["VPC 10\.20\.0\.0\/16 eu-central-1"\]/);
  });

  it("draws a flow the security groups do not open as MISSING, dashed", () => {
    // The database's ingress rule from the instances, removed: the flow is blocked.
    const withoutRule: TenantPlan = {
      ...example,
      resources: example.resources.filter((r) => !(r.type === "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule" && r.urn.includes("Database$"))),
    };
    const diagram = renderOverview(withoutRule);
    const web = nodeId(diagram, "instances example-web");
    const db = nodeId(diagram, "database example-db<br/>");
    expect(edge(diagram, web, db)).toBe("MISSING tcp/3306");
    expect(diagram).toMatch(new RegExp(`${web} -\\.->\\|"MISSING tcp/3306"\\| ${db}`));
    expect(edge(renderOverview(example), web, db)).toBe("tcp/3306");
  });

  it("shows the buckets and queues the instances use, and the load balancer's log bucket", () => {
    const diagram = renderOverview(lifesum);
    const web = nodeId(diagram, "instances lifesum-web");
    const worker = nodeId(diagram, "instances lifesum-worker");
    const media = nodeId(diagram, "MediaBucket lifesum");
    const jobs = nodeId(diagram, "queue lifesum-jobs");
    expect(edge(diagram, web, media)).toBe("uses");
    expect(edge(diagram, worker, jobs)).toBe("uses");
    expect(edge(diagram, nodeId(diagram, "load balancer lifesum-alb"), nodeId(diagram, "bucket lifesum-access-logs"))).toBe("access logs");
    // One node for the AWS APIs both groups call.
    expect(diagram.match(/AWS APIs and registries/g)).toHaveLength(1);
  });

  it("breaks label lines for real and escapes what Mermaid would read as markup", () => {
    const diagram = renderOverview(example);
    expect(diagram).toContain("<br/>");
    expect(diagram).not.toMatch(/#lt;br/);
    const details = renderComponentDetail(example, example.resources.find((r) => r.type === "tenant-platform:edge:Edge")!).join("\n");
    expect(details).toContain("<br/>");
    expect(details).not.toMatch(/#lt;br/);
    for (const line of details.split("\n").filter((l) => /^\s+r\d+\[/.test(l))) {
      const body = /\["(.*)"\]$/.exec(line)![1]!;
      expect(body, line).not.toContain('"');
    }
  });
});

describe("the component details", () => {
  it("show every resource of every component once, in parts that fit a screen", () => {
    const tenant = example.resources.find((r) => r.type === "tenant-platform:tenant:Tenant")!;
    for (const component of example.resources.filter((r) => !r.custom && r.parent === tenant.urn)) {
      const parts = renderComponentDetail(example, component);
      const shown = parts.flatMap((part) => [...part.matchAll(/^\s+r(\d+)\[/gm)].map((m) => Number(m[1])));
      const resources = resourcesUnder(example, component);
      expect(shown.sort((a, b) => a - b), component.name).toEqual(resources.map((_, i) => i));
      for (const part of parts) expect([...part.matchAll(/^\s+r\d+\[/gm)].length).toBeLessThanOrEqual(6 * 7);
    }
  });

  it("the Markdown document holds the overview and each component", () => {
    const markdown = renderMermaidMarkdown(example);
    expect(markdown.match(/```mermaid\n/g)!.length).toBeGreaterThanOrEqual(9);
    expect(markdown).toContain("## Database example");
    expect(markdown.startsWith(`# example\n\n\`\`\`mermaid\n${renderOverview(example)}\`\`\``)).toBe(true);
  });
});

/** Mermaid's CLI with Debian's Chromium (scripts/install-test-tools.sh). */
describe.runIf(toolsAvailable("mmdc", "chromium"))("rendered by Mermaid (mmdc)", () => {
  /** The screen every diagram must fit at 100 % zoom. */
  const SCREEN = { width: 1920, height: 1080 };

  it("renders the example tenant's overview and details and another tenant's overview without error, each within a 1920 × 1080 screen", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "diagram-"));
    try {
      const config = path.join(dir, "puppeteer.json");
      const chromium = execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
      writeFileSync(config, JSON.stringify({ executablePath: chromium, args: ["--no-sandbox", "--disable-gpu"] }));
      const document = `${renderMermaidMarkdown(example)}\n## lifesum\n\n\`\`\`mermaid\n${renderOverview(lifesum)}\`\`\`\n`;
      writeFileSync(path.join(dir, "diagrams.md"), document);
      // A Markdown input renders each ```mermaid block to its own SVG (mermaid-cli README, "Transform a markdown file").
      execFileSync("mmdc", ["-q", "-p", config, "-i", path.join(dir, "diagrams.md"), "-o", path.join(dir, "out.md")], { stdio: "pipe", timeout: 600_000 });
      const svgs = readdirSync(dir).filter((file) => file.endsWith(".svg"));
      const blocks = (document.match(/```mermaid/g) ?? []).length;
      expect(svgs).toHaveLength(blocks);
      for (const svg of svgs) {
        const text = readFileSync(path.join(dir, svg), "utf8");
        // mmdc exits non-zero on a parse error; a diagram Mermaid cannot lay out renders this text.
        expect(text, svg).not.toContain("Syntax error in text");
        const [, , , width, height] = /viewBox="([\d.-]+) ([\d.-]+) ([\d.]+) ([\d.]+)"/.exec(text)!.map(Number);
        expect(width, `${svg} width`).toBeLessThanOrEqual(SCREEN.width);
        expect(height, `${svg} height`).toBeLessThanOrEqual(SCREEN.height);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 660_000);
});
