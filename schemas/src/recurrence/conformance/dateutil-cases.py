"""
Reads python-dateutil's own rrule test file and prints, as JSON, every case of the form
"this rule gives this list": `self.assertEqual(list(rrule(...)), [...])` and the same with
`rrulestr(...)`. The expected list in the file is NOT copied: each rule is rebuilt with the
installed dateutil and its occurrences are computed here, in this run. The rule is handed on as
dateutil itself writes it out (`str(rule)`: a DTSTART line and an RRULE line), so the TypeScript
side sees RFC 5545 text, exactly as a client of the preview would send it.

Usage: python dateutil-cases.py path/to/test_rrule.py  →  {"dateutil": "4.0.0", "cases": [...], "skipped": [...]}
"""
import ast
import itertools
import json
import sys
from datetime import date, datetime, timedelta

import dateutil
from dateutil import rrule as rr

# Occurrences taken from a rule without COUNT or UNTIL; dateutil's cases are all bounded.
MOST = 10_000

NAMES = {name: getattr(rr, name) for name in ("YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY", "MO", "TU", "WE", "TH", "FR", "SA", "SU", "rrule", "rrulestr")}
NAMES.update(datetime=datetime, date=date, timedelta=timedelta)


def rule_calls(tree):
    """(test name, call node) for each assertEqual(list(rrule(...) or rrulestr(...)), ...)."""
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef)):
        for fn in (n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name.startswith("test")):
            for node in ast.walk(fn):
                if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "assertEqual" and node.args):
                    continue
                first = node.args[0]
                if isinstance(first, ast.Call) and isinstance(first.func, ast.Name) and first.func.id == "list" and first.args:
                    inner = first.args[0]
                    if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name) and inner.func.id in ("rrule", "rrulestr"):
                        yield f"{cls.name}.{fn.name}", inner


def split_text(text):
    dtstart, rrule_line = None, None
    for line in text.splitlines():
        if line.startswith("DTSTART:"):
            dtstart = line[len("DTSTART:"):]
        elif line.startswith("RRULE:"):
            rrule_line = line[len("RRULE:"):]
    return dtstart, rrule_line


def main(path):
    tree = ast.parse(open(path, encoding="utf-8").read())
    cases, skipped = [], []
    for name, call in rule_calls(tree):
        source = ast.unparse(call)
        try:
            rule = eval(compile(ast.Expression(call), path, "eval"), dict(NAMES))
        except Exception as error:  # a case built from local variables (a zone, a helper)
            skipped.append({"name": name, "why": f"not a constant rule: {type(error).__name__}: {error}"})
            continue
        if not isinstance(rule, rr.rrule) or rule._dtstart.tzinfo is not None:
            skipped.append({"name": name, "why": "a rule set or a zoned DTSTART object, not one RRULE"})
            continue
        dtstart, rrule_line = split_text(str(rule))
        if rrule_line is None:
            skipped.append({"name": name, "why": "no RRULE line"})
            continue
        occurrences = [d.isoformat() for d in itertools.islice(rule, MOST)]
        cases.append({"name": name, "source": source, "dtstart": dtstart, "rrule": rrule_line, "occurrences": occurrences})
    json.dump({"dateutil": dateutil.__version__, "cases": cases, "skipped": skipped}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
