"""Judges: the deterministic judge, the model judges (one structured call each), voting and
the combination of both under guardrails. Only this package talks to model SDKs."""
