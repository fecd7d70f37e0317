"""OUT_DIR/report/index.html: a static page (inline CSS, charts as SVG files beside it, no
script, nothing fetched from elsewhere) that opens offline in any browser."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from html import escape
from pathlib import Path

from extractor.export.atomic import atomic_write_text
from extractor.report.agreements import euros
from extractor.report.charts import mix_chart, region_chart, totals_chart
from extractor.report.checks import CHECK_MEANINGS, Check, CheckCode
from extractor.report.coverage import Cell, CellState
from extractor.report.summary import ReportData

REPORT_DIR = "report"
# Long, expected lists (a sample set has most regions missing) are folded away.
_FOLDED = {CheckCode.REGION_MISSING}

_SYMBOLS = {
    CellState.OK: "✓",
    CellState.NEEDS_REVIEW: "?",
    CellState.FAILED: "✗",
    CellState.MISSING: "–",
    CellState.TWO_VERSIONS: "2×",
}

_STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em auto; max-width: 75em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: .2em; } h2 { margin-top: 1.8em; font-size: 1.2em; }
table { border-collapse: collapse; margin: .5em 0; }
th, td { border: 1px solid #ccc; padding: .2em .5em; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.coverage td.cell { text-align: center; min-width: 2.6em; font-weight: bold; }
td.cell a { color: inherit; text-decoration: none; display: block; }
.ok { background: #d7f0d2; } .needs-review { background: #fff1bf; }
.failed { background: #f7c6c5; } .missing { background: #f2f2f2; color: #999; }
.two-versions { background: #cfe0f7; }
.legend span { display: inline-block; padding: .1em .6em; margin-right: .4em;
  border: 1px solid #ccc; }
.note { color: #555; font-size: .9em; } .code { font-family: monospace; }
"""


def _css_class(state: CellState) -> str:
    return str(state).replace(" ", "-")


def _table(head: Iterable[str], rows: Iterable[Iterable[str]], css: str = "") -> str:
    """Cells are HTML already; a head cell starting with '#' is numeric (right-aligned)."""

    def th(cell: str) -> str:
        return f'<th class="num">{cell[1:]}</th>' if cell.startswith("#") else f"<th>{cell}</th>"

    body = "".join(f"<tr>{''.join(row)}</tr>" for row in rows)
    css_attr = f' class="{css}"' if css else ""
    head_row = "".join(map(th, head))
    return f"<table{css_attr}><thead><tr>{head_row}</tr></thead><tbody>{body}</tbody></table>"


def _td(text: object, numeric: bool = False) -> str:
    return (
        f'<td class="num">{escape(str(text))}</td>' if numeric else f"<td>{escape(str(text))}</td>"
    )


def _cell(cell: Cell) -> str:
    title = f"{cell.year}: {cell.state}"
    if len(cell.documents) > 1:
        title += f" (current: {cell.documents[-1]}; superseded: {', '.join(cell.documents[:-1])})"
    elif cell.documents:
        title += f" ({cell.documents[0]})"
    symbol = _SYMBOLS[cell.state]
    inner = f'<a href="{escape(cell.review_link)}">{symbol}</a>' if cell.review_link else symbol
    return (
        f'<td class="cell {_css_class(cell.state)}" data-state="{cell.state}" '
        f'title="{escape(title)}">{inner}</td>'
    )


def _coverage_section(data: ReportData) -> str:
    legend = "".join(
        f'<span class="{_css_class(state)}">{_SYMBOLS[state]} {state}</span>' for state in CellState
    )
    rows = [[_td(row.region_name), *map(_cell, row.cells)] for row in data.coverage]
    unplaced = ""
    if data.unplaced:
        items = "".join(
            f"<li><span class='code'>{escape(u.key)}</span>: {escape(u.status)}"
            f"{' – ' + escape(u.error) if u.error else ''}</li>"
            for u in data.unplaced
        )
        unplaced = f"<p>Documents without a region or year (not in the matrix):</p><ul>{items}</ul>"
    return (
        '<h2 id="coverage">Coverage: 26 regions × budget years</h2>'
        f'<p class="legend">{legend}</p>'
        + _table(["region", *map(str, data.years)], rows, "coverage")
        + '<p class="note">A cell links to the document\'s review page when one has been built; '
        "with two versions the later received one is current.</p>" + unplaced
    )


def _difference(total: Decimal, published: Decimal) -> str:
    return f"{'+' if total > published else ''}{euros(total - published)}"


def _money_section(data: ReportData) -> str:
    rows = []
    for year, total in data.totals.items():
        ref = data.published.get(year)
        rows.append(
            [
                _td(year),
                _td(data.agreement_counts.get(year, 0), True),
                _td(data.unpriced_counts.get(year, 0), True),
                _td(euros(total), True),
                _td(euros(ref.amount) if ref else "", True),
                _td(_difference(total, ref.amount) if ref else "", True),
                _td(
                    f"up to {euros(ref.additional)} for {ref.additional_purpose}"
                    if ref and ref.additional
                    else ""
                ),
            ]
        )
    sources = "".join(
        f"<li>{year}: {escape(ref.source)}</li>" for year, ref in data.published.items()
    )
    head = [
        "year",
        "#agreements",
        "#of them without amount",
        "#sum of budgets",
        "#published total",
        "#difference",
        "additionally",
    ]
    return (
        '<h2 id="money">Money per year</h2>'
        + _table(head, rows)
        + '<img src="totals.svg" alt="Sum of the agreed budgets per year beside the published '
        'total"><p class="note">Current agreements only. Published totals and their sources:</p>'
        f'<ul class="note">{sources}</ul>'
    )


def _regions_section(data: ReportData) -> str:
    rows = []
    for name in sorted(set(data.region_amounts) | set(data.region_projects)):
        amounts, projects = data.region_amounts.get(name, {}), data.region_projects.get(name, {})
        cells = []
        for year in data.years:
            amount = f"{euros(amounts[year])}" if year in amounts else ""
            count = f" · {projects[year]} projects" if year in projects else ""
            cells.append(_td(amount + count, True))
        rows.append([_td(name), *cells])
    return (
        '<h2 id="regions">Per region: budget and projects over the years</h2>'
        '<img src="regions.svg" alt="Budget and number of projects per region and year">'
        + _table(["region", *(f"#{y}" for y in data.years)], rows)
    )


def _mix_section(data: ReportData) -> str:
    rows = [
        [
            _td(year),
            *(_td(mix.get(c, 0), True) for c in data.categories),
            _td(sum(mix.values()), True),
        ]
        for year, mix in data.mix.items()
    ]
    return (
        '<h2 id="mix">Measure types per year</h2>'
        '<img src="mix.svg" alt="Share of projects per measure type and year">'
        + _table(["year", *(f"#{c}" for c in data.categories), "#all"], rows)
    )


def _check_rows(checks: list[Check]) -> list[list[str]]:
    return [
        [
            _td(c.year or ""),
            _td(c.region_name or ""),
            f"<td class='code'>{escape(c.document or '')}</td>",
            _td(c.message),
        ]
        for c in checks
    ]


def _checks_section(data: ReportData) -> str:
    parts = ['<h2 id="checks">Cross-document checks</h2>']
    if not data.checks:
        parts.append("<p>No check fired.</p>")
    summary = [
        [
            f"<td class='code'>{code}</td>",
            _td(sum(c.code is code for c in data.checks), True),
            _td(CHECK_MEANINGS[code]),
        ]
        for code in CheckCode
    ]
    parts.append(_table(["code", "#count", "meaning"], summary))
    for code in CheckCode:
        checks = [c for c in data.checks if c.code is code]
        if not checks:
            continue
        table = _table(["year", "region", "document", "message"], _check_rows(checks), "checks")
        heading = f'<span class="code">{code}</span> ({len(checks)})'
        if code in _FOLDED:
            parts.append(
                f'<details data-code="{code}"><summary>{heading}</summary>{table}</details>'
            )
        else:
            parts.append(f'<section data-code="{code}"><h3>{heading}</h3>{table}</section>')
    parts.append(
        '<p class="note">Also in <a href="../dataset/checks.csv">dataset/checks.csv</a>.</p>'
    )
    return "".join(parts)


def render(data: ReportData) -> str:
    links = " · ".join(
        f'<a href="../{path}">{path}</a>'
        for path in (
            "agreements.csv",
            "projects.csv",
            "signatories.csv",
            "datapackage.json",
            "dataset/agreements.parquet",
            "dataset/checks.csv",
        )
    )
    body = "".join(
        [
            "<h1>AQB target agreements: coverage, money and checks</h1>",
            f'<p class="note">{data.documents} documents; data: {links}</p>',
            _coverage_section(data),
            _money_section(data),
            _regions_section(data),
            _mix_section(data),
            _checks_section(data),
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>AQB target agreements: report</title>"
        f"<style>{_STYLE}</style></head><body>{body}</body></html>\n"
    )


def write_report(out_dir: Path, data: ReportData) -> Path:
    """Write report/index.html and its three charts; returns the page's path."""
    folder = out_dir / REPORT_DIR
    ceilings = {year: ref.ceiling for year, ref in data.published.items()}
    amounts = {year: ref.amount for year, ref in data.published.items()}
    charts = {
        "totals.svg": totals_chart(data.totals, amounts, ceilings),
        "regions.svg": region_chart(data.region_amounts, data.region_projects, data.years),
        "mix.svg": mix_chart(data.mix, data.categories),
    }
    for name, svg in charts.items():
        atomic_write_text(folder / name, svg)
    index = folder / "index.html"
    atomic_write_text(index, render(data))
    return index
