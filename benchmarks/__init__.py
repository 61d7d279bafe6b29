"""Runnable measurements: ``python -m benchmarks.<name> --help``. Results go in RESULTS.md."""
