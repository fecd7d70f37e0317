"""agreement-extractor: signed, scanned AQB target agreements in, structured data out."""

__version__ = "0.1.0"

# Bumped whenever a change can alter what the pipeline extracts; the batch manifest
# reprocesses files handled by an older pipeline version.
PIPELINE_VERSION = "48"
