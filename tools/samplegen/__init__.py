"""Synthetic sample-scan generator for Hessian AQB target agreements."""
