"""The review site (`extractor review`) and reviewers' corrections (`extractor apply-corrections`).

Modules, one job each:

* ``fields``       field paths: which values a record has, their groups and types, get and set
* ``view``         what a page shows of a record: values, evidence, warnings, trust
* ``pages``        page images at screen resolution, cached by the file's SHA-256
* ``html``         page shells (CSP, no inline script) and the data files they load
* ``site``         builds OUT_DIR/review/
* ``corrections``  corrections.json read, applied to records, status recomputed
* ``ledger``       the corrections table in the manifest, and carrying them over in `batch`
"""
