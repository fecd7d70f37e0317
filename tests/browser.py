"""Debian's chromium for the browser tests, driven by Playwright (which never downloads a
browser of its own here); the flags keep it off the network this machine does not have."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
