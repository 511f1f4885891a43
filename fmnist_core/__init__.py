"""Fashion-MNIST CNN Studio engine: data, architectures, training, evaluation, inference.

Importable and testable without Streamlit; the dashboard's pages call its public functions.
"""

import os

# TensorFlow's C++ start-up chatter (oneDNN, CUDA probes) buries our own messages; warnings and
# errors still show. Set before any backend import, and only when the user has not chosen.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

__version__ = "0.1.0"
