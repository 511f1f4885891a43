# Sourced by start.sh and test.sh: make .venv (Python 3.11+) and install a requirements file into it,
# with TensorFlow's CUDA build when this machine has an NVIDIA GPU (requirements-gpu.txt).
# Re-installs only when the requirements or the build changed, so a second start is immediate.
#   FMNIST_GPU=1 / FMNIST_GPU=0   force the CUDA / the CPU build (unset: ask nvidia-smi)
#   FMNIST_SETUP_DRY_RUN=1        print the pip commands it would run, then exit
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "Fashion-MNIST CNN Studio needs Python 3.11 or newer as '$PYTHON' (set PYTHON=... to choose one)." >&2
  exit 1
fi

# FMNIST_SETUP_DRY_RUN=1 (or true, yes): say what would be installed, install nothing.
case "${FMNIST_SETUP_DRY_RUN:-}" in
  1 | true | yes) DRY_RUN=1 ;;
  *) DRY_RUN=0 ;;
esac

# Sets BUILD (cuda or cpu) and WHY, the reason in words.
choose_build() {
  local listed count
  case "${FMNIST_GPU:-}" in
    1) BUILD=cuda WHY="FMNIST_GPU=1 asks for it" ;;
    0) BUILD=cpu WHY="FMNIST_GPU=0 asks for it" ;;
    "")
      if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
        BUILD=cpu WHY="TensorFlow's CUDA build is for Linux x86_64, this is $(uname -s) $(uname -m)"
      elif ! command -v nvidia-smi >/dev/null 2>&1; then
        BUILD=cpu WHY="no nvidia-smi here, so no NVIDIA GPU to use; FMNIST_GPU=1 forces the CUDA build"
      elif listed=$(nvidia-smi -L 2>/dev/null) && count=$(grep -c '^GPU [0-9]' <<<"$listed"); then
        BUILD=cuda WHY="nvidia-smi lists $count GPU$([ "$count" = 1 ] || echo s), the first $(sed -n '1s/^GPU 0: \(.*\) (UUID.*/\1/p' <<<"$listed")"
      else
        BUILD=cpu WHY="nvidia-smi lists no GPU, so its driver may not be working; FMNIST_GPU=1 forces the CUDA build"
      fi
      ;;
    *)
      echo "FMNIST_GPU must be 1 (TensorFlow's CUDA build), 0 (its CPU build) or unset (ask nvidia-smi), not '$FMNIST_GPU'." >&2
      exit 1
      ;;
  esac
}

setup_env() {
  local requirements="$1"
  choose_build
  local files=(-r "$requirements")
  [ "$BUILD" = cuda ] && files+=(-r requirements-gpu.txt)
  if [ "$BUILD" = cuda ]; then
    echo "TensorFlow: the CUDA build ($WHY)."
  else
    echo "TensorFlow: the CPU build ($WHY)."
  fi

  local stamp=".venv/.installed-$(basename "$requirements")"
  local digest
  digest=$( (cat requirements*.txt; echo "$BUILD") | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" = "$digest" ] && [ -x .venv/bin/python ]; then
    if [ "$DRY_RUN" = 1 ]; then
      echo "would run nothing: .venv already has $requirements with this build"
      exit 0
    fi
    return 0
  fi
  local pip=(.venv/bin/python -m pip)
  # Back to the CPU build: the CUDA wheels would still make TensorFlow use the GPU.
  local cuda_wheels=()
  if [ "$BUILD" = cpu ] && [ -x .venv/bin/python ]; then
    mapfile -t cuda_wheels < <("${pip[@]}" freeze 2>/dev/null | sed -n 's/^\(nvidia-[A-Za-z0-9_.-]*\)==.*/\1/p')
  fi
  if [ "$DRY_RUN" = 1 ]; then
    [ -x .venv/bin/python ] || echo "would run: $PYTHON -m venv .venv"
    [ ${#cuda_wheels[@]} -eq 0 ] || echo "would run: ${pip[*]} uninstall -y ${cuda_wheels[*]}"
    echo "would run: ${pip[*]} install --quiet --disable-pip-version-check ${files[*]}"
    exit 0
  fi
  [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
  echo "Installing $requirements into .venv (first time takes a few minutes)…"
  [ ${#cuda_wheels[@]} -eq 0 ] || "${pip[@]}" uninstall --quiet -y "${cuda_wheels[@]}"
  "${pip[@]}" install --quiet --disable-pip-version-check "${files[@]}"
  echo "$digest" > "$stamp"
}
