"""
Expands rules with python-dateutil for the differential test: reads a JSON list of
{"dtstart": "YYYYMMDDTHHMMSS", "rrule": "...", "years": n?} from stdin and prints, for each, dateutil's
occurrences as ISO wall times, or the error dateutil raised. With "years", COUNT is dropped and the
rule is followed for that many years from DTSTART (to check a rule the core says never occurs).
dateutil is pure Python and can take minutes over a sparse sub-daily rule: a case that takes longer
than SECONDS is reported as {"timeout": true} and left out of the comparison.
"""

import json
import signal
import sys

from dateutil.rrule import rrulestr

SECONDS = 2


def give_up(signum, frame):
    raise TimeoutError()


signal.signal(signal.SIGALRM, give_up)


def expand(case):
    rule = rrulestr(f"DTSTART:{case['dtstart']}\nRRULE:{case['rrule']}")
    if "years" in case:
        start = rule._dtstart
        rule = rule.replace(count=None, until=start.replace(year=min(start.year + case["years"], 9999)))
    return [d.isoformat() for d in rule]


out = []
for case in json.load(sys.stdin):
    signal.alarm(SECONDS)
    try:
        out.append({"occurrences": expand(case)})
    except TimeoutError:
        out.append({"timeout": True})
    except Exception as error:  # dateutil's own refusal, e.g. an impossible BYHOUR for the INTERVAL
        out.append({"error": f"{type(error).__name__}: {error}"})
    finally:
        signal.alarm(0)
json.dump(out, sys.stdout)
