"""Print profiles (``--print kdp-6x9``): trim size, bleed, KDP's gutter, an even page count.

A print profile turns the PDF into a print-on-demand interior:

- the page is the trim size (:data:`PROFILES`), with a bleed of 0.125 in
  (3.175 mm) on every side: the PDF's MediaBox and BleedBox hold the bleed,
  its TrimBox the trim, as KDP asks for interiors with bleed;
- margins: 0.5 in outside, 0.6 in at the top (the running head), 0.6 in at
  the bottom (the folio), and an inside margin (gutter) that grows with the
  page count as KDP's table says (:func:`gutter`), on the right of left-hand
  pages and the left of right-hand pages; the book is typeset again when the
  page count moves it to another row of the table;
- an even page count: a blank page is added at the end when needed;
- no link annotations and no bookmarks: on paper neither can be followed,
  and print services ask for files without them.

The sizes and the gutter table are KDP's ("Set trim size, bleed, and margins",
paperback manuscript guidelines): 6 x 9 in and 5.5 x 8.5 in are its most
common trims; ``a5`` (148 x 210 mm) is the usual European trim, with the
same bleed and gutter rules.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from converters.validate import BadValue

#: Bleed on every side, in inches (KDP: 0.125 in).
BLEED_IN = 0.125
#: Outside, top and bottom margins, in inches.
OUTSIDE_IN, TOP_IN, BOTTOM_IN = 0.5, 0.6, 0.6
#: KDP's inside margin by page count: (up to this many pages, gutter in inches).
GUTTER_TABLE: tuple[tuple[int, float], ...] = (
    (150, 0.375),
    (300, 0.5),
    (500, 0.625),
    (700, 0.75),
    (10**9, 0.875),
)


@dataclass(frozen=True)
class PrintProfile:
    """A trim size: ``width`` and ``height`` as CSS lengths (``"6in"``, ``"148mm"``)."""

    name: str
    width: str
    height: str
    description: str


PROFILES: dict[str, PrintProfile] = {
    p.name: p
    for p in (
        PrintProfile("kdp-6x9", "6in", "9in", "6 x 9 in, KDP's most common paperback trim"),
        PrintProfile("kdp-5.5x8.5", "5.5in", "8.5in", "5.5 x 8.5 in (digest)"),
        PrintProfile("a5", "148mm", "210mm", "A5, 148 x 210 mm"),
    )
}


def print_profile(value: object) -> str:
    """A profile name of :data:`PROFILES`, in any case (``"KDP-6x9"`` gives ``"kdp-6x9"``).

    Raises:
        BadValue: any other value (the message lists the profiles).
    """
    name = value.lower() if isinstance(value, str) else value
    if name not in PROFILES:
        raise BadValue(f"unknown print profile {value!r} (available: {', '.join(PROFILES)})")
    return str(name)


def gutter(pages: int) -> float:
    """The inside margin, in inches, for a book of ``pages`` pages (KDP's table)."""
    return next(inches for most, inches in GUTTER_TABLE if pages <= most)


def page_css(name: str, gutter_in: float) -> str:
    """The ``@page`` rules of profile ``name`` with an inside margin of ``gutter_in`` inches."""
    profile = PROFILES[name]
    return (
        f"@page {{ size: {profile.width} {profile.height}; bleed: {BLEED_IN}in; "
        f"margin: {TOP_IN}in {OUTSIDE_IN}in {BOTTOM_IN}in {OUTSIDE_IN}in; }}\n"
        f"@page :left {{ margin-right: {gutter_in}in; }}\n"
        f"@page :right {{ margin-left: {gutter_in}in; }}\n"
    )


def finish(pdf: bytes) -> bytes:
    """The PDF without link annotations and bookmarks, with a blank last page when
    its page count is odd (the blank page has the same page boxes).
    """
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            if "/Annots" in page.obj:
                del page.obj["/Annots"]
        for key in ("/Outlines", "/PageMode"):
            if key in document.Root:
                del document.Root[key]
        if len(document.pages) % 2:
            last = document.pages[-1].obj
            blank = document.add_blank_page(page_size=(72, 72))  # boxes replaced below
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                if box in last:
                    blank.obj[box] = last[box]
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()
