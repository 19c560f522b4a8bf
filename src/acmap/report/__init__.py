"""Reporters: one module per output format. A reporter formats; it never decides."""
