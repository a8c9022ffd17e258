"""Record exchange format shared by the interop scripts and the C# tests.

Input (a JSON file written by the test): a list of {"p": partition or null, "k": base64 or null,
"v": base64 or null, "h": [[name, base64 or null], ...]}.
Output: one JSON object per line on stdout, the same fields plus "o" (offset) and "ts"
(timestamp ms), so the test can compare byte for byte. Diagnostics go to stderr.
"""
import base64
import json
import sys


def b64(data):
    return None if data is None else base64.b64encode(data).decode("ascii")


def unb64(text):
    return None if text is None else base64.b64decode(text)


def load(path):
    with open(path, "r", encoding="utf-8") as f:
        return [
            {
                "p": r.get("p"),
                "k": unb64(r.get("k")),
                "v": unb64(r.get("v")),
                "h": [(name, unb64(value)) for name, value in r.get("h", [])],
            }
            for r in json.load(f)
        ]


def emit(partition, offset, key, value, headers, timestamp=None, **extra):
    line = {
        "p": partition,
        "o": offset,
        "k": b64(key),
        "v": b64(value),
        "h": [[name, b64(value)] for name, value in (headers or [])],
        "ts": timestamp,
    }
    line.update(extra)
    print(json.dumps(line), flush=True)


def result(**fields):
    """A non-record line: {"result": name, ...}."""
    print(json.dumps(fields), flush=True)


def fail(message):
    print("interop script failed: " + message, file=sys.stderr, flush=True)
    sys.exit(1)
