"""Write src/detente/data/actors/subdivisions.tsv from ISO 3166-2 (the pycountry package).

Usage: python scripts/gen_subdivisions.py   (run by hand when pycountry is upgraded, never at run time)

One line per subdivision name (a province, state, county, region...): the name folded (case and
accents) and the ISO3 codes of the states that have a subdivision of that name, comma-separated
("punjab -> IND,PAK"). The actor stage uses it to give a state to offices and people tied to a
region ("Balochistan Chief Minister X", "a lawmaker from Zamfara"). Names that are also a state's
name, and generic words ("Central", "North"), are left out. pycountry's data is ISO 3166-2 as
published by the Debian iso-codes project (LGPL-2.1), facts about administrative divisions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pycountry

from detente.actors.places import fold

OUT = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "actors" / "subdivisions.tsv"
# names too generic to tie a phrase to one state
GENERIC = {"central", "north", "south", "east", "west", "northern", "southern", "eastern", "western", "capital",
           "city", "national", "federal", "coast", "lakes", "upper", "lower", "islands", "centre", "center",
           "mountain", "plains", "valley", "interior", "littoral", "north east", "north west", "south east",
           "south west", "northeast", "northwest", "southeast", "southwest", "greater", "new", "san", "santa"}


def main() -> None:
    states: set[str] = set()
    for c in pycountry.countries:
        states.update(fold(getattr(c, a)) for a in ("name", "common_name", "official_name") if hasattr(c, a))
    out: dict[str, set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is None:
            continue
        # "Lamu", "Punjab", "Khyber Pakhtunkhwa"; drop bracketed variants ("Bié [Bie]" -> "Bié")
        for name in re.split(r"\s*[\[\]/]\s*", sub.name):
            key = fold(name).strip()
            if len(key) < 3 or key in states or key in GENERIC or not name[:1].isupper() or "\t" in key:
                continue
            out[key].add(country.alpha_3)
    lines = [f"{k}\t{','.join(sorted(v))}" for k, v in sorted(out.items())]
    OUT.write_text(f"# ISO 3166-2 subdivision names (pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''});"
                   " scripts/gen_subdivisions.py\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} names -> {OUT}")


if __name__ == "__main__":
    main()
