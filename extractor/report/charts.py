"""The report's charts, drawn with matplotlib as SVG text (no browser-side plotting, no CDN).

Figures are made without pyplot (no global state, no display needed); text stays text in
the SVG and ids are salted with a constant, so the same data gives the same file.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from decimal import Decimal

import matplotlib
from matplotlib.figure import Figure

matplotlib.rcParams.update(
    {"svg.fonttype": "none", "svg.hashsalt": "agreement-extractor", "font.size": 9}
)

_MILLION = Decimal(1_000_000)


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buffer.getvalue()


def totals_chart(
    totals: Mapping[int, Decimal],
    published: Mapping[int, Decimal],
    ceilings: Mapping[int, Decimal],
) -> str:
    """Bars: the agreed budgets per year; marks: the published total and its ceiling."""
    figure = Figure(figsize=(6.5, 2.8))
    axes = figure.add_subplot()
    years = sorted(totals)
    axes.bar(
        years,
        [float(totals[y] / _MILLION) for y in years],
        color="#4c78a8",
        label="sum of current agreements",
    )
    marked = [y for y in years if y in published]
    references = (
        (published, 2.5, "solid", "published total"),
        (ceilings, 1.0, "dotted", "published, with additional amount"),
    )
    for values, width, style, label in references if marked else ():
        axes.hlines(
            [float(values[y] / _MILLION) for y in marked],
            [y - 0.45 for y in marked],
            [y + 0.45 for y in marked],
            colors="#e45756",
            linewidths=width,
            linestyles=style,
            label=label,
        )
    axes.set_xticks(years)
    axes.set_ylabel("million €")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)


def region_chart(
    amounts: Mapping[str, Mapping[int, Decimal]],
    projects: Mapping[str, Mapping[int, int]],
    years: list[int],
) -> str:
    """Two panels over the years, one line per region with data: budget, number of projects."""
    figure = Figure(figsize=(8.5, 5.2))
    budget_axes, count_axes = figure.subplots(2, 1, sharex=True)
    colours = matplotlib.colormaps["tab20"].colors + matplotlib.colormaps["tab20b"].colors
    for i, region in enumerate(sorted(amounts)):
        colour = colours[i % len(colours)]
        by_year = amounts[region]
        xs = sorted(by_year)
        budget_axes.plot(
            xs, [float(by_year[y] / _MILLION) for y in xs], marker="o", color=colour, label=region
        )
        counts = projects.get(region, {})
        xs = sorted(counts)
        count_axes.plot(xs, [counts[y] for y in xs], marker="o", color=colour)
    budget_axes.set_ylabel("budget, million €")
    count_axes.set_ylabel("projects")
    count_axes.set_xticks(years)
    for axes in (budget_axes, count_axes):
        axes.spines[["top", "right"]].set_visible(False)
    if amounts:
        budget_axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7, frameon=False)
    return _svg(figure)


def mix_chart(mix: Mapping[int, Mapping[str, int]], categories: list[str]) -> str:
    """Stacked bars: each year's projects by measure type, as shares of the year's projects."""
    figure = Figure(figsize=(6.5, 2.8))
    axes = figure.add_subplot()
    years = sorted(mix)
    bottoms = [0.0] * len(years)
    colours = matplotlib.colormaps["Set2"].colors
    for i, category in enumerate(categories):
        shares = [100 * mix[y].get(category, 0) / max(1, sum(mix[y].values())) for y in years]
        axes.bar(years, shares, bottom=bottoms, color=colours[i % len(colours)], label=category)
        bottoms = [b + s for b, s in zip(bottoms, shares, strict=True)]
    axes.set_xticks(years)
    axes.set_ylabel("% of projects")
    axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)
