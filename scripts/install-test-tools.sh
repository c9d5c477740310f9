#!/usr/bin/env bash
# Installs the tools the test suite runs for real: nginx (the generated site config),
# cloud-init (user data schema), shellcheck (the boot scripts), python3 and curl (the
# instance scripts and their stand-ins for the AWS CLI and docker), PostgreSQL 15 and MariaDB
# (the application-users function's SQL), Redis (the acceptance smoke application's cache check), openssl (their TLS certificates), and Mermaid's CLI (mmdc) with Debian's Chromium (the
# plan's diagrams). Needs root (or sudo).
set -euo pipefail
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
command -v nginx >/dev/null || missing+=(nginx-light)
command -v cloud-init >/dev/null || missing+=(cloud-init)
command -v shellcheck >/dev/null || missing+=(shellcheck)
command -v python3 >/dev/null || missing+=(python3)
command -v curl >/dev/null || missing+=(curl)
# The throwaway database servers' CA and certificates (tests/helpers/throwaway-databases.ts).
command -v openssl >/dev/null || missing+=(openssl)
command -v chromium >/dev/null || missing+=(chromium)
# The application-users function's SQL runs against real servers (tests/helpers/throwaway-databases.ts).
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
command -v mariadbd >/dev/null || PATH="$PATH:/usr/sbin" command -v mariadbd >/dev/null || missing+=(mariadb-server)
# The smoke application's cache check runs against a real server (tests/acceptance/smoke-app.test.ts).
command -v redis-server >/dev/null || missing+=(redis-server)
if [ "${#missing[@]}" -gt 0 ]; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Mermaid's CLI, pinned, outside the project's dependencies (it brings a browser driver the program
# does not need). Puppeteer's own browser download is skipped: the tests point it at Debian's
# Chromium (tests/plan/diagram.test.ts).
MERMAID_CLI_VERSION=12.2.0
if ! command -v mmdc >/dev/null || [ "$(mmdc --version 2>/dev/null)" != "$MERMAID_CLI_VERSION" ]; then
  PUPPETEER_SKIP_DOWNLOAD=1 $sudo npm install -g --no-audit --no-fund "@mermaid-js/mermaid-cli@$MERMAID_CLI_VERSION"
fi
echo "test tools present: nginx, cloud-init, shellcheck, python3, curl, openssl, chromium, redis-server, mmdc $(mmdc --version)"
# The nginx and redis-server packages start servers where a service manager runs; the tests start their own.
if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then $sudo systemctl stop nginx || true; fi
if command -v systemctl >/dev/null && systemctl is-active --quiet redis-server 2>/dev/null; then $sudo systemctl stop redis-server || true; fi
