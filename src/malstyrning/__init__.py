"""malstyrning — mål- och resultatstyrning som text i git."""

__version__ = "0.1.0"
