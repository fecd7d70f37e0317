"""Random but valid Specs: the committed samples' variations, combined at random.

python -m tools.samplegen --out /tmp/stress --random 20 --seed 1
"""

from __future__ import annotations

import datetime as dt
import random

from .specs import MONTHS, REGIONS, SPECS, Signer, Spec, _ministry_signer

# Where each region signs (its seat, as a signature block writes it).
PLACES = {
    "giessen": "Gießen",
    "kassel_stadt": "Kassel",
    "kassel_landkreis": "Kassel",
    "offenbach_stadt": "Offenbach am Main",
    "offenbach_kreis": "Dietzenbach",
    "wiesbaden": "Wiesbaden",
    "darmstadt_stadt": "Darmstadt",
    "darmstadt_dieburg": "Darmstadt",
    "main_kinzig": "Gelnhausen",
    "wetterau": "Friedberg",
    "bergstrasse": "Heppenheim",
    "werra_meissner": "Eschwege",
    "frankfurt": "Frankfurt am Main",
    "gross_gerau": "Groß-Gerau",
    "hochtaunus": "Bad Homburg v. d. Höhe",
    "main_taunus": "Hofheim am Taunus",
    "odenwald": "Erbach",
    "rheingau_taunus": "Bad Schwalbach",
    "lahn_dill": "Wetzlar",
    "limburg_weilburg": "Limburg",
    "marburg_biedenkopf": "Marburg",
    "vogelsberg": "Lauterbach",
    "fulda": "Fulda",
    "hersfeld_rotenburg": "Bad Hersfeld",
    "schwalm_eder": "Homberg (Efze)",
    "waldeck_frankenberg": "Korbach",
}
# Offices (female, male) by region kind; the first is the head.
OFFICES = {
    "Landkreis": [
        ("Landrätin", "Landrat"),
        ("Erste Kreisbeigeordnete", "Erster Kreisbeigeordneter"),
        ("Kreisbeigeordnete", "Kreisbeigeordneter"),
    ],
    "kreisfreie Stadt": [
        ("Oberbürgermeisterin", "Oberbürgermeister"),
        ("Bürgermeisterin", "Bürgermeister"),
        ("Stadträtin", "Stadtrat"),
    ],
}
FIRST = (
    ["Anita", "Claudia", "Silke", "Katrin", "Sabine", "Monika", "Ulrike", "Birgit", "Özlem"],
    ["Thomas", "Bernd", "Matthias", "Henrik", "Jörg", "Stefan", "Uwe", "Klaus", "Günter"],
)
LAST = ["Schneider", "Weiß", "Jäger-Hoffmann", "Voß", "Kiefer-Lang", "Müller", "Schäfer"]
# Names in WinAnsi letters only: the standard PDF fonts print anything else as a box.
LAST += ["Becker", "Krüger", "Wagner-Thiel", "Lößl", "Hübner", "Yilmaz", "Fuchs", "Brandt"]
OUTRO = next(s.outro for s in SPECS if s.outro)  # § 5's closing sentence right after the list
AMOUNT_FORMATS = ["{} Euro", "{},00 €", "EUR {},--", "{},00 Euro", "{} EUR", "{} €"]
EXTRA_PROJECTS = [
    "Coaching für Langzeitarbeitslose 50+",
    "Integrationslotsen - Arbeit & Bildung",
    "Jobwerkstatt Mädchen (JUMA)",
    "Berufliche Orientierung für\nZugewanderte mit Fluchterfahrung",
    "Sprachkurs Deutsch B1 für den Beruf",
    "Digitale Kompetenzen 4.0",
]


def _pool() -> dict[str, list[str]]:
    """Project names of the committed specs by category, and a few more."""
    pool: dict[str, list[str]] = {}
    for spec in SPECS:
        for key, items in spec.categories:
            pool.setdefault(key.removesuffix("_lang"), []).extend(items)
    pool["sonstige"] += EXTRA_PROJECTS[-2:]
    pool["qualifizierung"] += EXTRA_PROJECTS[:4]
    return {k: sorted(set(v)) for k, v in pool.items()}


def _euro(value: float) -> str:
    return f"{int(value):,}".replace(",", ".")


def _amount(r: random.Random) -> tuple[float, str]:
    amount = r.randrange(3000, 25000) * 100
    if r.random() < 0.15:  # with cents
        cents = r.choice([50, 25, 10])
        return amount + cents / 100, f"{_euro(amount)},{cents:02d} {r.choice(['€', 'Euro'])}"
    return amount, r.choice(AMOUNT_FORMATS).format(_euro(amount))


def _date_text(r: random.Random, d: dt.date, printed: bool) -> str:
    if printed:
        return r.choice([f"{d:%d.%m.%Y}", f"{d.day}. {MONTHS[d.month - 1]} {d.year}"])
    yy = d.year % 100
    return r.choice(
        [
            f"{d:%d.%m.%Y}",
            f"{d.day}.{d.month}.{d.year}",
            f"{d.day}.{d.month}.{yy}",
            f"{d.day}.{d.month}.'{yy}",
            f"{d.day}.{d.month}. {d.year}",
            f"{d.day}. {MONTHS[d.month - 1]} {d.year}",
        ]
    )


def _signer_style(r: random.Random, kind: str, d: dt.date, deputy: bool) -> dict:
    """date_text, date and the handwriting options of one signer; a deputy may sign "i.V."."""
    if kind == "born":
        mode = "print"
    else:
        mode = r.choices(["hand", "print", "hand_unreadable", "hand_place"], [6, 2, 1, 1])[0]
    kw: dict = dict(date_mode=mode, date_text=_date_text(r, d, mode == "print"))
    kw["date"] = None if mode == "hand_unreadable" else d
    if kind == "born":
        kw["signature"] = r.choice(["image", "none"])
    if mode in ("hand", "hand_unreadable") and r.random() < 0.1:
        kw["hand"] = "rough"
    if mode == "hand" and r.random() < 0.1:
        kw["scribble_over_date"] = True
        kw["date"] = None
    if deputy and r.random() < 0.4:
        kw["name_prefix"] = "i.V. "
    elif deputy and r.random() < 0.3:
        kw["iv_line"] = "In Vertretung"
    return kw


def _region_signer(r: random.Random, key: str, kind: str, d: dt.date) -> Signer:
    region = REGIONS[key]
    female = r.random() < 0.5
    rank = r.choices([0, 1, 2], [6, 2, 1])[0]
    office = OFFICES[region["kind"]][rank][0 if female else 1]
    name = f"{r.choice(FIRST[0 if female else 1])} {r.choice(LAST)}"
    if r.random() < 0.25:
        name = f"Dr. {name}"
    article, _, rest = region["gen"].partition(" ")
    title_lines = r.choice(
        [[f"{office} {article}", rest], [office, region["gen"]], [f"{office} {region['gen']}"]]
    )
    style = _signer_style(r, kind, d, deputy=rank > 0)
    return Signer("region", name, office, title_lines, PLACES[key], **style)


def _ministry(r: random.Random, year: int, kind: str, d: dt.date) -> Signer:
    deputy = r.random() < 0.25  # a state secretary signs instead of the minister
    style = _signer_style(r, kind, d, deputy)
    date, text = style.pop("date"), style.pop("date_text")
    if deputy:
        female = r.random() < 0.5
        style["title"] = "Staatssekretärin" if female else "Staatssekretär"
        style["name"] = f"Dr. {r.choice(FIRST[0 if female else 1])} {r.choice(LAST)}"
    return _ministry_signer(year, date, text, **style)


def _categories(r: random.Random) -> list[tuple[str, list[str]]]:
    pool = _pool()
    keys = ["ausbildungsvorbereitung", "ausbildung", "qualifizierung", "weiterbildung"]
    keys = [k for k in keys if k in ("ausbildung", "qualifizierung") or r.random() < 0.8]
    if r.random() < 0.2:
        keys.append("sonstige")
    cats = []
    for key in keys:
        n = 0 if r.random() < 0.06 else r.randint(1, 4)  # sometimes a heading with no projects
        items = r.sample(pool[key], min(n, len(pool[key])))
        if key == "ausbildungsvorbereitung" and r.random() < 0.3:
            key += "_lang"
        cats.append((key, items))
    return cats


# Budget years drawn by default: those of the committed samples (``--years`` widens them).
YEARS = (2019, 2025)


def random_spec(r: random.Random, name: str, years: tuple[int, int] = YEARS) -> Spec:
    kind = r.choices(["scan_pdf", "tif", "born", "mixed"], [7, 2, 0.5, 0.5])[0]
    year = r.randint(*years)
    key = r.choice(sorted(REGIONS))
    amount, amount_text = _amount(r)
    categories = _categories(r)
    n_projects = sum(len(items) for _, items in categories)
    ministry_date = dt.date(year, r.randint(2, 9), r.randint(1, 28))
    region_date = ministry_date - dt.timedelta(days=r.randint(0, 20))
    signers = [_ministry(r, year, kind, ministry_date), _region_signer(r, key, kind, region_date)]
    if r.random() < 0.3:
        signers.reverse()
    stamp = ministry_date + dt.timedelta(days=r.randint(3, 20)) if r.random() < 0.7 else None
    list_style = r.choice(["-", "•", "1.", "table"])
    amount_style = r.choice(["line", "line", "sentence", "table"])
    spec = Spec(
        name=name,
        kind=kind,
        year=year,
        region=key,
        amount=amount,
        amount_text=amount_text,
        amount_style=amount_style,
        list_style=list_style,
        categories=categories,
        signers=signers,
        stamp=stamp,
        seed=r.randrange(1, 10**6),
        side_by_side=r.random() < 0.6,
        short=r.random() < 0.7,
        font=r.choice(["Helvetica", "Helvetica", "Times-Roman"]),
        dpi=r.choice([200, 240, 300]),
        quality=r.randint(40, 60),
        skew=round(r.uniform(-2.5, 2.5), 1),
        blur=round(r.uniform(0.5, 1.0), 1),
        description=f"random spec ({kind}, {key}, {year})",
    )
    if year >= 2024 and r.random() < 0.3:
        spec.abbreviation = "HMAIJS"
    if r.random() < 0.25:
        spec.header = f"Zielvereinbarung AQB {year} – {REGIONS[key]['name']}"
    if r.random() < 0.4:
        spec.footer = r.choice(["Seite {n} von {total}", "- {n} -"])
    if kind != "born" and r.random() < 0.2:
        first = 1 if kind == "mixed" else 0  # a mixed PDF's page 1 is born-digital
        spec.rotations = {r.randint(first, 2): r.choice([90, 180, 270])}
    if r.random() < 0.3:
        spec.heading_specks = tuple(sorted(r.sample(range(1, 8), r.randint(1, 2))))
    if list_style != "table" and n_projects:
        if r.random() < 0.3:
            spec.list_specks = tuple(sorted(r.sample(range(n_projects), 1)))
        if r.random() < 0.2:
            spec.speck_lines = tuple(sorted(r.sample(range(n_projects), 1)))
        if n_projects > 2 and r.random() < 0.2:
            spec.break_list_after = r.randint(1, n_projects - 1)
    if r.random() < 0.2:
        spec.outro = OUTRO
    if r.random() < 0.2:
        spec.previous_year = r.choice(AMOUNT_FORMATS).format(_euro(amount * 0.9 // 100 * 100))
    if amount_style == "table" and r.random() < 0.6:
        part = _euro(amount * r.uniform(0.05, 0.3) // 1000 * 1000)
        spec.amount_parts = [("davon Teilzeitausbildung", f"{part},00 €")]
    if stamp and kind != "tif" and r.random() < 0.5:  # faint colours vanish in bilevel TIFFs
        spec.stamp_style = "double"
        spec.stamp_label = r.choice(["Eing.:", "Eingegangen"])
        spec.stamp_colour = r.choice([(0.86, 0.42, 0.42), (0.58, 0.42, 0.78), None])
        spec.stamp_upper = r.random() < 0.5
    _rarer_variations(spec)
    return spec


def _rarer_variations(spec: Spec) -> None:
    """Variations added after the first stress batches, drawn from a generator of their own
    (seeded by the spec), so that the earlier draws are unchanged; the documents the
    end-to-end test builds (``tests/test_stress_scans.py``) keep their variations (the sums'
    generator's name was chosen so that none of them draws sums)."""
    r = random.Random(f"rarer-{spec.seed}")
    if spec.kind != "born" and r.random() < 0.12:
        spec.dpi = r.choice([150, 400, 600])  # a coarse office scanner, an archive's fine one
    if spec.list_style in ("-", "•", "1.") and r.random() < 0.2:
        spec.list_style = r.choice(["a)", "(1)", "I.", "a."])
    running = random.Random(f"running-{spec.seed}")  # added later still: its own generator
    if spec.list_style in ("-", "•") and running.random() < 0.1:
        spec.list_style = "running"  # "Ausbildungsvorbereitung: A; B; C." as running text
    millions = random.Random(f"in-millions-{spec.seed}")  # added later still: its own
    whole = spec.amount == int(spec.amount)  # no cents: no sum in millions writes them
    if spec.kind not in ("press", "notice") and millions.random() < 0.08 and whole:
        # "1,2668 Mio. €": the sum in millions, to the euro all the same.
        digits = f"{spec.amount / 1_000_000:.6f}".rstrip("0").replace(".", ",")
        spec.amount_text = f"{digits} {millions.choice(['Mio. €', 'Mio. Euro', 'Millionen Euro'])}"
    scanner = random.Random(f"holes-{spec.seed}")  # added later still: its own generator
    if spec.kind in ("scan_pdf", "tif", "mixed") and scanner.random() < 0.15:
        spec.punch_holes = True
    if spec.kind in ("scan_pdf", "tif") and not spec.rotations and scanner.random() < 0.1:
        spec.blank_backs = True
    sums = random.Random(f"beside-{spec.seed}")  # added later still: a generator of its own
    if spec.list_style not in ("table", "running") and sums.random() < 0.15:
        # A sum beside each project, flush right.
        count = sum(len(items) for _key, items in spec.categories)
        spec.project_sums = [sums.randrange(5_000, 250_000, 500) for _ in range(count)]
    marks = random.Random(f"marks-{spec.seed}")  # added later still: a generator of its own
    if spec.kind in ("scan_pdf", "tif", "mixed") and marks.random() < 0.15:
        chosen = []
        if spec.list_style not in ("table", "running") and marks.random() < 0.7:
            chosen.append("ticks")
        if spec.amount_style == "line":
            chosen.append(marks.choice(["amount_underline", "amount_highlight"]))
        if spec.list_style not in ("table", "running") and marks.random() < 0.4:
            chosen.append("project_highlight")
        spec.reader_marks = tuple(chosen)


def random_specs(count: int, seed: int, years: tuple[int, int] = YEARS) -> list[Spec]:
    r = random.Random(seed)
    return [random_spec(r, f"random_{seed}_{i}", years) for i in range(count)]
