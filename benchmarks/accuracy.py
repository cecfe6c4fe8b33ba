#!/usr/bin/env python3
"""How far perflint can be trusted on real forms: precision, recall and reading accuracy.

Reads the labelled real forms in ``tests/data/real/`` (and, with ``--corpus``,
the development corpus with its labels in ``benchmarks/corpus-gold/``), checks
each with perflint as a user would, and compares what perflint says with what
people wrote down by hand:

* **precision** — every finding perflint gives on a form has a verdict in the
  form's ``NNN.review.json`` (``true``: a finance reviewer would want it
  flagged; ``false``: a false alarm; ``debatable``); precision is
  true / (true + false), by rule family and by severity, and *strict*
  precision counts debatable findings as false;
* **recall** — each defect listed in ``NNN.gold.json`` is found when a
  finding judged true says it ``covers`` it;
* **reading** — the declarations read against the gold ones: how many, and
  year, name, department, total and indicator rows (content + value) field by
  field, the unit of each total read right (万元, 元, or none when the form
  states none); and the document kind once perflint records one.

Findings nobody has judged yet are listed (``--unlabelled``) and can be
written out as stubs to judge (``--label``); a finding is identified by its
code, its declaration and its Chinese message, so a verdict survives changes
that do not change what is said.

    python benchmarks/accuracy.py                  # the summary
    python benchmarks/accuracy.py --unlabelled     # findings still to judge
    python benchmarks/accuracy.py --label          # add stubs for them to the review files
    python benchmarks/accuracy.py --json           # the figures as JSON (the test reads these)
    python benchmarks/accuracy.py --only r4        # just the forms whose name starts with r4 (a hold-out set)
    python benchmarks/accuracy.py --all            # the development forms and the hold-out sets together

The hold-out sets (``holdout`` in benchmarks/accuracy-floor.json) are left out
unless ``--only`` names one or ``--all`` is given, so that nobody reads, labels
or tunes on them by accident.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perflint.catalog import builtin_catalog  # noqa: E402
from perflint.domain.model import Declaration  # noqa: E402
from perflint.domain.result import FileReport  # noqa: E402
from perflint.engine.config import Config  # noqa: E402
from perflint.engine.core import Engine  # noqa: E402
from perflint.ingest.files import CHECKED_KINDS, load_file  # noqa: E402

REAL = ROOT / "tests" / "data" / "real"
CORPUS_GOLD = ROOT / "benchmarks" / "corpus-gold"
TODAY = "2026-12-04"
#: page chrome a finding must never quote
CHROME = re.compile(
    r"索引号|发布机构|发文时间|发布时间|扫一扫|打印|关闭|第\s*\d+\s*页|共\s*\d+\s*页|浏览次数|附件[”\"]"
)
VERDICTS = ("true", "false", "debatable")
#: the pinyin some mirrors insert after a character (區(qū)): not part of what the form says
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)")


def norm(text: Any) -> str:
    """NFKC, no white space, no inserted pinyin, no trailing punctuation: how two
    readings of a cell are compared."""
    if text is None:
        return ""
    out = PINYIN.sub("", "".join(unicodedata.normalize("NFKC", str(text)).split()))
    return out.strip("。.,，;；:：")


def amount(text: Any) -> Decimal | None:
    m = re.search(r"-?\d[\d,]*(?:\.\d+)?", norm(text))
    if not m:
        return None
    try:
        return Decimal(m.group(0).replace(",", ""))
    except InvalidOperation:
        return None


def finding_key(code: str, declaration: int | None, message: str) -> str:
    raw = f"{code}\0{declaration}\0{norm(message)}"
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=8).hexdigest()


@dataclass
class Form:
    """One labelled form: its text file, gold and review."""

    ident: str
    text: Path
    gold: dict[str, Any]
    review_path: Path
    review: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, ident: str, text: Path, gold_path: Path, review_path: Path) -> Form:
        gold = json.loads(gold_path.read_text("utf-8"))
        review: dict[str, dict[str, Any]] = {}
        if review_path.exists():
            for item in json.loads(review_path.read_text("utf-8")).get("findings", []):
                review[item["key"]] = item
        return cls(ident, text, gold, review_path, review)


def forms(corpus: Path | None, include_holdout: bool = False) -> list[Form]:
    """The labelled forms (and the team corpus's, with ``corpus``). The hold-out sets
    (``holdout`` in accuracy-floor.json) are left out unless ``include_holdout`` is given:
    a script that lists forms to look for patterns must not read them by accident."""
    held = () if include_holdout else holdout_prefixes()
    out = []
    for gold in sorted(REAL.glob("*.gold.json")):
        ident = gold.name.removesuffix(".gold.json")
        if held and ident.startswith(held):
            continue
        out.append(Form.load(ident, REAL / f"{ident}.txt", gold, REAL / f"{ident}.review.json"))
    if corpus is not None:
        for gold in sorted(CORPUS_GOLD.glob("*.gold.json")):
            ident = gold.name.removesuffix(".gold.json")
            text = corpus / f"{ident}.txt"
            if text.exists():
                out.append(Form.load(f"corpus/{ident}", text, gold, CORPUS_GOLD / f"{ident}.review.json"))
    return out


# -- reading ------------------------------------------------------------------------------------


def read_form(form: Form) -> tuple[str, list[Declaration]]:
    """The document kind perflint gives the form, and the declarations it reads to check.

    A document perflint knows is no declaration (a self-evaluation, a template,
    something else) gets one note and no checks, whatever it read from it: it
    counts as no declaration, as its gold file has none."""
    result = load_file(str(form.text))
    decls = result.declarations
    # a document with no form in it is still classified (a notice with none attached)
    kind = result.document_kind or (decls[0].document_kind if decls else "other")
    return kind, [d for d in decls if d.document_kind in CHECKED_KINDS]


def _match_declarations(read: list[Declaration], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs (gold index, read index): by name where both have one, else in order."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for g, want in enumerate(gold):
        best = None
        if want.get("name"):
            for r, decl in enumerate(read):
                if (
                    r not in used
                    and decl.name
                    and (norm(want["name"]) in norm(decl.name) or norm(decl.name) in norm(want["name"]))
                ):
                    best = r
                    break
        if best is None:
            best = next((r for r in range(len(read)) if r not in used), None)
        if best is not None:
            used.add(best)
            pairs.append((g, best))
    return pairs


def reading_scores(
    form: Form, read: list[Declaration], misses: list[tuple[str, str, Any, Any]] | None = None
) -> dict[str, list[int]]:
    """field → [right, total] for this form; each field misread is added to ``misses``
    as (field, where, gold, read) when a list is given."""
    scores: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    miss = misses.append if misses is not None else (lambda item: None)
    gold = form.gold.get("declarations", [])
    scores["declarations"][1] += 1
    if len(read) == len(gold):
        scores["declarations"][0] += 1
    else:
        miss(("declarations", "", len(gold), len(read)))
    for g, r in _match_declarations(read, gold):
        want, decl = gold[g], read[r]
        checks = {
            "year": (want.get("year"), decl.year, lambda a, b: a == b),
            "name": (want.get("name"), decl.name, lambda a, b: norm(a) == norm(b)),
            "department": (want.get("department"), decl.department, lambda a, b: norm(a) == norm(b)),
            "total": (
                want.get("total"),
                decl.money.total.text if decl.money.total else None,
                lambda a, b: amount(a) is not None and amount(a) == amount(b),
            ),
        }
        for name, (expected, got, same) in checks.items():
            if expected in (None, ""):
                continue
            scores[name][1] += 1
            if got is not None and same(expected, got):
                scores[name][0] += 1
            else:
                miss((name, f"#{g}", expected, got))
        total = decl.money.total
        if "total_unit" in want and total is not None and checks["total"][0] not in (None, ""):
            if checks["total"][2](checks["total"][0], total.text):
                # the unit of a total read right: as the form states it, or none (null) when it states none
                scores["total unit"][1] += 1
                if total.unit == want["total_unit"]:
                    scores["total unit"][0] += 1
                else:
                    miss(("total unit", f"#{g}", want["total_unit"], total.unit))
        got_rows = {(norm(i.content), norm(i.value)) for i in decl.indicators}
        got_contents = {norm(i.content) for i in decl.indicators}
        for row in want.get("indicators", []):
            scores["indicator rows"][1] += 1
            key = (norm(row.get("content")), norm(row.get("value")))
            if key in got_rows or (row.get("value") is None and key[0] in got_contents):
                scores["indicator rows"][0] += 1
            else:
                near = next((f"{i.content} = {i.value}" for i in decl.indicators if norm(i.content) == key[0]), None)
                miss(("indicator row", f"#{g}", f"{row.get('content')} = {row.get('value')}", near))
    # gold declarations never paired count as missed fields
    for g in range(len(read), len(gold)):
        want = gold[g]
        for name in ("year", "name", "department", "total"):
            if want.get(name) not in (None, ""):
                scores[name][1] += 1
                miss((name, f"#{g} (not read)", want.get(name), None))
        scores["indicator rows"][1] += len(want.get("indicators", []))
        if want.get("indicators"):
            miss(("indicator row", f"#{g} (not read)", f"{len(want['indicators'])} rows", None))
    return scores


# -- findings -----------------------------------------------------------------------------------


@dataclass
class Judged:
    form: str
    key: str
    code: str
    severity: str
    declaration: int | None
    message: str
    verdict: str | None
    covers: list[int]
    note: bool = False


def judged_findings(form: Form, reports: list[FileReport]) -> list[Judged]:
    out = []
    for report in reports:
        for f in report.iter_findings():
            key = finding_key(f.code, f.declaration, f.message.get("zh", ""))
            label = form.review.get(key, {})
            verdict = label.get("verdict")
            out.append(
                Judged(
                    form.ident,
                    key,
                    f.code,
                    f.severity.value,
                    f.declaration,
                    f.message.get("zh", ""),
                    verdict if verdict in VERDICTS else None,
                    list(label.get("covers") or []),
                    f.note,
                )
            )
    return out


def family(code: str) -> str:
    return re.sub(r"\d+$", "", code)


def precision(items: list[Judged]) -> dict[str, Any]:
    c = Counter(j.verdict for j in items)
    judged = c["true"] + c["false"]
    return {
        "findings": len(items),
        "true": c["true"],
        "false": c["false"],
        "debatable": c["debatable"],
        "unlabelled": c[None],
        "precision": None if not judged else round(c["true"] / judged, 4),
        "strict": None if not judged + c["debatable"] else round(c["true"] / (judged + c["debatable"]), 4),
    }


def evaluate(
    corpus: Path | None, only: str | None = None, skip: tuple[str, ...] = ()
) -> tuple[dict[str, Any], list[Judged], list[Form]]:
    """The figures over the labelled forms, or over those whose name starts with ``only``,
    leaving out those whose name starts with one of ``skip`` (a hold-out set)."""
    catalog = builtin_catalog()
    engine = Engine(catalog, Config(today=TODAY))
    all_judged: list[Judged] = []
    reading: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    defects_total = 0
    defects_found = 0
    recall_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    kinds = Counter()
    kind_confusion: Counter[tuple[str, str]] = Counter()
    trust = Counter()
    the_forms = [
        form
        for form in forms(corpus, include_holdout=True)
        if (not only or form.ident.startswith(only)) and not (skip and form.ident.startswith(skip))
    ]
    for form in the_forms:
        got_kind, read = read_form(form)
        want_kind = form.gold.get("doc_kind", "declaration")
        kinds["right" if got_kind == want_kind else "wrong"] += 1
        if got_kind != want_kind:
            kind_confusion[(want_kind, got_kind)] += 1
        for name, (right, total) in reading_scores(form, read).items():
            reading[name][0] += right
            reading[name][1] += total
        reports, _ = engine.check_path(str(form.text))
        for report in reports:
            for d in report.declarations:
                record = d.reading or {}
                unread = (record.get("sections") or {}).get("indicators") in ("partial", "unread")
                if d.grade and unread:
                    trust["graded with the indicator table not read in full"] += 1
                src = sum(1 for f in d.findings if f.code == "SRC001")
                trust["most SRC001 in one declaration"] = max(trust["most SRC001 in one declaration"], src)
            for f in report.iter_findings():
                if CHROME.search(f.message.get("zh", "")):
                    trust["findings quoting page chrome"] += 1
        judged = judged_findings(form, reports)
        all_judged += judged
        covered = {i for j in judged if j.verdict == "true" for i in j.covers}
        for i, defect in enumerate(form.gold.get("defects", [])):
            defects_total += 1
            recall_by_kind[defect.get("kind", "other")][1] += 1
            if i in covered:
                defects_found += 1
                recall_by_kind[defect.get("kind", "other")][0] += 1
    defects = [j for j in all_judged if not j.note]
    by_family: dict[str, list[Judged]] = defaultdict(list)
    by_severity: dict[str, list[Judged]] = defaultdict(list)
    for j in defects:
        by_family[family(j.code)].append(j)
        by_severity[j.severity].append(j)
    figures = {
        "forms": len(the_forms),
        "precision": precision(defects),
        "precision_notes": precision([j for j in all_judged if j.note]),
        "precision_by_severity": {k: precision(v) for k, v in sorted(by_severity.items())},
        "precision_by_family": {k: precision(v) for k, v in sorted(by_family.items())},
        "recall": {
            "defects": defects_total,
            "found": defects_found,
            "recall": None if not defects_total else round(defects_found / defects_total, 4),
            "by_kind": {k: {"found": v[0], "defects": v[1]} for k, v in sorted(recall_by_kind.items())},
        },
        "reading": {
            k: {"right": v[0], "total": v[1], "accuracy": None if not v[1] else round(v[0] / v[1], 4)}
            for k, v in sorted(reading.items())
        },
        "document_kind": {
            "right": kinds["right"],
            "total": kinds["right"] + kinds["wrong"],
            "accuracy": round(kinds["right"] / max(1, kinds["right"] + kinds["wrong"]), 4),
            "confusion": {f"{a} → {b}": n for (a, b), n in sorted(kind_confusion.items())},
        },
        "trust": {k: trust[k] for k in sorted(trust)},
    }
    return figures, all_judged, the_forms


def write_stubs(the_forms: list[Form], judged: list[Judged]) -> int:
    """Add an unjudged entry for every finding without a label; keep every existing label, and
    leave the review files that gain nothing untouched."""
    added = 0
    by_form: dict[str, list[Judged]] = defaultdict(list)
    for j in judged:
        by_form[j.form].append(j)
    for form in the_forms:
        entries = dict(form.review)
        before = added
        for j in by_form.get(form.ident, []):
            if j.key not in entries:
                entries[j.key] = {
                    "key": j.key,
                    "code": j.code,
                    "declaration": j.declaration,
                    "message": j.message,
                    "verdict": None,
                    "covers": [],
                    "note": "",
                }
                added += 1
        if added > before:  # a file with nothing new is left as it is (not re-sorted)
            data = {
                "findings": sorted(entries.values(), key=lambda e: (e.get("declaration") or 0, e["code"], e["key"]))
            }
            form.review_path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return added


def holdout_prefixes() -> tuple[str, ...]:
    """The name prefixes of the hold-out sets, from benchmarks/accuracy-floor.json."""
    floor = Path(__file__).with_name("accuracy-floor.json")
    return tuple(json.loads(floor.read_text("utf-8")).get("holdout", ()))


def reading_detail(
    corpus: Path | None, only: str | None = None, skip: tuple[str, ...] = (), prefix: str | None = None
) -> int:
    """Print every field misread, form by form (reading only: no checks are run): of the
    forms whose name contains ``only`` and starts with ``prefix``, leaving out ``skip``."""
    count = 0
    for form in forms(corpus, include_holdout=True):
        if only and only not in form.ident:
            continue
        if prefix and not form.ident.startswith(prefix):
            continue
        if skip and form.ident.startswith(skip):
            continue
        got_kind, read = read_form(form)
        misses: list[tuple[str, str, Any, Any]] = []
        reading_scores(form, read, misses)
        want_kind = form.gold.get("doc_kind", "declaration")
        if got_kind != want_kind:
            misses.insert(0, ("document kind", "", want_kind, got_kind))
        for fld, where, want, got in misses:
            count += 1
            print(f"{form.ident}\t{fld}\t{where}\tgold={want!r}\tread={got!r}")
    print(f"{count} fields misread", file=sys.stderr)
    return 0


def _pct(value: float | None) -> str:
    return "   –  " if value is None else f"{100 * value:5.1f}%"


def print_summary(figures: dict[str, Any]) -> None:
    p = figures["precision"]
    n = figures["precision_notes"]
    print(
        f"{figures['forms']} labelled forms; {p['findings']} defect findings ({p['unlabelled']} not yet judged), "
        f"{n['findings']} reading notes ({n['unlabelled']} not yet judged, precision {_pct(n['precision'])})"
    )
    print(
        f"precision {_pct(p['precision'])}  (strict {_pct(p['strict'])}; "
        f"true {p['true']}, false {p['false']}, debatable {p['debatable']})"
    )
    for sev, q in figures["precision_by_severity"].items():
        print(
            f"  {sev:8s} {_pct(q['precision'])}  of {q['findings']:4d}  (false {q['false']}, debatable {q['debatable']})"
        )
    print("by family:")
    for fam, q in figures["precision_by_family"].items():
        print(
            f"  {fam:5s} {_pct(q['precision'])}  of {q['findings']:4d}  (false {q['false']}, debatable {q['debatable']})"
        )
    r = figures["recall"]
    print(f"recall {_pct(r['recall'])}  ({r['found']} of {r['defects']} labelled defects)")
    for kind, v in r["by_kind"].items():
        print(f"  {kind:13s} {v['found']:3d} / {v['defects']:3d}")
    print("reading:")
    for name, v in figures["reading"].items():
        print(f"  {name:15s} {_pct(v['accuracy'])}  ({v['right']} of {v['total']})")
    k = figures["document_kind"]
    print(f"  document kind   {_pct(k['accuracy'])}  ({k['right']} of {k['total']})")
    for pair, count in k["confusion"].items():
        print(f"    {pair}: {count}")
    print("trust:")
    for name, value in figures["trust"].items():
        print(f"  {name}: {value}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, help="also the development corpus (e.g. ../shared/corpus)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--unlabelled", action="store_true", help="list the findings not yet judged")
    ap.add_argument("--label", action="store_true", help="add stubs for unjudged findings to the review files")
    ap.add_argument(
        "--only",
        metavar="PREFIX",
        help="only the forms whose name starts with PREFIX (e.g. r3: the hold-out set; corpus/ for the corpus)",
    )
    ap.add_argument(
        "--all",
        action="store_true",
        help="include the hold-out sets (left out by default: see benchmarks/accuracy-floor.json)",
    )
    ap.add_argument(
        "--reading-detail",
        nargs="?",
        const="",
        metavar="FORM",
        help="list every field misread (file, field, gold, read), optionally only forms whose name contains FORM",
    )
    args = ap.parse_args(argv)
    skip = () if (args.only or args.all) else holdout_prefixes()
    if args.reading_detail is not None:
        if args.reading_detail and not args.only and args.reading_detail.startswith(holdout_prefixes()):
            skip = ()  # the form named is a hold-out form: naming it is asking for it
        return reading_detail(args.corpus, args.reading_detail or None, skip, args.only)
    figures, judged, the_forms = evaluate(args.corpus, args.only, skip)
    if args.only and not the_forms:
        print(f"no labelled form's name starts with {args.only!r}", file=sys.stderr)
        return 2
    if args.label:
        print(f"{write_stubs(the_forms, judged)} findings added for judging", file=sys.stderr)
    if args.unlabelled:
        for j in judged:
            if j.verdict is None:
                print(f"{j.form}\t#{j.declaration}\t{j.code}\t{j.severity}\t{j.message}")
        return 0
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=1))
    else:
        print_summary(figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
