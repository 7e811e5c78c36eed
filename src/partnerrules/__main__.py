"""Run the partnerrules command line: ``python -m partnerrules``."""

from partnerrules.cli import main

raise SystemExit(main())
