"""Demo data: a realistic, deterministic province for `make demo` and the scale benchmarks."""
