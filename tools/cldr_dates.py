#!/usr/bin/env python3
"""Write rules/dates-{fr,de,es,ru}.toml, the dates family's data for each
language, from Unicode CLDR's Gregorian calendar (the npm package
cldr-dates-full, Unicode-3.0 licence; notice in rules/NOTICE).

    npm install cldr-dates-full        # in a scratch folder
    python3 tools/cldr_dates.py SCRATCH/node_modules/cldr-dates-full

CLDR gives the month and weekday names and abbreviations (format and
stand-alone forms: the Russian genitive «февраля» and nominative «февраль»).
What CLDR does not give -- the connecting words, ordinals, the grammatical
forms news copy also uses (Russian accusative weekdays «в пятницу»,
prepositional months «в феврале») and the short forms wire copy writes
(«фев», "fév") -- is kept below, in ADDITIONS, by hand.
"""

import json
import sys
from pathlib import Path

LANGUAGES = ["fr", "de", "es", "ru"]

# Per language, by hand: the grammar around the names.
ADDITIONS = {
    "fr": {
        "name": "French",
        "numeric-separators": ["/", ".", "-"],
        "day-suffixes": ["er", "ᵉʳ"],
        "month-connectors": [],
        "year-connectors": [],
        "year-suffixes": [],
        "style": {
            "day-suffix": "",
            "first-day-suffix": "er",
            "month-connector": "",
            "year-connector": "",
            "dates": "French copy writes the first of the month as an ordinal and every other day as a number: le 1er mars, le 10 février 2023",
        },
        "clock": {
            "hour-minute": "{h} h {mm}",
            "hour": "{h} h",
            "separators": ["h"],
            "hour-words": ["h", "H"],
            "times": "French copy writes times with h: 14 h 30, 9 h",
        },
        "months": {"février": ["fév"]},
        "weekdays": {},
    },
    "de": {
        "name": "German",
        "numeric-separators": ["."],
        "day-suffixes": ["."],
        "weekday-connectors": ["den"],
        "month-connectors": [],
        "year-connectors": [],
        "year-suffixes": [],
        "style": {
            "day-suffix": ".",
            "first-day-suffix": ".",
            "month-connector": "",
            "year-connector": "",
            "dates": "German copy writes the day as an ordinal number with a period: am 1. März, 10. Februar 2023",
        },
        "clock": {
            "hour-minute": "{h}.{mm} Uhr",
            "hour": "{h} Uhr",
            "separators": [".", ":"],
            "hour-words": ["Uhr"],
            "times": "German copy uses the 24-hour clock: 14.30 Uhr, 9 Uhr",
        },
        "months": {"märz": ["mrz"]},
        "weekdays": {},
    },
    "es": {
        "name": "Spanish",
        "numeric-separators": ["/", ".", "-"],
        "day-suffixes": ["º", ".º"],
        "month-connectors": ["de"],
        "year-connectors": ["de", "del"],
        "year-suffixes": [],
        "style": {
            "day-suffix": "",
            "first-day-suffix": "",
            "month-connector": "de",
            "year-connector": "de",
            "dates": "Spanish copy joins day, month and year with de: el 1 de marzo, 10 de febrero de 2023",
        },
        "clock": {
            "hour-minute": "{h}:{mm}",
            "hour": "{h}:00",
            "separators": [":", "."],
            "hour-words": ["h", "horas"],
            "times": "Spanish copy uses the 24-hour clock: 14:30",
        },
        "months": {"septiembre": ["sep", "set"], "setiembre": []},
        "weekdays": {},
    },
    "ru": {
        "name": "Russian",
        "numeric-separators": ["."],
        "day-suffixes": [],
        "month-connectors": [],
        "year-connectors": [],
        "year-suffixes": ["года", "году", "г.", "г"],
        "style": {
            "day-suffix": "",
            "first-day-suffix": "",
            "month-connector": "",
            "year-connector": "",
            "dates": "Russian copy writes the month after a day in the genitive: 10 февраля 2023 года",
        },
        "clock": {
            "hour-minute": "{h}:{mm}",
            "hour": "{h}:00",
            "separators": [":", "."],
            "hour-words": ["ч"],
            "times": "Russian copy uses the 24-hour clock: 14:30",
        },
        # Prepositional months («в феврале 2023 года») and the wire's
        # three-letter forms («10 фев»).
        "months": {
            "января": ["январе", "янв"],
            "февраля": ["феврале", "фев"],
            "марта": ["марте", "мар"],
            "апреля": ["апреле", "апр"],
            "мая": ["мае"],
            "июня": ["июне", "июн"],
            "июля": ["июле", "июл"],
            "августа": ["августе", "авг"],
            "сентября": ["сентябре", "сен", "сент"],
            "октября": ["октябре", "окт"],
            "ноября": ["ноябре", "ноя", "нояб"],
            "декабря": ["декабре", "дек"],
        },
        # Accusative, the form after «в»: «в пятницу», «в понедельник».
        "weekdays": {
            "понедельник": ["понедельник"],
            "вторник": ["вторник"],
            "среда": ["среду"],
            "четверг": ["четверг"],
            "пятница": ["пятницу"],
            "суббота": ["субботу"],
            "воскресенье": ["воскресенье"],
        },
        "weekday-form-after": ["в", "во"],
    },
}

# Additions that are grammatical forms of the full name, not abbreviations.
FULL_FORMS = {"setiembre", "январе", "феврале", "марте", "апреле", "мае", "июне",
              "июле", "августе", "сентябре", "октябре", "ноябре", "декабре",
              "среду", "пятницу", "субботу"}


def toml_list(items):
    return "[" + ", ".join(json.dumps(i, ensure_ascii=False) for i in items) + "]"


def unique(items):
    out = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


def write(cldr, language, version):
    calendar = json.loads((cldr / "main" / language / "ca-gregorian.json").read_text())
    calendar = calendar["main"][language]["dates"]["calendars"]["gregorian"]
    extra = ADDITIONS[language]

    def names(kind, keys):
        table = calendar[kind]
        return [
            [table[context][width][key] for context in ("format", "stand-alone")
             for width in ("wide", "abbreviated")]
            for key in keys
        ]

    months = names("months", [str(n) for n in range(1, 13)])
    weekdays = names("days", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
    month_words = set()
    lines = [
        f"# The dates family's data for {extra['name']} copy. Generated by",
        "# tools/cldr_dates.py from Unicode CLDR " + version + " (cldr-dates-full,",
        "# Unicode-3.0 licence: see rules/NOTICE), with the hand-kept additions the",
        "# script names. Edit the script, not this file.",
        "",
        f'language = "{language}"',
        f'name = "{extra["name"]}"',
        "# Numeric dates are day first: 10/02/2023, 10.02.2023.",
        f"numeric-separators = {toml_list(extra['numeric-separators'])}",
        "# What may follow a day before the month: 1er, 10., 1º.",
        f"day-suffixes = {toml_list(extra['day-suffixes'])}",
        "# Words between day and month, and between month and year: 10 de febrero de 2023.",
        f"month-connectors = {toml_list(extra['month-connectors'])}",
        f"year-connectors = {toml_list(extra['year-connectors'])}",
        "# Words after a year: 2023 года.",
        f"year-suffixes = {toml_list(extra['year-suffixes'])}",
        "# Words between a weekday and its date: Freitag, den 13. Oktober.",
        f"weekday-connectors = {toml_list(extra.get('weekday-connectors', []))}",
        "# After these words a weekday takes its first other form (Russian «в пятницу»).",
        f"weekday-form-after = {toml_list(extra.get('weekday-form-after', []))}",
        "",
        "# The forms the language's own style wants (dates.style, times.style).",
        "[style]",
    ]
    for key, value in extra["style"].items():
        lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    lines += ["", "[clock]"]
    for key, value in extra["clock"].items():
        rendered = toml_list(value) if isinstance(value, list) else json.dumps(value, ensure_ascii=False)
        lines.append(f"{key} = {rendered}")
    lines += ["", "# January first. `name` is the form a date writes (genitive in Russian);",
              "# `forms` the other full forms; `abbreviations` are matched with or without",
              "# a final period. All are matched in any case."]
    for forms in months:
        full = [forms[0], forms[2]]
        short = [f.rstrip(".") for f in (forms[1], forms[3])]
        added = extra["months"].get(forms[0], [])
        full += [a for a in added if a in FULL_FORMS]
        short += [a for a in added if a not in FULL_FORMS]
        full = unique(f.lower() for f in full)
        short = [s for s in unique(s.lower() for s in short) if s not in full]
        month_words.update(full + short)
        lines += ["", "[[month]]", f"name = {json.dumps(forms[0], ensure_ascii=False)}",
                  f"forms = {toml_list(full[1:])}", f"abbreviations = {toml_list(short)}"]
    lines += ["", "# Monday first. Weekday abbreviations that are also month abbreviations",
              "# (Spanish «mar») are left to the month."]
    for forms in weekdays:
        added = extra["weekdays"].get(forms[0], [])
        if added:
            # The grammatical form, even where it is spelled as the name.
            full = [forms[0]] + added
        else:
            full = unique([forms[0], forms[2]])
        short = unique(f.rstrip(".") for f in (forms[1], forms[3]))
        short = [s for s in short if s.lower() not in month_words and s not in full]
        lines += ["", "[[weekday]]", f"name = {json.dumps(forms[0], ensure_ascii=False)}",
                  f"forms = {toml_list(full[1:])}", f"abbreviations = {toml_list(short)}"]
    out = Path(__file__).resolve().parent.parent / "rules" / f"dates-{language}.toml"
    out.write_text("\n".join(lines) + "\n")
    print(f"wrote {out}")


def main():
    cldr = Path(sys.argv[1] if len(sys.argv) > 1 else "node_modules/cldr-dates-full")
    version = json.loads((cldr / "package.json").read_text())["version"]
    for language in LANGUAGES:
        write(cldr, language, version)


if __name__ == "__main__":
    main()
