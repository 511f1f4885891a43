#!/usr/bin/env bash
# Set up (first time) and start the dashboard on http://localhost:8501.
source "$(dirname "${BASH_SOURCE[0]}")/setup_env.sh"
setup_env requirements.txt
exec .venv/bin/python -m streamlit run dashboard.py "$@"
