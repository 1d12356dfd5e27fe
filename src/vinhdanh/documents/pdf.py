"""PDF from HTML/CSS with WeasyPrint, for the certificates.

The font is bundled (Liberation Serif, SIL OFL 1.1, `documents/fonts/`), so a certificate
prints the same on any server and every glyph is embedded. Nothing is fetched at render time:
the fetcher serves only the bundled fonts and `data:` URIs (a blank's scan), and refuses the
rest. The font configuration and the parsed stylesheet are made once per process and shared by
every document: a batch rendered as one document pays for fonts and styles once.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "Vinh Danh Serif"
_FACES = (
    ("LiberationSerif-Regular.ttf", "normal", "normal"),
    ("LiberationSerif-Bold.ttf", "bold", "normal"),
    ("LiberationSerif-Italic.ttf", "normal", "italic"),
    ("LiberationSerif-BoldItalic.ttf", "bold", "italic"),
)
# The few elements the certificate templates use; WeasyPrint's full HTML user-agent sheet
# (hundreds of rules matched against every element) costs a batch ~10 ms a page for nothing.
_MINIMAL_UA = """
head, style, title, meta, script { display: none }
html, body, section, div, p { display: block }
b { font-weight: bold }
i { font-style: italic }
br::before { content: "\\A"; white-space: pre-line }
img { display: inline-block }
"""

# WeasyPrint's layout state is per process; one render at a time keeps the shared font
# configuration safe under a threaded server.
_LOCK = threading.Lock()


class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Serves the bundled fonts and inline data; anything else (the network, other files)
    is refused, so a certificate never depends on what is reachable when it is printed."""

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file://"):
            path = Path(url.removeprefix("file://").split("?")[0]).resolve()
            if path.parent == FONTS_DIR and path.suffix == ".ttf":
                return super().fetch(url, headers)
        raise ValueError(f"not a local resource of Vinh Danh: {url[:80]}")


def font_faces() -> str:
    return "\n".join(
        f"@font-face {{ font-family: '{FONT_FAMILY}'; src: url('{(FONTS_DIR / name).as_uri()}'); "
        f"font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in _FACES
    )


@lru_cache(maxsize=1)
def _shared() -> tuple[FontConfiguration, LocalOnlyFetcher]:
    return FontConfiguration(), LocalOnlyFetcher(allowed_protocols=("file", "data"))


class _CertificateHTML(HTML):  # type: ignore[misc]
    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [_ua_stylesheet()]


@lru_cache(maxsize=1)
def _ua_stylesheet() -> CSS:
    fonts, fetcher = _shared()
    return CSS(string=_MINIMAL_UA, font_config=fonts, url_fetcher=fetcher)


@lru_cache(maxsize=8)
def stylesheet(template: str) -> CSS:
    """The parsed stylesheet of a template (with the bundled font faces), once per process."""
    fonts, fetcher = _shared()
    text = font_faces() + "\n" + render_to_string(template, {"font_family": FONT_FAMILY})
    return CSS(string=text, font_config=fonts, url_fetcher=fetcher)


def html_to_pdf(html: str, stylesheet_template: str) -> bytes:
    fonts, fetcher = _shared()
    with _LOCK:
        document = _CertificateHTML(
            string=html, url_fetcher=fetcher, base_url=FONTS_DIR.as_uri()
        ).render(stylesheets=[stylesheet(stylesheet_template)], font_config=fonts)
        return bytes(document.write_pdf())


class _LayeredPage:
    """A page of the batch: the shared layer (laid out once per kind) painted under the
    recipient's own layer. Everything else (size, links, anchors) is the recipient page's."""

    def __init__(self, under: Any, over: Any) -> None:
        self.__dict__.update(over.__dict__)
        self._under, self._over = under, over

    def paint(self, stream: Any, scale: float = 1) -> None:
        self._under.paint(stream, scale)
        self._over.paint(stream, scale)


def layered_pdf(shared_html: str, own_html: str, shared_page: list[int], template: str) -> bytes:
    """One PDF whose page i is page `shared_page[i]` of `shared_html` with page i of `own_html`
    drawn over it: what every page repeats is laid out once, not once per page."""
    fonts, fetcher = _shared()
    base_url = FONTS_DIR.as_uri()
    css = [stylesheet(template)]
    with _LOCK:
        shared = _CertificateHTML(string=shared_html, url_fetcher=fetcher, base_url=base_url)
        own = _CertificateHTML(string=own_html, url_fetcher=fetcher, base_url=base_url)
        under = shared.render(stylesheets=css, font_config=fonts).pages
        document = own.render(stylesheets=css, font_config=fonts)
        if len(document.pages) != len(shared_page):
            raise ValueError("a certificate ran over one page")
        pages = [
            _LayeredPage(under[i], page)
            for i, page in zip(shared_page, document.pages, strict=True)
        ]
        return bytes(document.copy(pages).write_pdf())
