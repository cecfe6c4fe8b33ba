"""CSV and TSV tables (.csv, .tsv): rows of cells, in any Chinese encoding.

Decoded like a text export (:func:`perflint.ingest.decode.decode`: BOM, UTF-8,
GB18030 …), split with Python's ``csv`` module (quoted cells may hold commas
and line breaks); the delimiter is a tab for ``.tsv`` and otherwise the one of
``,``, ``;``, tab that splits the first lines most evenly.  Empty cells keep
their place, so columns line up with the header.  Places: ``D12`` (the cell as
a spreadsheet opening the file names it).
"""

from __future__ import annotations

import csv
import io

from perflint.ingest.decode import decode
from perflint.ingest.readers import ReadOptions
from perflint.ingest.render import Place, Rendering, column_letter


def _delimiter(text: str, path: str) -> str:
    if path.lower().endswith(".tsv"):
        return "\t"
    head = [line for line in text.split("\n")[:20] if line.strip()]
    best, score = ",", -1
    for delim in (",", "\t", ";"):
        counts = [line.count(delim) for line in head]
        if not counts or max(counts) == 0:
            continue
        value = sum(counts) - 2 * (max(counts) - min(counts))
        if value > score:
            best, score = delim, value
    return best


def render(data: bytes, path: str, options: ReadOptions) -> Rendering:
    text = decode(data, options.encoding).text
    out = Rendering()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text, path))
    for r, record in enumerate(reader, 1):
        while record and not record[-1].strip():
            record.pop()
        if not record:
            continue
        out.row([(cell, Place(f"{column_letter(c)}{r}")) for c, cell in enumerate(record, 1)], "csv")
    return out
