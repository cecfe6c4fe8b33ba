#!/usr/bin/env python3
"""Metamorphic layout tests: the same form in the layouts real pages use must read the same.

perflint reads the development forms well and each new hold-out set badly,
because every new site prints the same kind of table in a new text layout.
This harness finds such weaknesses without new real forms (issue 12):

1. it takes the labelled development forms (``tests/data/real/r1xx``–``r8xx``,
   never a hold-out set) and keeps each declaration whose indicator rows
   perflint reads right against the form's gold file;
2. from perflint's own reading of that declaration (year, name, department,
   implementing unit, total, goal, indicator rows) it writes one clean form
   in each layout family of ``../shared/corpus/README.md`` — pipe rows,
   one cell per line, cells ending `` |`` with bare ``|`` row marks, tabs,
   runs of spaces, an HTML table, merged 一级/二级 labels (on a group's first
   row only, in pipe rows and as HTML ``rowspan``), full-width or ASCII
   punctuation;
3. it reads and checks every rendering and compares: the key fields and the
   indicator rows (level 1, level 2, content, value) against what was
   rendered, and the rule codes per indicator (and per field) against the
   other renderings of the same form — a finding that only some layouts give
   depends on the layout, so it is suspect.

    python benchmarks/metamorphic.py                 # the summary per layout
    python benchmarks/metamorphic.py --details 20    # and the first differences of each layout
    python benchmarks/metamorphic.py --json          # the figures as JSON
    python benchmarks/metamorphic.py --layout tab --only r3   # one layout, some forms

The hold-out sets (``holdout`` in benchmarks/accuracy-floor.json) are never read.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perflint.catalog import builtin_catalog  # noqa: E402
from perflint.domain.model import Declaration  # noqa: E402
from perflint.engine.config import Config  # noqa: E402
from perflint.engine.core import Engine  # noqa: E402
from perflint.ingest.files import CHECKED_KINDS, load_bytes, load_file  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
TODAY = "2026-12-04"

# -- the model of one form ----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    level1: str
    level2: str
    content: str
    value: str


@dataclass(frozen=True)
class Model:
    """What is rendered: the key fields and indicator rows of one declaration."""

    ident: str
    year: int | None
    name: str
    department: str
    unit: str
    total: str
    total_unit: str
    goal: str
    rows: tuple[Row, ...]

    def fields(self) -> dict[str, str]:
        return {
            "year": "" if self.year is None else str(self.year),
            "name": self.name,
            "department": self.department,
            "unit": self.unit,
            "total": self.total,
        }


def _clean(text: str | None) -> str:
    """A cell's text on one line (a layout's separators never occur inside a cell)."""
    return " ".join((text or "").replace("|", "/").split())


def model_of(ident: str, decl: Declaration) -> Model:
    total = decl.money.total
    amount = ""
    if total is not None:
        amount = str(total.amount) if total.amount is not None else _clean(total.text)
    goal = next((v for v in decl.goals.values() if v), "")
    return Model(
        ident=ident,
        year=decl.year,
        name=_clean(decl.name),
        department=_clean(decl.department),
        unit=_clean(decl.implementing_unit),
        total=amount,
        total_unit=(total.unit if total is not None and total.unit else "万元"),
        goal=_clean(goal),
        rows=tuple(
            Row(_clean(i.level1), _clean(i.level2), _clean(i.content), _clean(i.value))
            for i in decl.indicators
            if _clean(i.content)
        ),
    )


# -- layouts ------------------------------------------------------------------------------------

#: a table as rows of cells; ``None`` is a cell merged into the one above (left out of text rows)
Table = list[list[str | None]]


def table_of(model: Model, merged: bool = False) -> Table:
    # every field's row is written, blank when perflint read no value: a label left out would
    # make the form look cut short in some layouts and complete in others
    rows: Table = [
        ["项目名称", model.name],
        ["主管部门", model.department],
        ["实施单位", model.unit],
        [f"项目资金({model.total_unit})", "年度资金总额", model.total],
        ["年度绩效目标", model.goal],
    ]
    rows.append(["一级指标", "二级指标", "三级指标", "指标值"])
    prev: Row | None = None
    for row in model.rows:
        l1: str | None = row.level1
        l2: str | None = row.level2
        if merged and prev is not None and row.level1 == prev.level1:
            l1 = None
            if row.level2 == prev.level2:
                l2 = None
        rows.append([l1, l2, row.content, row.value])
        prev = row
    return rows


def title_lines(model: Model) -> list[str]:
    out = ["项目支出绩效目标申报表"]
    if model.year is not None:
        out.append(f"({model.year}年度)")
    return out


def _joined(sep: str, end: str = "") -> Callable[[Model], str]:
    def render(model: Model) -> str:
        lines = title_lines(model)
        for cells in table_of(model):
            lines.append(sep.join(c or "" for c in cells) + end)
        return "\n".join(lines) + "\n"

    return render


def pipe_rows(model: Model, merged: bool = False) -> str:
    lines = title_lines(model)
    for cells in table_of(model, merged):
        lines.append(" | ".join(c for c in cells if c is not None) + " |")
    return "\n".join(lines) + "\n"


def cell_lines(model: Model) -> str:
    """One cell per line, nothing between rows (an empty cell is an empty line)."""
    lines = title_lines(model)
    for cells in table_of(model):
        lines.extend(c or "" for c in cells)
    return "\n".join(lines) + "\n"


def cell_bars(model: Model) -> str:
    """One cell per line ending `` |``, each row opened by a bare ``|`` (as a crawler
    writes an HTML table: ``../shared/corpus/017.txt``)."""
    lines = title_lines(model)
    for cells in table_of(model):
        lines.append("|")
        lines.extend(f"{c or ''} |" for c in cells)
    return "\n".join(lines) + "\n"


def html_table(model: Model, merged: bool = False) -> str:
    table = table_of(model, merged)
    span = [[1] * len(r) for r in table]
    if merged:  # a merged cell spans the rows under it that leave it out
        for col in (0, 1):
            top = None
            for r, cells in enumerate(table):
                if len(cells) != 4 or r == 0 or cells[2] is None:
                    top = None
                    continue
                if cells[col] is None and top is not None:
                    span[top][col] += 1
                elif cells[col] is not None:
                    top = r
    out = ["<html><body>"]
    out += [f"<p>{html.escape(line)}</p>" for line in title_lines(model)]
    out.append("<table>")
    for r, cells in enumerate(table):
        tds = []
        for c, cell in enumerate(cells):
            if cell is None:
                continue
            attr = f' rowspan="{span[r][c]}"' if span[r][c] > 1 else ""
            tds.append(f"<td{attr}>{html.escape(cell)}</td>")
        if len(cells) == 2:  # a field's value spans the table's width
            tds[-1] = tds[-1].replace("<td", '<td colspan="3"', 1)
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table></body></html>")
    return "\n".join(out) + "\n"


_TO_FULL = {ord(a): b for a, b in zip("()%:;,?!", "（）％：；，？！", strict=True)}
_TO_ASCII = {ord(b): a for a, b in zip("()%:;,?!", "（）％：；，？！", strict=True)}


def punctuated(model: Model, table: dict[int, str]) -> Model:
    def t(s: str) -> str:
        return s.translate(table)

    return Model(
        model.ident,
        model.year,
        t(model.name),
        t(model.department),
        t(model.unit),
        model.total,
        model.total_unit,
        t(model.goal),
        tuple(Row(t(r.level1), t(r.level2), t(r.content), t(r.value)) for r in model.rows),
    )


@dataclass(frozen=True)
class Layout:
    name: str
    suffix: str
    render: Callable[[Model], str]
    #: how the model is changed before rendering (the punctuation variants)
    variant: Callable[[Model], Model] = lambda m: m


LAYOUTS: tuple[Layout, ...] = (
    Layout("pipe", ".txt", pipe_rows),
    Layout("pipe-merged", ".txt", lambda m: pipe_rows(m, merged=True)),
    Layout("cell-lines", ".txt", cell_lines),
    Layout("cell-bars", ".txt", cell_bars),
    Layout("tab", ".txt", _joined("\t")),
    Layout("spaces", ".txt", _joined("   ")),
    Layout("html", ".html", html_table),
    Layout("html-merged", ".html", lambda m: html_table(m, merged=True)),
    Layout("fullwidth", ".txt", pipe_rows, lambda m: punctuated(m, _TO_FULL)),
    Layout("ascii", ".txt", pipe_rows, lambda m: punctuated(m, _TO_ASCII)),
)


# -- comparing ----------------------------------------------------------------------------------


def norm(text: Any) -> str:
    if text is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).strip("。.,;:")


def read_fields(decl: Declaration) -> dict[str, str]:
    total = decl.money.total
    amount = ""
    if total is not None:
        amount = str(total.amount) if total.amount is not None else total.text
    return {
        "year": "" if decl.year is None else str(decl.year),
        "name": decl.name or "",
        "department": decl.department or "",
        "unit": decl.implementing_unit or "",
        "total": amount,
    }


def _row_key(level1: Any, level2: Any, content: Any, value: Any) -> tuple[str, str, str, str]:
    return (norm(level1), norm(level2), norm(content), norm(value))


def _same_amount(a: str, b: str) -> bool:
    try:
        return float(norm(a).replace(",", "")) == float(norm(b).replace(",", ""))
    except ValueError:
        return norm(a) == norm(b)


@dataclass
class Outcome:
    """One rendering of one form, read and checked."""

    layout: str
    declarations: int = 0
    field_diffs: list[tuple[str, str, str]] = field(default_factory=list)
    rows_lost: list[str] = field(default_factory=list)
    rows_extra: list[str] = field(default_factory=list)
    findings: set[tuple[str, str]] = field(default_factory=set)


def finding_anchor(pointer: str, decl: Declaration | None) -> str:
    """What a finding is about, the same in every rendering: an indicator by its content, else its field."""
    m = re.match(r"/indicators/(\d+)", pointer or "")
    if m and decl is not None and int(m.group(1)) < len(decl.indicators):
        return "row:" + norm(decl.indicators[int(m.group(1))].content)
    parts = [p for p in (pointer or "").split("/") if p]
    return parts[0] if parts else "-"


def compare(model: Model, layout: Layout, engine: Engine) -> Outcome:
    shown = layout.variant(model)
    text = layout.render(shown)
    path = f"{model.ident}.{layout.name}{layout.suffix}"
    result = load_bytes(text.encode("utf-8"), path)
    decls = [d for d in result.declarations if d.document_kind in CHECKED_KINDS]
    out = Outcome(layout.name, declarations=len(decls))
    decl = decls[0] if decls else None
    got = read_fields(decl) if decl is not None else dict.fromkeys(model.fields(), "")
    for name, want in shown.fields().items():
        if not want:
            continue
        same = _same_amount(want, got[name]) if name == "total" else norm(want) == norm(got[name])
        if not same:
            out.field_diffs.append((name, want, got[name]))
    want_rows = Counter(_row_key(r.level1, r.level2, r.content, r.value) for r in shown.rows)
    got_rows = Counter(
        _row_key(i.level1, i.level2, i.content, i.value) for i in (decl.indicators if decl is not None else [])
    )
    out.rows_lost = [" / ".join(k) for k in (want_rows - got_rows).elements()]
    out.rows_extra = [" / ".join(k) for k in (got_rows - want_rows).elements()]
    reports = engine.file_reports(result, path)
    for report in reports:
        for f in report.iter_findings():
            if f.note or f.code.startswith("INP"):
                continue
            d = decls[f.declaration] if f.declaration is not None and f.declaration < len(decls) else None
            out.findings.add((f.code, finding_anchor(f.pointer, d)))
    return out


# -- the forms ----------------------------------------------------------------------------------


def holdout_sets() -> tuple[str, ...]:
    floor = json.loads((ROOT / "benchmarks" / "accuracy-floor.json").read_text("utf-8"))
    return tuple(floor.get("holdout", []))


def development_forms(only: str | None = None) -> list[tuple[str, Path, dict[str, Any]]]:
    """(ident, text, gold) of the labelled development forms; never a hold-out set."""
    held = holdout_sets() or ("r9",)
    out = []
    for gold in sorted(REAL.glob("r*.gold.json")):
        ident = gold.name.removesuffix(".gold.json")
        if ident.startswith(held) or ident.startswith("r9"):
            continue
        if only and not ident.startswith(only):
            continue
        out.append((ident, REAL / f"{ident}.txt", json.loads(gold.read_text("utf-8"))))
    return out


def read_right(decl: Declaration, gold: dict[str, Any]) -> bool:
    """Whether every gold indicator row (content + value) is among the rows perflint reads."""
    want = gold.get("indicators") or []
    if len(want) < 2:
        return False
    got = {(norm(i.content), norm(i.value)) for i in decl.indicators}
    return all((norm(r.get("content")), norm(r.get("value"))) in got for r in want)


def models(only: str | None = None) -> tuple[list[Model], int]:
    """The models of the declarations read right, and how many forms were looked at."""
    out = []
    forms = development_forms(only)
    for ident, text, gold in forms:
        result = load_file(str(text))
        decls = [d for d in result.declarations if d.document_kind in CHECKED_KINDS]
        for g, want in enumerate(gold.get("declarations", [])[:1]):
            decl = next((d for d in decls if want.get("name") and norm(d.name) == norm(want["name"])), None)
            if decl is None and len(decls) == 1:
                decl = decls[0]
            if decl is not None and read_right(decl, want):
                out.append(model_of(f"{ident}#{g}", decl))
    return out, len(forms)


# -- the report ---------------------------------------------------------------------------------


def run(layouts: tuple[Layout, ...], only: str | None = None) -> dict[str, Any]:
    engine = Engine(builtin_catalog(), Config(today=TODAY))
    the_models, looked_at = models(only)
    per_layout: dict[str, dict[str, Any]] = {
        lay.name: {
            "forms": 0,
            "forms_differing": 0,
            "not_one_declaration": 0,
            "fields": {"differ": 0, "total": 0},
            "rows": {"lost": 0, "extra": 0, "total": 0},
            "findings_extra": 0,
            "findings_missing": 0,
            "examples": [],
        }
        for lay in layouts
    }
    causes: Counter[str] = Counter()
    suspects: list[dict[str, Any]] = []
    for model in the_models:
        outcomes = [compare(model, lay, engine) for lay in layouts]
        seen = Counter(f for o in outcomes for f in o.findings)
        half = len(outcomes) / 2
        for o in outcomes:
            s = per_layout[o.layout]
            s["forms"] += 1
            s["not_one_declaration"] += o.declarations != 1
            s["fields"]["total"] += sum(1 for v in model.fields().values() if v)
            s["fields"]["differ"] += len(o.field_diffs)
            s["rows"]["total"] += len(model.rows)
            s["rows"]["lost"] += len(o.rows_lost)
            s["rows"]["extra"] += len(o.rows_extra)
            extra = sorted(f for f in o.findings if seen[f] < half)
            missing = sorted(f for f, n in seen.items() if n > half and f not in o.findings)
            s["findings_extra"] += len(extra)
            s["findings_missing"] += len(missing)
            differs = bool(o.field_diffs or o.rows_lost or o.rows_extra or extra or missing or o.declarations != 1)
            s["forms_differing"] += differs
            for name, _, _ in o.field_diffs:
                causes[f"{o.layout}: field {name}"] += 1
            for code, _ in extra:
                causes[f"{o.layout}: extra {code}"] += 1
            for code, _ in missing:
                causes[f"{o.layout}: missing {code}"] += 1
            if differs:
                s["examples"].append(
                    {
                        "form": model.ident,
                        "declarations": o.declarations,
                        "fields": [list(x) for x in o.field_diffs],
                        "rows_lost": o.rows_lost[:3],
                        "rows_extra": o.rows_extra[:3],
                        "findings_extra": [list(x) for x in extra],
                        "findings_missing": [list(x) for x in missing],
                    }
                )
        for f, n in seen.items():
            if n < len(outcomes):
                suspects.append(
                    {
                        "form": model.ident,
                        "finding": list(f),
                        "in": [o.layout for o in outcomes if f in o.findings],
                    }
                )
    return {
        "forms_looked_at": looked_at,
        "forms_read_right": len(the_models),
        "layouts": per_layout,
        "causes": dict(causes.most_common()),
        "layout_dependent_findings": suspects,
    }


def print_summary(figures: dict[str, Any], details: int) -> None:
    print(
        f"{figures['forms_read_right']} declarations read right (of {figures['forms_looked_at']} development forms),"
        " each rendered in every layout"
    )
    head = f"{'layout':<12} {'forms':>5} {'differ':>6} {'≠1 decl':>7} {'fields≠':>8} {'rows lost':>10} {'rows extra':>10} {'find+':>6} {'find-':>6}"
    print(head)
    for name, s in figures["layouts"].items():
        print(
            f"{name:<12} {s['forms']:>5} {s['forms_differing']:>6} {s['not_one_declaration']:>7} "
            f"{s['fields']['differ']:>3}/{s['fields']['total']:<4} {s['rows']['lost']:>4}/{s['rows']['total']:<5} "
            f"{s['rows']['extra']:>10} {s['findings_extra']:>6} {s['findings_missing']:>6}"
        )
    print("\nfind+: findings fewer than half the renderings give; find-: findings more than half give, missing here")
    print("\nmost common differences:")
    for cause, n in list(figures["causes"].items())[:25]:
        print(f"  {n:>4}  {cause}")
    if details:
        for name, s in figures["layouts"].items():
            if not s["examples"]:
                continue
            print(f"\n== {name}")
            for ex in s["examples"][:details]:
                print("  " + json.dumps(ex, ensure_ascii=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="just the forms whose name starts with this (a development set)")
    parser.add_argument("--layout", action="append", help="just this layout (repeatable)")
    parser.add_argument("--details", type=int, default=0, help="show this many differing forms per layout")
    parser.add_argument("--json", action="store_true", help="the figures as JSON")
    args = parser.parse_args(argv)
    if args.only and (args.only.startswith(holdout_sets()) or args.only.startswith("r9")):
        parser.error(f"{args.only} is a hold-out set: it is never read here")
    layouts = tuple(lay for lay in LAYOUTS if not args.layout or lay.name in args.layout)
    if not layouts:
        parser.error("no such layout; known: " + ", ".join(lay.name for lay in LAYOUTS))
    figures = run(layouts, args.only)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        print_summary(figures, args.details)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
