/**
 * The secrets script run for real (bash) against the AWS CLI v2 stand-in: what reaches tmpfs,
 * and what happens when a secret cannot be read.
 */
import { spawn } from "node:child_process";
import { readFileSync, readdirSync, readlinkSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { afterAll, describe, it } from "vitest";
import type { UserDataOptions } from "../../components/web-tier/user-data";
import { FakeInstance } from "../helpers/instance-harness";
import { toolsAvailable } from "../helpers/system-tools";
import { removeTempFolders } from "../helpers/temp-tenants";

afterAll(removeTempFolders);

const DB = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:acme/db-AbCdEf";
const API = "arn:aws:secretsmanager:us-east-1:123456789012:secret:shared/api-QwErTy";

function worker(secrets: Record<string, string>): UserDataOptions {
  return {
    role: "worker",
    region: "eu-central-1",
    architecture: "arm64",
    app: { image: "ghcr.io/acme/site:1.4", port: 8080, command: ["celery", "worker"], secrets },
    appLogGroup: "/tenant/acme/worker",
  };
}

describe.runIf(toolsAvailable("python3")).concurrent("the secrets script", () => {
  it("the AWS CLI stand-in answers like CLI v2: 252 for bad options, 253 without a region, 254 for service errors, 255 unreachable", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, worker({}));
    const aws = async (...args: string[]) => {
      const { execFile } = await import("node:child_process");
      return new Promise<{ code: number; stderr: string }>((resolve) => {
        execFile("aws", args, { env: instance.env({}) }, (error, _stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }));
      });
    };
    expect(await aws("secretsmanager", "get-secret-value", "--region", "eu-central-1", "--secret-id", DB, "--with-decryption")).toMatchObject({ code: 252, stderr: expect.stringContaining("Unknown options: --with-decryption") });
    expect(await aws("ssm", "get-parameter", "--region", "eu-central-1")).toMatchObject({ code: 252, stderr: expect.stringContaining("required: --name") });
    expect((await aws("secretsmanager", "get-secret-value", "--secret-id", DB)).code).toBe(253);
    expect(await aws("secretsmanager", "get-secret-value", "--region", "eu-central-1", "--secret-id", DB)).toMatchObject({ code: 254, stderr: expect.stringContaining("ResourceNotFoundException") });
    instance.setAws({ unreachable: ["ssm"] });
    expect((await aws("ssm", "get-parameter", "--region", "eu-central-1", "--name", "/x")).code).toBe(255);
    instance.setAws({ secrets: { [DB]: { SecretString: "x" } }, denied: ["secretsmanager"] });
    expect(await aws("secretsmanager", "get-secret-value", "--region", "eu-central-1", "--secret-id", DB)).toMatchObject({ code: 254, stderr: expect.stringContaining("(AccessDeniedException) when calling the GetSecretValue operation") });
    instance.setAws({ secrets: { [DB]: { SecretString: "x" } }, noCredentials: true });
    expect(await aws("secretsmanager", "get-secret-value", "--region", "eu-central-1", "--secret-id", DB)).toMatchObject({ code: 253, stderr: expect.stringContaining("Unable to locate credentials") });
  });

  it("the stand-in answers a SecureString parameter with its ciphertext unless asked to decrypt, as SSM does", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, worker({}));
    instance.setAws({ parameters: { "/acme/key": "plain-value" } });
    const value = async (...extra: string[]) => {
      const { execFile } = await import("node:child_process");
      return new Promise<string>((resolve) => {
        execFile("aws", ["ssm", "get-parameter", "--region", "eu-central-1", "--name", "/acme/key", "--query", "Parameter.Value", "--output", "text", ...extra],
          { env: instance.env({}) }, (_error, stdout) => resolve(stdout.trim()));
      });
    };
    expect(await value("--with-decryption")).toBe("plain-value");
    expect(await value()).not.toContain("plain-value");
    expect(await value("--no-with-decryption")).not.toContain("plain-value");
  });

  it("resolves Secrets Manager (one JSON key or the whole string) and SSM into files and an env file on tmpfs, then reports unchanged", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, worker({ DATABASE_PASSWORD: `${DB}#password`, API_TOKEN: API, SIGNING_KEY: "ssm:/acme/signing-key" }));
    instance.setAws({
      secrets: { [DB]: { SecretString: JSON.stringify({ username: "acme", password: "s3cr#t p@ss=1" }) }, [API]: { SecretString: "plain-token" } },
      parameters: { "/acme/signing-key": "k3y with spaces" },
    });
    const first = await instance.script("secrets");
    expect(first).toMatchObject({ code: 0, stdout: "changed\n" });
    const run = instance.layout.runDir;
    expect(readFileSync(path.join(run, "secrets.env"), "utf8")).toBe("DATABASE_PASSWORD=s3cr#t p@ss=1\nAPI_TOKEN=plain-token\nSIGNING_KEY=k3y with spaces\n");
    expect(readFileSync(path.join(run, "secrets", "DATABASE_PASSWORD"), "utf8")).toBe("s3cr#t p@ss=1");
    expect(statSync(run).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(run, "secrets.env")).mode & 0o777).toBe(0o600);
    expect(readdirSync(run).filter((f) => f.startsWith("staging"))).toEqual([]);
    // Each secret is read in its own region (the ARN's), with the options the real CLI takes.
    expect(instance.awsCalls().map((c) => [c.service, c.region, c.options["--secret-id"] ?? c.options["--name"], c.flags])).toEqual([
      ["secretsmanager", "eu-central-1", DB, []],
      ["secretsmanager", "us-east-1", API, []],
      ["ssm", "eu-central-1", "/acme/signing-key", ["--with-decryption"]],
    ]);
    expect(await instance.script("secrets")).toMatchObject({ code: 0, stdout: "unchanged\n" });
  });

  it("takes every key of one secret from a single read, so a user and its password always belong together", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, worker({ DATABASE_USER: `${DB}#username`, DATABASE_PASSWORD: `${DB}#password` }));
    // The application users' secret is rotated between the two keys' reads, were there two.
    instance.setAws({ rotatingSecrets: { [DB]: [
      { SecretString: JSON.stringify({ username: "app_a", password: "password-of-a" }) },
      { SecretString: JSON.stringify({ username: "app_b", password: "password-of-b" }) },
    ] } });
    expect((await instance.script("secrets")).code).toBe(0);
    const run = instance.layout.runDir;
    expect(readFileSync(path.join(run, "secrets.env"), "utf8")).toBe("DATABASE_USER=app_a\nDATABASE_PASSWORD=password-of-a\n");
    expect(instance.awsCalls().filter((c) => c.options["--secret-id"] === DB)).toHaveLength(1);
    // The next run reads the rotated version, again once for both keys.
    expect(await instance.script("secrets")).toMatchObject({ code: 0, stdout: "changed\n" });
    expect(readFileSync(path.join(run, "secrets.env"), "utf8")).toBe("DATABASE_USER=app_b\nDATABASE_PASSWORD=password-of-b\n");
  });

  it("swaps the user file and the password file together: a reader resolving /run/secrets/.current once never sees a mixed pair", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, worker({ DATABASE_USER: `${DB}#username`, DATABASE_PASSWORD: `${DB}#password` }));
    const pair = (user: string) => ({ secrets: { [DB]: { SecretString: JSON.stringify({ username: user, password: `password-of-${user}` }) } } });
    instance.setAws(pair("app_a"));
    expect((await instance.script("secrets")).stdout).toBe("changed\n");
    const secrets = path.join(instance.layout.runDir, "secrets");
    // What the container sees at /run/secrets/<NAME>: relative links, so they resolve inside the mount too.
    expect(readlinkSync(path.join(secrets, "DATABASE_USER"))).toBe(".current/DATABASE_USER");
    expect(readFileSync(path.join(secrets, "DATABASE_PASSWORD"), "utf8")).toBe("password-of-app_a");
    expect(statSync(path.join(secrets, ".current")).mode & 0o777).toBe(0o755);
    expect(statSync(path.join(secrets, "DATABASE_USER")).mode & 0o777).toBe(0o444);
    // An application re-reading the pair on an authentication failure, as fast as it can, while the secret rotates.
    const stop = path.join(instance.dir, "stop-reader");
    const reader = spawn("python3", ["-c", `
import os, sys
secrets, stop = sys.argv[1], sys.argv[2]
reads = mixed = missing = 0
while not os.path.exists(stop):
    version = os.path.realpath(os.path.join(secrets, ".current"))
    try:
        user = open(os.path.join(version, "DATABASE_USER")).read()
        password = open(os.path.join(version, "DATABASE_PASSWORD")).read()
    except FileNotFoundError:
        missing += 1
        continue
    reads += 1
    if password != "password-of-" + user:
        mixed += 1
print(reads, mixed, missing)
`, secrets, stop]);
    const counts = new Promise<string>((resolve) => {
      let out = "";
      reader.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      reader.on("exit", () => resolve(out.trim()));
    });
    for (let i = 0; i < 6; i++) {
      instance.setAws(pair(i % 2 === 0 ? "app_b" : "app_a"));
      expect((await instance.script("secrets")).stdout).toBe("changed\n");
    }
    writeFileSync(stop, "");
    const [reads, mixed, missing] = (await counts).split(" ").map(Number);
    expect(reads).toBeGreaterThan(0);
    expect({ mixed, missing }).toEqual({ mixed: 0, missing: 0 });
    // The current version and the one before it (for a reader that resolved it just before the swap); older ones are gone.
    expect(readdirSync(secrets).filter((f) => f.startsWith(".v-"))).toHaveLength(2);
    expect(readFileSync(path.join(secrets, "DATABASE_USER"), "utf8")).toBe("app_a");
    expect(await instance.script("secrets")).toMatchObject({ code: 0, stdout: "unchanged\n" });
  }, 60_000);

  it("passes numbers, booleans and objects of a JSON secret as JSON text, never Python's spelling", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, worker({ PORT_NUMBER: `${DB}#port`, FLAG: `${DB}#tls`, EXTRA: `${DB}#extra` }));
    instance.setAws({ secrets: { [DB]: { SecretString: JSON.stringify({ port: 5432, tls: true, extra: { a: [1, 2] } }) } } });
    expect((await instance.script("secrets")).code).toBe(0);
    expect(readFileSync(path.join(instance.layout.runDir, "secrets.env"), "utf8")).toBe('PORT_NUMBER=5432\nFLAG=true\nEXTRA={"a":[1,2]}\n');
  });

  it.for([
    ["a binary secret", { SecretBinary: Buffer.from("bytes").toString("base64") }, `${DB}`, "secret DATABASE_PASSWORD is binary (SecretBinary)"],
    ["a key of a secret that is not JSON", { SecretString: "just-a-password" }, `${DB}#password`, "asks for the key password, but its secret is not a JSON object"],
    ["a key the JSON secret lacks", { SecretString: '{"username":"acme"}' }, `${DB}#password`, "the secret has no key password"],
    ["a value spanning lines", { SecretString: "line one\nline two" }, `${DB}`, "spans several lines"],
  ] as const)("refuses %s and keeps the secrets resolved before", async ([, secret, reference, message], { expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, worker({ DATABASE_PASSWORD: reference }));
    instance.setAws({ secrets: { [DB]: { SecretString: '{"password":"old"}' } } });
    // The reference with a key resolves first; for whole-secret references the old value is the JSON text.
    await instance.script("secrets");
    const before = readFileSync(path.join(instance.layout.runDir, "secrets.env"), "utf8");
    instance.setAws({ secrets: { [DB]: secret } });
    const result = await instance.script("secrets");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(message);
    expect(readFileSync(path.join(instance.layout.runDir, "secrets.env"), "utf8")).toBe(before);
  });

  it("fails naming the variable when Secrets Manager cannot find the secret or cannot be reached, changing nothing", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, worker({ DATABASE_PASSWORD: `${DB}#password`, API_TOKEN: API }));
    instance.setAws({ secrets: { [DB]: { SecretString: '{"password":"p1"}' } } });
    const missing = await instance.script("secrets");
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("ResourceNotFoundException");
    expect(missing.stderr).toContain("cannot read the secret of API_TOKEN (aws exited 254)");
    instance.setAws({ unreachable: ["secretsmanager"] });
    expect((await instance.script("secrets")).stderr).toContain("cannot read the secret of DATABASE_PASSWORD (aws exited 255)");
    expect(() => statSync(path.join(instance.layout.runDir, "secrets.env"))).toThrow();
  });

  it("fails naming the variable when the role may not read a secret or parameter (254) or the instance has no credentials (253), keeping what it had", async ({ expect, onTestFinished }) => {
    const instance = await FakeInstance.create(onTestFinished, worker({ DATABASE_PASSWORD: `${DB}#password`, SIGNING_KEY: "ssm:/acme/signing-key" }));
    const values = { secrets: { [DB]: { SecretString: '{"password":"p1"}' } }, parameters: { "/acme/signing-key": "k1" } };
    instance.setAws(values);
    expect((await instance.script("secrets")).stdout).toBe("changed\n");
    const before = readFileSync(path.join(instance.layout.runDir, "secrets.env"), "utf8");
    instance.setAws({ ...values, denied: ["ssm"] });
    const denied = await instance.script("secrets");
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toContain("AccessDeniedException");
    expect(denied.stderr).toContain("cannot read the parameter of SIGNING_KEY (aws exited 254)");
    instance.setAws({ ...values, noCredentials: true });
    const anonymous = await instance.script("secrets");
    expect(anonymous.code).not.toBe(0);
    expect(anonymous.stderr).toContain("cannot read the secret of DATABASE_PASSWORD (aws exited 253)");
    expect(readFileSync(path.join(instance.layout.runDir, "secrets.env"), "utf8")).toBe(before);
  });
});
