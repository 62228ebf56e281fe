"""Benchmarks of cchc_docgen against a plain docxtpl render: ``python -m benchmarks``."""
