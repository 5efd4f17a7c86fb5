"""What the fork server loads before it forks parsing workers, so every worker starts with it.

The pipeline's modules and the language model: loaded once here and shared by the forked workers,
instead of once in each worker on its first file.
"""

from __future__ import annotations

from . import pipeline  # noqa: F401  (imported for the fork server; workers run its functions)
from .language import load_model

load_model()
