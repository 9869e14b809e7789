"""Allow ``python -m malstyrning``."""

from malstyrning.cli import main

main()
