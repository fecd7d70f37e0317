"""In which order the files of a parallel run are handed out to the workers.

Longest first (most pages, then most bytes): a long scan started last would leave the
other workers idle at the end. File size alone misleads: a bilevel TIFF of three pages is
smaller than a one-page greyscale scan.

But the last file handed out is a scan of several pages when there is one: a worker that
runs out of files lends its core to the pages of a document still being read
(``ingest.spare_cores``), and a one-page file has no page left to share, so ending on one
leaves a core idle for a whole page (measured on the samples with two workers: the last
second of the run on one core).
"""

from __future__ import annotations

from collections.abc import Mapping

Size = tuple[int, int]  # (pages, bytes)


def handing_out_order(sizes: Mapping[int, Size]) -> list[int]:
    """The files' indexes in the order to hand them out."""
    order = sorted(sizes, key=lambda index: sizes[index], reverse=True)
    if order and sizes[order[-1]][0] == 1:
        shareable = [index for index in order if sizes[index][0] > 1]
        if shareable:
            last = shareable[-1]  # the shortest of them: the least left to do alone
            order.remove(last)
            order.append(last)
    return order
