#!/usr/bin/env bash
# Set up (first time) and run the whole suite: lint, unit, AppTest and browser tests.
source "$(dirname "${BASH_SOURCE[0]}")/setup_env.sh"
setup_env requirements-dev.txt

# The browser tests drive Debian's Chromium; install it when we may (root) and it is missing.
# (Fonts for emoji and Korean make its screenshots readable; the tests do not depend on them.)
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    chromium fonts-noto-color-emoji fonts-nanum >/dev/null
fi

# The full data when it is beside the checkout (as in CI); otherwise the bundled sample.
if [ -z "${FMNIST_DATA_DIR:-}" ] && [ -d ../shared/data/fashion-mnist ]; then
  export FMNIST_DATA_DIR="$PWD/../shared/data/fashion-mnist"
fi
# Tests never reach the network: no Keras download attempts.
export FMNIST_OFFLINE=1 TF_CPP_MIN_LOG_LEVEL=2

.venv/bin/ruff check .
.venv/bin/ruff format --check .
exec .venv/bin/python -m pytest "$@"
