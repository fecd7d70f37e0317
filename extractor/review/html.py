"""The review site's HTML shells and data files.

The pages hold no data and no inline script: each loads a data file (a script assigning
one JSON value, since browsers refuse fetch() on file:// pages) and the site's own
scripts, which build the page with textContent only. Text read from a scan is untrusted;
nothing of it is ever parsed as HTML. The Content-Security-Policy lets the pages load
only the site's own scripts, styles and images, and connect nowhere.
"""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import quote

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)


def data_script(variable: str, value: Any) -> str:
    """A script file assigning ``value`` to ``window[variable]``.

    JSON is a JavaScript expression; "<", ">" and "&" are escaped besides, so that the
    file stays inert even if it were ever inlined into HTML.
    """
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f"window.{variable} = {text};\n"


def url_part(name: str) -> str:
    """A file name as it goes into a relative URL (keys may hold "#", "%", "?", spaces)."""
    return quote(name, safe="")


def shell(title: str, body_class: str, scripts: list[str], css: str) -> str:
    """A page with nothing but its title, its stylesheet and its scripts."""
    tags = "\n".join(f'<script src="{html.escape(src)}"></script>' for src in scripts)
    return f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{html.escape(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="stylesheet" href="{html.escape(css)}">
</head>
<body class="{html.escape(body_class)}">
<noscript>The review pages need JavaScript (only the site's own scripts run).</noscript>
<main id="app"></main>
{tags}
</body>
</html>
"""
