"""Run the goalcheck command line: `python -m goalcheck check goals.md`."""

from goalcheck.cli import main

main()
