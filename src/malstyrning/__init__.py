"""malstyrning — mål- och resultatstyrning som text i git."""

# The one place the version is written: the package metadata (pyproject.toml's dynamic
# version), --version, the JSON and SARIF outputs and the cache key all read it from
# here. A release is tagged v<version> and has a section in CHANGELOG.md.
__version__ = "0.5.0"
