/* global process, setInterval, clearInterval -- Node.js globals */
// The canary's worker command: stays running without touching the queue, so that the web
// container's send/receive check is the queue's only consumer.
const timer = setInterval(() => {}, 60_000);
process.on("SIGTERM", () => {
  clearInterval(timer);
  process.exit(0);
});
