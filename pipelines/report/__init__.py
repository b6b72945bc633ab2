"""The analyst report: a self-contained HTML page drawn from the warehouse views."""
