/** The fake Cloudflare API stops once: test files that share a process share its list of started fakes. */
import { describe, expect, it } from "vitest";
import { closeFakeCloudflares, startFakeZone } from "../helpers/fake-cloudflare-api";

describe("the fake Cloudflare API", () => {
  it("stopped by a test itself is not stopped again by closeFakeCloudflares (the next file's clean-up)", async () => {
    const fake = await startFakeZone();
    await fake.close();
    await expect(fake.close()).resolves.toBeUndefined();
    await expect(closeFakeCloudflares()).resolves.toBeUndefined();
  });
});
