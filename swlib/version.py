"""swlib's version, as the manifest and every report's footer give it (pyproject.toml's too)."""

__version__ = "0.1.0"
