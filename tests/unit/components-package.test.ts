/**
 * components/ as a package of its own: built with its tsconfig, installed into a separate consumer
 * program, and used there (under Pulumi's mocks) through its public entry points.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeTempFolders, tempFolder } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

const CONSUMER = `
const pulumi = require("@pulumi/pulumi");
const registered = [];
pulumi.runtime.setMocks({
  newResource: (args) => { registered.push(args.type + " " + args.name); return { id: args.name + "-id", state: args.inputs }; },
  call: (args) => ({ accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/x", id: "x", userId: "x" }),
}, "consumer", "dev", false);
const { Network } = require("@tenant-platform/components/network");
const { TenantKey } = require("@tenant-platform/components/tenant-key");
const { renderNginxSite } = require("@tenant-platform/components/web-tier");
if (!renderNginxSite({ appPort: 8080, proxyCidrs: ["10.1.0.0/16"], cloudflareCidrs: ["173.245.48.0/20"] }).includes("server 127.0.0.1:8080;")) throw new Error("web-tier export");
const all = require("@tenant-platform/components");
const network = new Network("shop", { cidrBlock: "10.1.0.0/16", availabilityZones: ["us-east-1a", "us-east-1b"], nat: "none" });
new TenantKey("shop", { alias: "shop", region: "us-east-1" });
network.vpcId.apply(() => setTimeout(() => {
  console.log(JSON.stringify({ exports: Object.keys(all).sort(), registered: registered.sort() }));
}, 200));
`;

describe("@tenant-platform/components", () => {
  it("builds, installs and runs in another Pulumi program", () => {
    const consumer = tempFolder();
    // Installed as npm would: the package's files inside the consumer's node_modules.
    const pkg = path.join(consumer, "node_modules/@tenant-platform/components");
    mkdirSync(pkg, { recursive: true });
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "components/tsconfig.build.json", "--outDir", path.join(pkg, "dist")]);
    copyFileSync("components/package.json", path.join(pkg, "package.json"));
    expect(existsSync(path.join(pkg, "dist/network/index.d.ts"))).toBe(true);
    // The consumer's own @pulumi packages (the peer dependencies): the same files, so one SDK copy.
    symlinkSync(path.resolve("node_modules/@pulumi"), path.join(consumer, "node_modules/@pulumi"));
    // Its own dependencies, as npm would install them from components/package.json.
    const { dependencies } = JSON.parse(readFileSync("components/package.json", "utf8")) as { dependencies: Record<string, string> };
    for (const name of Object.keys(dependencies)) symlinkSync(path.resolve("node_modules", name), path.join(consumer, "node_modules", name));
    writeFileSync(path.join(consumer, "index.js"), CONSUMER);

    const output = execFileSync(process.execPath, ["index.js"], { cwd: consumer, encoding: "utf8" });
    const result = JSON.parse(output.trim().split("\n").pop()!);
    expect(result.exports).toEqual(expect.arrayContaining(["Network", "TenantKey", "WebTier", "MediaBucket", "Mail", "ExportLocation", "layoutSubnets", "parseCidr", "renderNginxSite"]));
    expect(result.registered).toEqual(expect.arrayContaining([
      "aws:ec2/vpc:Vpc shop-vpc",
      "aws:ec2/subnet:Subnet shop-private-b",
      "aws:kms/key:Key shop-key",
      "tenant-platform:network:Network shop",
    ]));
    expect(result.registered.filter((r: string) => r.startsWith("aws:ec2/natGateway"))).toEqual([]);
    // tsc builds the whole package: about 20 s alone, past a minute on a loaded machine.
  }, 300_000);
});
