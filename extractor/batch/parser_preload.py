"""Imported by a Dask worker's fork server (``executors.DASK_PRELOAD``) for its side effect:
the spaCy pipeline loaded once there. Every file on a Dask worker runs in a fresh child of
that server, which would otherwise load the pipeline again (0.2 s a file)."""

from extractor.nlp import load_pipeline

load_pipeline()
