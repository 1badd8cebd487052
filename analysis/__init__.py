"""Analysis of feedback: plain Python, importable and testable without Flask."""
