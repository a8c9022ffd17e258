#!/usr/bin/env python3
"""Writes a deterministic CSV of ROWS data rows (plus a header) to PATH, for bench/connect-csv.sh.

    gen_csv.py ROWS PATH

Columns: id, name, amount, ts, country, note. Same ROWS -> same bytes, on any machine (no random
module, no clock, no locale). Rows are LF-terminated and quoted only where RFC 4180 needs it (a
comma, a quote or a line break in the field), which is also how the CSV sink writes: the round
trip through Connect can then be compared byte for byte. Shapes covered:
  - names with commas, with doubled quotes, with both, and non-ASCII UTF-8 (accents, CJK, emoji);
  - empty cells (the source reads them as null, the sink writes null as an empty cell);
  - decimal text with 2 digits, negative amounts, ISO-8601 timestamps with milliseconds.
No field contains a line break, so one line is one row (the script counts rows with wc -l).
"""
import sys
from datetime import datetime, timezone

FIRST = ["Ada", "Björn", "Chloé", "Dmitri", "Eun-ji", "Farah", "Günther", "Hiro", "Inés", "Jun", "Kofi", "Łucja", "Mateo", "Nnamdi", "Oona", "Priya"]
LAST = ["Lovelace", "Ångström", "O'Neil", "García Márquez", "Nakamura", "Okafor", "Søren", "Smith", "Müller", "张", "Dubois", "Kowalski"]
COUNTRIES = ["GB", "SE", "FR", "RU", "KR", "EG", "DE", "JP", "ES", "CN", "GH", "PL", "MX", "NG", "FI", "IN"]
NOTES = ["", "first order", "gift, wrapped", 'said "thanks"', "repeat customer", "", "paid in 3 parts; ok", "🚚 express"]


def quote(field: str) -> str:
    if "," in field or '"' in field or "\n" in field or "\r" in field:
        return '"' + field.replace('"', '""') + '"'
    return field


def main() -> None:
    rows = int(sys.argv[1])
    path = sys.argv[2]
    base = 1_767_225_600  # 2026-01-01T00:00:00Z, seconds
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("id,name,amount,ts,country,note\n")
        buf = []
        for i in range(1, rows + 1):
            # A cheap deterministic mix (LCG-like) so neighbouring rows differ.
            h = (i * 2654435761) & 0xFFFFFFFF
            first = FIRST[h % len(FIRST)]
            last = LAST[(h >> 8) % len(LAST)]
            kind = (h >> 16) % 10
            if kind == 0:
                name = f"{last}, {first}"                 # comma: quoted
            elif kind == 1:
                name = f'{first} "{last[:3]}" {last}'     # quotes: quoted, doubled
            elif kind == 2:
                name = f'{last}, {first} "Jr."'           # both
            else:
                name = f"{first} {last}"
            cents = (h >> 4) % 10_000_000
            amount = f"{'-' if h % 17 == 0 else ''}{cents // 100}.{cents % 100:02d}"
            t = base + i * 7 + (h % 1000) // 10
            ms = h % 1000
            ts = datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + f".{ms:03d}Z"
            country = "" if h % 23 == 0 else COUNTRIES[(h >> 12) % len(COUNTRIES)]
            note = NOTES[(h >> 20) % len(NOTES)]
            buf.append(f"{i},{quote(name)},{amount},{ts},{country},{quote(note)}\n")
            if len(buf) == 10000:
                out.write("".join(buf))
                buf.clear()
        out.write("".join(buf))


if __name__ == "__main__":
    main()
