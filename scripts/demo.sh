#!/usr/bin/env bash
# Sets everything up and runs the demo (see README "Quick start").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/ai-canary-exporter demo "$@"
