#!/usr/bin/env python3
"""Scaffold a new rule: ``rules/<family folder>/<name>.toml`` with every section.

    python scripts/new_rule.py --family VAL --kind word-list --name value-banned-words \
        [--code VAL009] [--severity warning] [--aspect relevance] [--rules-dir PACK] [--dry-run]

The code defaults to the next free number of the family; the folder is the one
the family's rules already live in (else the family in lower case).  The file
has the identity, the kind's parameters (from its params_schema), messages,
a suggestion, both doc sections and a bad and a good example, all marked
``TODO``: ``tests/checks/test_rules_meta.py`` fails while any ``TODO`` is left, and
``tests/checks/test_rule_examples.py`` runs the examples once they are written.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perflint._version import __version__  # noqa: E402  (after the sys.path line above)
from perflint.catalog import CatalogError, builtin_catalog, did_you_mean  # noqa: E402
from perflint.resources import rules_dir  # noqa: E402

NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
FAMILY_RE = re.compile(r"^[A-Z]{2,6}$")
ASPECTS = ("completeness", "relevance", "appropriateness", "feasibility")
SEVERITIES = ("error", "warning", "info")


def _toml_value(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _param_lines(schema: dict) -> list[str]:
    lines = []
    props = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    for key in sorted(props):
        spec = props[key]
        if "default" in spec:
            value = _toml_value(spec["default"])
        elif spec.get("type") == "array":
            value = "[]"
        elif spec.get("type") == "boolean":
            value = "false"
        elif spec.get("type") in ("integer", "number"):
            value = "0"
        elif spec.get("type") == "object":
            value = "{}"
        else:
            value = '"TODO"'
        prefix = "" if key in required else "# "
        note = f"  # {spec['description']}" if spec.get("description") else ""
        lines.append(f"{prefix}{key} = {value}{note}")
    return lines


def render(code: str, name: str, kind: str, severity: str, aspect: str, params_schema: dict) -> str:
    params = _param_lines(params_schema)
    out = [
        f'code = "{code}"',
        f'name = "{name}"',
        f'kind = "{kind}"',
        f'severity = "{severity}"',
        f'aspect = "{aspect}"',
        'status = "preview"',
        f'since = "{__version__}"',
        "",
        "[params]",
        *params,
        "",
        "[message]",
        'zh = "TODO：用 {字段} 写出发现的问题。"',
        'en = "TODO: say what is wrong, with {fields} from the check."',
        "",
        "[suggestion]",
        'zh = "TODO：怎样改。"',
        'en = "TODO: how to fix it."',
        "",
        "[doc.zh]",
        'summary = "TODO：一句话概述。"',
        'what = "TODO：什么情况下报告。"',
        'why = "TODO：审核人为什么关心，依据什么规定。"',
        "",
        "[doc.en]",
        'summary = "TODO: one line."',
        'what = "TODO: what exactly fires."',
        'why = "TODO: why a reviewer cares, and the guidance it rests on."',
        "",
        "[[examples]]",
        'case = "bad"',
        'declaration = { form_type = "专项资金", name = "TODO" }',
        "",
        "[[examples]]",
        'case = "good"',
        'declaration = { form_type = "专项资金", name = "TODO" }',
        "",
    ]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--family", required=True, help="Code prefix, e.g. VAL.")
    ap.add_argument("--kind", required=True, help="A registered check kind.")
    ap.add_argument("--name", required=True, help="kebab-case rule name (the file name).")
    ap.add_argument("--code", help="Explicit code (default: the family's next free number).")
    ap.add_argument("--severity", default="warning", choices=SEVERITIES)
    ap.add_argument("--aspect", default="completeness", choices=ASPECTS)
    ap.add_argument("--rules-dir", type=Path, default=None, help="Pack folder (default: the built-in rules/).")
    ap.add_argument("--dry-run", action="store_true", help="Print the file instead of writing it.")
    args = ap.parse_args(argv)

    family = args.family.upper()
    if not FAMILY_RE.match(family):
        ap.error(f"--family must be 2-6 capital letters, got {args.family!r}")
    if not NAME_RE.match(args.name):
        ap.error(f"--name must be kebab-case, got {args.name!r}")
    try:
        catalog = builtin_catalog()
    except CatalogError as exc:
        print(f"the rule packs do not load; fix them first:\n{exc.text('en')}", file=sys.stderr)
        return 2
    kind = catalog.kinds.get(args.kind)
    if kind is None and args.kind not in ("input",):
        hint = did_you_mean(args.kind, catalog.kinds)
        print(
            f"unknown kind {args.kind!r}"
            + (f"; did you mean {hint!r}?" if hint else "")
            + f"\nknown kinds: {', '.join(sorted(catalog.kinds))}",
            file=sys.stderr,
        )
        return 2
    if catalog.get(args.name) is not None:
        print(f"a rule named {args.name!r} already exists", file=sys.stderr)
        return 2
    family_rules = [r for r in catalog.rules.values() if r.family == family]
    # codes and folders already used in the pack being written to (a pack of one's own)
    pack_codes = {}
    if args.rules_dir is not None and args.rules_dir.is_dir():
        for path in sorted(args.rules_dir.rglob("*.toml")):
            found = re.search(r'^code\s*=\s*"([A-Z]+[0-9]{3})"', path.read_text("utf-8", "replace"), re.M)
            if found:
                pack_codes[found.group(1)] = path
    if args.code:
        code = args.code.upper()
        if not re.fullmatch(rf"{family}[0-9]{{3}}", code):
            ap.error(f"--code must be {family} followed by three digits")
        if code in catalog.rules or code in pack_codes:
            taken = catalog.rules[code].path if code in catalog.rules else pack_codes[code]
            print(f"code {code} is taken by {taken}", file=sys.stderr)
            return 2
    else:
        used = {int(r.code[len(family) :]) for r in family_rules}
        used |= {int(c[len(family) :]) for c in pack_codes if c.startswith(family) and c[len(family) :].isdigit()}
        code = f"{family}{next(n for n in range(1, 1000) if n not in used):03d}"
    base = args.rules_dir or rules_dir()
    in_pack = [p for c, p in sorted(pack_codes.items()) if c.startswith(family)]
    folder_name = (
        in_pack[0].parent.relative_to(base).as_posix()
        if in_pack
        else family_rules[0].path.parent.name
        if family_rules and args.rules_dir is None
        else family.lower()
    )
    folder = base / folder_name
    target = folder / f"{args.name}.toml"
    text = render(
        code, args.name, args.kind, args.severity, args.aspect, kind.params_schema if kind is not None else {}
    )
    if args.dry_run:
        sys.stdout.write(text)
        return 0
    if target.exists():
        print(f"{target} already exists", file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    print(
        f"created {target} ({code}); replace every TODO, then run: pytest tests/checks/test_rules_meta.py "
        f"tests/checks/test_rule_examples.py -k {code}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
