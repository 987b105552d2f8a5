#!/usr/bin/env bash
# bench/ingest.sh [N] [RUNS]: first sync of N (default 10,000) messages from a
# local Dovecot, replydesk against mbsync in the same run. Needs root, Dovecot,
# Postfix and isync (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/test-deps.sh
command -v mbsync >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq isync >/dev/null; }
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o bin/replydesk ./cmd/replydesk
go run ./bench/ingest -n "${1:-10000}" -runs "${2:-3}" -replydesk bin/replydesk
