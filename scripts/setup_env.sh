# Sourced by start.sh and test.sh: make .venv (Python 3.11+) and install a requirements file into it.
# Re-installs only when the requirements file changed, so a second start is immediate.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Fashion-MNIST CNN Studio needs Python 3.11 or newer as '$PYTHON' (set PYTHON=... to choose one)." >&2
  exit 1
fi

setup_env() {
  local requirements="$1"
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  local stamp=".venv/.installed-$(basename "$requirements")"
  local digest
  digest=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]; then
    echo "Installing $requirements into .venv (first time takes a few minutes)…"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$digest" > "$stamp"
  fi
}
