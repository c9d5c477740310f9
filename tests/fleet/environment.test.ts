/** The environment description and warnings printed before a fleet run. */
import { describe, expect, it } from "vitest";
import { describeEnvironment, isDiyBackend } from "../../tools/fleet/environment";

describe("describeEnvironment", () => {
  it("names the backend, hiding credentials in its URL", () => {
    expect(describeEnvironment({ PULUMI_BACKEND_URL: "s3://user:pw@state?region=eu-central-1", PULUMI_CONFIG_PASSPHRASE: "x", CLOUDFLARE_API_TOKEN: "t", AWS_PROFILE: "p" }, undefined, true)).toEqual({
      info: ["backend: s3://***@state?region=eu-central-1"],
      warnings: [],
    });
    expect(describeEnvironment({}, undefined, false).info).toEqual(["backend: the Pulumi CLI's current login (PULUMI_BACKEND_URL not set)"]);
  });

  it("warns about a DIY backend without passphrase or secrets provider, and missing cloud credentials", () => {
    const { warnings } = describeEnvironment({ PULUMI_BACKEND_URL: "file:///tmp/state", CI: "true" }, undefined, true);
    expect(warnings.join("\n")).toMatch(/DIY backend with neither PULUMI_CONFIG_PASSPHRASE/);
    expect(warnings.join("\n")).toMatch(/CLOUDFLARE_API_TOKEN is not set/);
    expect(warnings.join("\n")).toMatch(/no AWS credentials/);
    expect(describeEnvironment({ PULUMI_BACKEND_URL: "file:///tmp/state" }, "awskms://alias/x", false)).toEqual({
      info: ["backend: file:///tmp/state", "secrets provider for new stacks: awskms://alias/x"],
      warnings: [],
    });
    expect(describeEnvironment({ CI: "true" }, undefined, false).warnings).toEqual(["in CI without PULUMI_BACKEND_URL or PULUMI_ACCESS_TOKEN the CLI has no backend to log in to"]);
  });

  it("tells DIY backends from Pulumi Cloud", () => {
    expect(["s3://b", "file:///x", "gs://b", "azblob://c"].map(isDiyBackend)).toEqual([true, true, true, true]);
    expect([undefined, "https://api.pulumi.com"].map(isDiyBackend)).toEqual([false, false]);
  });
});
