// A stand-in for the `pulumi` executable, for tests of the Automation API adapter without the CLI.
// Records every invocation (argv, working folder, selected variables, start and end times) as a
// JSON line in $FAKE_PULUMI_LOG and answers the commands the SDK issues:
//   version                      → FAKE_PULUMI_VERSION (default 3.200.0: the SDK then reads engine
//                                  events from the --event-log file, which this script writes)
//   stack select --stack X       → fails with "no stack named 'X' found" when X is in FAKE_PULUMI_MISSING
//   stack output --json          → FAKE_PULUMI_OUTPUTS (masked) / FAKE_PULUMI_SECRET_OUTPUTS (--show-secrets)
//   stack history --json         → []
//   config get <key> --json      → the key of FAKE_PULUMI_CONFIG_<stack> (JSON), or "not found"
//   preview/up/refresh/destroy   → appends the JSON lines of $FAKE_PULUMI_EVENTS_DIR/<stack>.jsonl to the
//                                  event log; takes FAKE_PULUMI_RUN_MS; exits 255 with
//                                  FAKE_PULUMI_FAIL_<stack> on stderr when set; on SIGINT (the CLI's
//                                  graceful cancel) records it and exits 255 as a cancelled update
const fs = require("node:fs");
const path = require("node:path");

const argv = process.argv.slice(2);
const env = process.env;
const started = Date.now();
const stackIndex = argv.indexOf("--stack");
const stack = stackIndex >= 0 ? argv[stackIndex + 1] : undefined;

function record(code, signal) {
  if (!env.FAKE_PULUMI_LOG) return;
  const line = {
    argv,
    cwd: process.cwd(),
    env: {
      PULUMI_AUTOMATION_API: env.PULUMI_AUTOMATION_API,
      PULUMI_SKIP_UPDATE_CHECK: env.PULUMI_SKIP_UPDATE_CHECK,
      PULUMI_BACKEND_URL: env.PULUMI_BACKEND_URL,
      PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER: env.PULUMI_FALLBACK_TO_STATE_SECRETS_MANAGER,
    },
    started,
    ended: Date.now(),
    code,
    ...(signal ? { signal } : {}),
  };
  fs.appendFileSync(env.FAKE_PULUMI_LOG, `${JSON.stringify(line)}\n`);
}

function finish(code, stdout, stderr, signal) {
  if (stdout) process.stdout.write(stdout);
  if (stderr) process.stderr.write(stderr);
  record(code, signal);
  process.exit(code);
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

const [first, second] = argv;
if (first === "version") finish(0, `${env.FAKE_PULUMI_VERSION || "3.200.0"}\n`);
if (first === "install") finish(0, "");
if (first === "stack" && (second === "select" || second === "init")) {
  sleep(Number(env.FAKE_PULUMI_SELECT_MS || 0));
  const name = second === "init" ? argv[2] : stack;
  const missing = (env.FAKE_PULUMI_MISSING || "").split(",").filter(Boolean);
  if (second === "select" && missing.includes(name)) finish(255, "", `error: no stack named '${name}' found\n`);
  finish(0, second === "init" ? `Created stack '${name}'\n` : "");
}
if (first === "stack" && second === "output") {
  const secrets = argv.includes("--show-secrets");
  finish(0, (secrets ? env.FAKE_PULUMI_SECRET_OUTPUTS : env.FAKE_PULUMI_OUTPUTS) || "{}");
}
if (first === "stack" && second === "history") finish(0, "[]");
// `config get <key> --json`: FAKE_PULUMI_CONFIG_<stack> holds the stack's resolved configuration
// as JSON ({ "tenantsDir": "samples" }); a key set nowhere fails as the CLI fails (config.go getConfig).
if (first === "config" && second === "get") {
  const key = argv[2];
  const config = JSON.parse(env[`FAKE_PULUMI_CONFIG_${stack}`] || "{}");
  if (key in config) finish(0, `${JSON.stringify({ value: String(config[key]), secret: false }, null, 2)}\n`);
  finish(255, "", `error: configuration key '${key}' not found for stack '${stack}'\n`);
}
if (["preview", "up", "refresh", "destroy"].includes(first)) {
  const logIndex = argv.indexOf("--event-log");
  const eventsFile = env.FAKE_PULUMI_EVENTS_DIR && stack ? path.join(env.FAKE_PULUMI_EVENTS_DIR, `${stack}.jsonl`) : undefined;
  if (logIndex >= 0 && eventsFile && fs.existsSync(eventsFile)) {
    fs.appendFileSync(argv[logIndex + 1], fs.readFileSync(eventsFile, "utf8"));
  }
  process.on("SIGINT", () => finish(255, "", "error: update canceled\n", "SIGINT"));
  // Tells a test that the operation runs and would see a SIGINT from now on.
  if (env.FAKE_PULUMI_LOG) fs.appendFileSync(`${env.FAKE_PULUMI_LOG}.running`, `${stack}\n`);
  setTimeout(() => {
    const failure = env[`FAKE_PULUMI_FAIL_${stack}`];
    if (failure) finish(255, "", `${failure}\n`);
    finish(0, `${first} of ${stack} done\n`);
  }, Number(env.FAKE_PULUMI_RUN_MS || 0));
} else {
  finish(2, "", `fake pulumi: unexpected command ${argv.join(" ")}\n`);
}
