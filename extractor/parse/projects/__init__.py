"""The § 5 project list, grouped under the measure-type headings.

Works on "cells": a line is split where its words leave a wide horizontal gap or a
table ruling, so a ruled table (measure type | project) reads the same way as a list
with headings above bullets. A heading cell with item cells beside it makes a table.

    cells.py         lines cut into cells; the cell, heading and item model; sums
    markers.py       list markers and numbers, as OCR misreads them
    headings.py      the measure-type headings, in any known wording
    lists.py         § 5's cells → items: a list under headings (here), a ruled table
    tables.py          (tables.py) or running text (running_text.py)
    running_text.py
    wraps.py         where a name goes on on the next line, and where the list ends
    project.py       one item → one project: name, sum, measure type, warnings
    name_text.py     a name's text mended: specks, hyphens, brackets, language levels
    doubts.py        second looks at doubtful names, and the doubts that remain
"""

from extractor.parse.projects.lists import parse_projects

__all__ = ["parse_projects"]
