"""Compose the documents of specs.SPECS and write scans, PDFs and ground truth."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import numpy as np
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas as rl_canvas

from . import texts
from .degrade import back_of, bilevel, jpeg_bytes, punch_holes, render, scan_page
from .layout import Doc, Page, render_ops_pdf
from .specs import REGIONS, SPECS, Spec, ministry, stamp_date

PROGRAMME = "Ausbildungs- und Qualifizierungsbudget"


def _fmt(spec: Spec) -> dict:
    m = ministry(spec.year)
    r = REGIONS[spec.region]
    return dict(
        min_nom=f"Hessische Ministerium {m['fuer']}",
        min_nom_cap=f"Das Hessische Ministerium {m['fuer']}",
        min_dat=f"Hessischen Ministerium {m['fuer']}",
        min_gen=f"Hessischen Ministeriums {m['fuer']}",
        reg_nom=r["nom"],
        reg_nom_cap=r["nom"][0].upper() + r["nom"][1:],
        reg_dat=r["dat"],
        reg_gen=r["gen"],
        year=spec.year,
    )


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def _sum_text(euros: int) -> str:
    return f"{euros:,} €".replace(",", ".")


def list_marker(style: str, number: int) -> str:
    """The marker of a list's item `number` (from 1) in `style`: "1.", "a)", "(1)", "I.", "a."
    count; any other style ("-", "•") is the marker itself."""
    letter = "abcdefghij"[number - 1]
    counted = {"1.": f"{number}.", "a)": f"{letter})", "(1)": f"({number})",
               "I.": f"{ROMAN[number - 1]}.", "a.": f"{letter}."}  # fmt: skip
    return counted.get(style, style)


def compose_agreement(spec: Spec, rng: np.random.Generator) -> tuple[Doc, list[dict]]:
    f = _fmt(spec)
    m = ministry(spec.year)
    doc = Doc(rng, font=spec.font)
    H = doc.H
    if spec.stamp and spec.stamp_style == "double":
        tilt = float(rng.uniform(-3.0, 3.0))
        doc.stamp_double(
            doc.ml - 10,
            H - 40,
            m["stamp_head"],
            spec.stamp_label,
            stamp_date(spec.stamp, spec.stamp_upper),
            math.copysign(3.0 + abs(tilt) * 2 / 3, tilt),  # 3-5°
            spec.stamp_colour or (0.35, 0.45, 0.85),
        )
    elif spec.stamp:
        doc.stamp(
            doc.ml - 15,
            H - 36,
            m["stamp_head"],
            stamp_date(spec.stamp),
            float(rng.uniform(-3.0, 3.0)),
        )
    doc.logo(H - 112)
    doc.y = H - 205
    doc.para("Zielvereinbarung", size=20, bold=True, align="center", space_after=10)
    doc.para(str(spec.year), size=16, bold=True, align="center", space_after=12)
    doc.para("zwischen", align="center", space_after=8)
    doc.para(f"dem {f['min_dat']}", size=11.5, bold=True, align="center", space_after=8)
    doc.para(f"und {f['reg_dat']}", size=11.5, bold=True, align="center", space_after=8)
    doc.para(
        "zur Umsetzung des hessischen Ausbildungs- und Qualifizierungsbudgets",
        align="center",
        space_after=18,
    )

    def ab(text: str) -> str:  # the abbreviation the text uses
        return text.replace("HMSI", spec.abbreviation)

    def paras(items, short_text=None):
        if spec.short and short_text is not None:
            doc.para(ab(short_text.format(**f)))
            return
        for text, keep in items:
            if keep or not spec.short:
                doc.para(ab(text.format(**f)))

    def section(n: int, title: str | None = None, after: float = 6.0) -> None:
        speck = n in spec.heading_specks
        if title is None:
            doc.heading(f"§ {n}", space_after=2, speck=speck)
        else:
            doc.heading(f"§ {n} {title}", space_after=after, speck=speck)

    doc.heading("Präambel")
    paras(texts.PRAEAMBEL, texts.PRAEAMBEL_SHORT)
    doc.space(6)
    section(1)
    doc.heading("Ausbildungs- und Qualifizierungsbudget", space_after=2)
    doc.heading("Ziele des Landes")
    paras(texts.PARA_1)
    doc.space(6)
    section(2)
    doc.heading("Verpflichtungen der Vereinbarungspartner")
    paras(texts.PARA_2)
    doc.space(6)
    section(3)
    doc.heading("Umsetzung der UN-Behindertenrechtskonvention")
    paras(texts.PARA_3, texts.PARA_3_SHORT)
    doc.space(6)
    section(4)
    doc.heading("Haushaltsmittel und Eckdaten")
    if spec.amount_style == "sentence":
        doc.para(ab(texts.PARA_4_SENTENCE.format(amount=spec.amount_text, **f)))
    elif spec.amount_style == "table":
        doc.para(ab(texts.PARA_4_TABLE_PRE.format(**f)), keep_lines=4)
        rows = [("Budget gesamt", spec.amount_text, True)]
        doc.amount_table(rows + [(label, amount, False) for label, amount in spec.amount_parts])
    else:
        doc.para(ab(texts.PARA_4_PRE.format(**f)), keep_lines=4)
        amount_mark = next(
            (m.removeprefix("amount_") for m in spec.reader_marks if m.startswith("amount_")),
            None,
        )
        doc.para(spec.amount_text, bold=True, align="center", size=11.5, mark=amount_mark)
        doc.para(ab(texts.PARA_4_POST.format(**f)))
    if spec.previous_year:
        doc.para(texts.PARA_4_PREVIOUS.format(previous=spec.previous_year))
    doc.space(6)
    section(5)
    doc.heading(f"Ziele für die Umsetzung {f['reg_gen']}")
    doc.para(texts.PARA_5_INTRO.format(**f), space_after=10)
    if spec.list_style == "table":
        rows = [(texts.HEADINGS[k], items) for k, items in spec.categories]
        doc.table(rows)
    elif spec.list_style == "running":
        for key, items in spec.categories:
            names = "; ".join(item.replace("\n", " ") for item in items) or "keine"
            doc.para(f"{texts.HEADINGS[key]}: {names}.", align="left", space_after=6)
    else:
        count = 0
        for k, (key, items) in enumerate(spec.categories):
            doc.para(texts.HEADINGS[key], bold=True, align="left", keep_lines=3, space_after=4)
            for i, item in enumerate(items, start=1):
                marker = list_marker(spec.list_style, i)
                speck = count in spec.list_specks
                first, _, rest = item.partition("\n")  # "\n": the line breaks there
                after = 0 if rest else 2
                beside = _sum_text(spec.project_sums[count]) if spec.project_sums else None
                mark = "tick" if "ticks" in spec.reader_marks else None
                if count == 0 and "project_highlight" in spec.reader_marks:
                    mark = "highlight"
                doc.para(
                    first,
                    align="left",
                    indent=34,
                    marker=marker,
                    space_after=after,
                    speck=speck,
                    beside=beside,
                    mark=mark,
                )
                if rest:
                    doc.para(rest, align="left", indent=34, space_after=2)
                if count in spec.speck_lines:
                    doc.speck_line(doc.ml + 34 - 14)
                count += 1
                if spec.break_list_after and count == spec.break_list_after:
                    doc.new_page()
            if not (spec.outro and k == len(spec.categories) - 1):
                doc.space(8)
    if spec.outro:
        doc.para(ab(spec.outro.format(**f)))
    else:
        doc.para(texts.PARA_5_OUTRO.format(**f))
    doc.space(6)
    section(6, "Zielsteuerung")
    paras(texts.PARA_6)
    doc.space(6)
    section(7, "Kontinuierlicher Verbesserungsprozess")
    paras(texts.PARA_7)
    blocks = []
    for s in spec.signers:
        blocks.append(
            dict(
                party=s.party,
                place=s.place,
                date_text=s.date_text,
                date_mode=s.date_mode,
                iv_line=s.iv_line,
                name_line=f"{s.name_prefix}{s.name}",
                title_lines=s.title_lines,
                signature=s.signature,
                hand=s.hand,
                scribble_over_date=s.scribble_over_date,
            )
        )
    notes = doc.signature_blocks(blocks, spec.side_by_side)
    doc.add_page_furniture(spec.header, spec.footer)
    return doc, notes


def compose_press(rng: np.random.Generator) -> Doc:
    doc = Doc(rng, size=10.5, leading=14.5)
    doc.y = doc.H - 60
    doc.para(texts.PRESS_HEADER, size=9, align="left", space_after=24)
    doc.para(texts.PRESS_TITLE, size=15, bold=True, align="left", space_after=12)
    doc.para(texts.PRESS_LEAD, bold=True, align="left", space_after=12)
    doc.para(texts.PRESS_BODY_1)
    doc.para(texts.PRESS_SUB, bold=True, align="left", space_after=6)
    doc.para(texts.PRESS_BODY_2)
    doc.para(texts.PRESS_BODY_3, space_after=24)
    for line in texts.PRESS_CONTACT:
        doc.para(line, size=9, align="left", space_after=1)
    return doc


def compose_notice(spec: Spec, rng: np.random.Generator) -> Doc:
    """A grant notice naming the agreement and both parties: a document that is NOT one."""
    f = _fmt(spec)
    doc = Doc(rng, size=10.5, leading=14.5)
    doc.y = doc.H - 60
    doc.para(texts.NOTICE_SENDER, size=8, align="left", space_after=18)
    doc.para(REGIONS[spec.region]["name"], align="left", space_after=24)
    doc.para(f"Kassel, den 12.03.{spec.year}", align="left", space_after=18)
    doc.para(texts.NOTICE_TITLE, size=14, bold=True, align="left", space_after=12)
    doc.para(texts.NOTICE_BODY.format(amount=spec.amount_text, **f), space_after=12)
    for heading, body in texts.NOTICE_ITEMS:
        doc.para(heading, bold=True, align="left", space_after=4)
        doc.para(body.format(**f), space_after=10)
    for line in texts.NOTICE_CLOSING:
        doc.para(line, align="left", space_after=2)
    return doc


# -- writers ------------------------------------------------------------------------------


def _page_scan(spec: Spec, img, i: int, rng: np.random.Generator, back: bool = False):
    skew = spec.skew + float(rng.uniform(-0.3, 0.3))
    rotate = 0 if back else spec.rotations.get(i, 0)
    scan = scan_page(img, rng, skew=skew, rotate=rotate, blur=spec.blur)
    return punch_holes(scan, spec.dpi) if spec.punch_holes and not back else scan


def _sheets(spec: Spec, images: list) -> list[tuple[int, object, bool]]:
    """(page index, image, is a blank back) in scan order: a duplex scan puts each page's
    back after it."""
    sheets = []
    for i, im in enumerate(images):
        sheets.append((i, im, False))
        if _duplex(spec):
            sheets.append((i, back_of(im), True))
    return sheets


def _duplex(spec: Spec) -> bool:
    return spec.blank_backs and spec.kind in ("scan_pdf", "tif")


def scanned_pages(spec: Spec, pages: int) -> int:
    return pages * 2 if _duplex(spec) else pages


def _draw_jpeg_page(c: rl_canvas.Canvas, jpg: bytes, size_px: tuple[int, int], dpi: int) -> None:
    # exact A4 (portrait or landscape), as a scanner would declare it
    w, h = A4 if size_px[1] >= size_px[0] else (A4[1], A4[0])
    c.setPageSize((w, h))
    c.drawImage(ImageReader(io.BytesIO(jpg)), 0, 0, w, h)
    c.showPage()


def _canvas(buf: io.BytesIO, title: str) -> rl_canvas.Canvas:
    c = rl_canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor("agreement-extractor samplegen")
    c.setCreator("agreement-extractor samplegen")
    return c


def write_outputs(spec: Spec, pages: list[Page], out: Path, rng: np.random.Generator) -> str:
    """Write the document file; returns its file name."""
    title = spec.name
    if spec.kind == "born":
        fname = f"{spec.name}.pdf"
        (out / fname).write_bytes(render_ops_pdf(pages, title))
        return fname
    images = render(render_ops_pdf(pages, title), spec.dpi)
    if spec.kind == "tif":
        fname = f"{spec.name}.tif"
        sheets = _sheets(spec, images)
        scans = [bilevel(_page_scan(spec, im, i, rng, back)) for i, im, back in sheets]
        scans[0].save(
            out / fname,
            save_all=True,
            append_images=scans[1:],
            compression="group4",
            dpi=(spec.dpi, spec.dpi),
        )
        return fname
    fname = f"{spec.name}.pdf"
    buf = io.BytesIO()
    c = _canvas(buf, title)
    for i, im, back in _sheets(spec, images):
        if spec.kind == "mixed" and i == 0:
            c.setPageSize(A4)
            for fn in pages[0].ops:
                fn(c)
            c.showPage()
            continue
        scan = _page_scan(spec, im, i, rng, back)
        _draw_jpeg_page(c, jpeg_bytes(scan, spec.quality, spec.dpi), scan.size, spec.dpi)
    c.save()
    (out / fname).write_bytes(buf.getvalue())
    return fname


def truth_record(spec: Spec, fname: str, n_pages: int, notes: list[dict]) -> dict:
    kind_note = {
        "scan_pdf": "image-only PDF (every page one JPEG, no text layer)",
        "tif": "multi-page bilevel TIFF (CCITT G4)",
        "born": "born-digital PDF with a text layer",
        "mixed": "page 1 born-digital with a text layer, later pages image-only scans",
        "press": "image-only PDF (every page one JPEG, no text layer)",
        "notice": "image-only PDF (every page one JPEG, no text layer)",
    }[spec.kind]
    tn: dict = {"description": spec.description, "format": kind_note}
    if spec.kind in ("scan_pdf", "press", "notice", "mixed"):
        tn["ocr_pages"] = [i + 1 for i in range(n_pages) if not (spec.kind == "mixed" and i == 0)]
    elif spec.kind == "tif":
        tn["ocr_pages"] = list(range(1, n_pages + 1))
    else:
        tn["ocr_pages"] = []
    if spec.kind in ("scan_pdf", "tif", "press", "notice", "mixed"):
        tn["scan_dpi"] = spec.dpi
        tn["skew_degrees_approx"] = spec.skew
    if spec.rotations:
        tn["rotated_pages"] = {
            str(p + 1): f"rotated {d}° counter-clockwise (as scanned)"
            for p, d in spec.rotations.items()
        }
    if spec.kind in ("press", "notice"):
        return {
            "document_type": None,
            "year": None,
            "programme": None,
            "parties": {"ministry": None, "region": None},
            "received_date": None,
            "budget": None,
            "projects": [],
            "signatories": [],
            "source": {"file": fname, "pages": n_pages},
            "expected_status": "failed",
            "truth_notes": tn,
        }
    m = ministry(spec.year)
    r = REGIONS[spec.region]
    hand = [n for n in notes if n["kind"].startswith("handwritten_")]
    extra = ("hand", "crosses_place_line")
    if hand:
        tn["handwritten"] = [
            {"page": n["page"], "party": n["party"], "text": n["text"], "legible": n["legible"]}
            | {k: n[k] for k in extra if k in n}
            for n in hand
        ]
    sigs = [n for n in notes if n["kind"] == "signature"]
    if sigs:
        tn["signature_scribbles"] = [
            {"page": n["page"], "party": n["party"]} | {k: n[k] for k in extra if k in n}
            for n in sigs
        ]
    if spec.stamp and spec.stamp_style == "double":
        tn["stamp"] = (
            "receipt stamp on page 1 in faint coloured ink, double frame, small type, rotated "
            "3-5° (printed text, part of the .txt truth)"
        )
    elif spec.stamp:
        tn["stamp"] = "receipt stamp on page 1 (printed text, part of the .txt truth)"
    if spec.heading_specks:
        tn["heading_specks"] = [f"§ {n}" for n in spec.heading_specks]
    if spec.list_specks or spec.speck_lines:
        tn["list_specks"] = (
            "dust specks before some § 5 items and/or on a line of their own (not in the .txt)"
        )
    if spec.reader_marks:
        tn["reader_marks"] = "a reader's pencil and marker marks: " + ", ".join(spec.reader_marks)
    if spec.list_style == "table":
        tn["table"] = "§ 5 is a ruled table; .txt gives each row's left cell lines, then right"
    return {
        "document_type": "zielvereinbarung",
        "year": spec.year,
        "programme": PROGRAMME,
        "parties": {
            "ministry": {"name": m["name"], "abbreviation": spec.abbreviation},
            "region": {"name": r["name"], "kind": r["kind"], "ags": r["ags"]},
        },
        "received_date": spec.stamp.isoformat() if spec.stamp else None,
        "budget": {"amount": spec.amount, "currency": "EUR", "text": spec.amount_text},
        "projects": [
            {
                "category": key.removesuffix("_lang"),
                "category_text": texts.HEADINGS[key],
                "name": item.replace("\n", " "),
            }
            | ({"amount": float(spec.project_sums[index])} if spec.project_sums else {})
            for index, (key, item) in enumerate(
                (key, item) for key, items in spec.categories for item in items
            )
        ],
        "signatories": [
            {
                "party": s.party,
                "name": s.name,
                "title": s.title,
                "place": s.place,
                "date": s.date.isoformat() if s.date else None,
                "on_behalf": s.on_behalf,
            }
            for s in spec.signers
        ],
        "source": {"file": fname, "pages": n_pages},
        "truth_notes": tn,
    }


def build_one(spec: Spec, out: Path) -> dict:
    rng = np.random.default_rng(spec.seed)
    if spec.kind == "press":
        doc, notes = compose_press(rng), []
    elif spec.kind == "notice":
        doc, notes = compose_notice(spec, rng), []
    else:
        doc, notes = compose_agreement(spec, rng)
    fname = write_outputs(spec, doc.pages, out, rng)
    rec = truth_record(spec, fname, scanned_pages(spec, len(doc.pages)), notes)
    truth = out / "truth"
    (truth / f"{spec.name}.json").write_text(
        json.dumps(rec, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (truth / f"{spec.name}.txt").write_text(
        "\f".join("\n".join(p.lines) for p in doc.pages) + "\n", encoding="utf-8"
    )
    return rec


def build_all(
    out: Path, only: list[str] | None = None, specs: list[Spec] | None = None
) -> list[dict]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    recs = []
    for spec in SPECS if specs is None else specs:
        if only and spec.name not in only:
            continue
        recs.append(build_one(spec, out))
        print(f"{spec.name}: {recs[-1]['source']['file']} ({recs[-1]['source']['pages']} pages)")
    return recs
