"""Typed data for analysts: Parquet files and a Frictionless data package over the CSV tables."""

from extractor.dataset.build import write_dataset
from extractor.dataset.datapackage import DATAPACKAGE_FILE, datapackage, write_datapackage
from extractor.dataset.parquet import DATASET_DIR, PARQUET_TABLES, arrow_schema, write_parquet

__all__ = [
    "DATAPACKAGE_FILE",
    "DATASET_DIR",
    "PARQUET_TABLES",
    "arrow_schema",
    "datapackage",
    "write_datapackage",
    "write_dataset",
    "write_parquet",
]
