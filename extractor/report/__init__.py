"""The report across regions and years: cross-document checks and a static HTML page."""

# A budget this many times its neighbours' (or a fraction as small) is a likely digit slip;
# budgets move by tens of percent from one year to the next, a dropped digit by ten times.
# Here, not in checks.py, so that the command line can show it without importing the checks.
DEFAULT_JUMP_FACTOR = 3.0
