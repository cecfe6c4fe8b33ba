"""A trust backstop for indicator tables read from text whose cells came apart.

Some texts of a table (a PDF's text layer above all) give its cells one per line in block
order: a table that prints two column sets side by side (the declared and the approved
targets, 申报 / 批复) gives every row twice, and a category cell wrapped over two or three
lines ("数量指标(或建筑规" / "模指标)", "社会、经济、" / "生态效益指标") gives pieces of
a label that a reader takes for names and values.  Each such row on its own may look like
a row; many of them in one table say its rows were not told apart, and no finding about
them is one a reviewer can stand behind.
"""

from __future__ import annotations

import re
import unicodedata

from perflint.domain.model import Declaration

#: rows of one table that look doubled or broken before its reading is not trusted: at
#: least this many, and at least this share of the table's rows
MIN_SUSPECT_ROWS = 3
MIN_SUSPECT_SHARE = 0.25

#: the end of a category label cut off its start ("模指标)", "标)", "制指标", "指标")
_LABEL_TAIL = re.compile(r"^[\u4e00-\u9fff]{0,3}指?标[)）]?$")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _compact(text: str | None) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or ""))


def _unbalanced(cell: str) -> bool:
    """A bracket opened and not closed in the cell, or closed and not opened: a cell cut
    inside a bracketed note ("(或建筑规", "模指标)")."""
    return cell.count("(") != cell.count(")")


def _words(cell: str) -> int:
    return len(_CJK.findall(cell))


def _broken(cell: str) -> bool:
    """A cell that is a piece of a wrapped label rather than a whole cell: a bracket left
    open or closed, or a list of words cut after its comma ("社会、经济、")."""
    return _words(cell) >= 1 and (_unbalanced(cell) or (_words(cell) >= 2 and cell.endswith(("、", ","))))


def _twice(cell: str | None) -> bool:
    """The same cell twice in one cell, apart by a blank ("20辆 20辆"): two column sets."""
    parts = unicodedata.normalize("NFKC", cell or "").split()
    return len(parts) == 2 and parts[0] == parts[1]


def suspect_rows(decl: Declaration) -> list[int]:
    """Rows that are a repeat of an earlier row of the same table (the same name), hold the
    same cell twice, or hold a piece of a wrapped label as their name or value."""
    seen: set[str] = set()
    out = []
    for i, ind in enumerate(decl.indicators):
        name = _compact(ind.content or ind.level3)
        value = _compact(ind.value)
        # the same name again: a name of words (a figure or a serial number repeats freely)
        twin = _words(name) >= 2 and name in seen
        twice = _twice(ind.value)
        broken = _broken(name) or _broken(value) or (bool(value) and _LABEL_TAIL.match(value) is not None)
        if twin or twice or broken:
            out.append(i)
        if name:
            seen.add(name)
    return out


def rows_misread(decl: Declaration) -> bool:
    """Whether so many rows of the table look doubled or broken that its reading is not
    trusted (see the module's docstring)."""
    rows = len(decl.indicators)
    suspects = len(suspect_rows(decl))
    if suspects >= MIN_SUSPECT_ROWS and suspects >= MIN_SUSPECT_SHARE * rows:
        return True
    # a short table (the text stops a few rows into it): two suspect rows of four are as
    # telling as three of twelve
    return suspects >= 2 and suspects * 2 >= rows
