"""`python -m exporter` is the `ai-canary-exporter` console script."""

from exporter.cli import main

raise SystemExit(main())
