"""``plainpress check FILE.epub --kindle``: what would keep an EPUB from Kindle.

Amazon takes EPUB through Send to Kindle and KDP and converts it on its
servers; a file it cannot convert comes back with a generic error (E999)
or no cover. :func:`kindle_findings` looks for the causes reported for such
failures, each a :class:`Finding`:

- *problems* (the check fails): not an EPUB container (``mimetype`` first,
  stored, ``application/epub+zip``); over 50 MB, Send to Kindle's e-mail limit;
  encrypted or obfuscated resources (``META-INF/encryption.xml``,
  ``rights.xml``: DRM and font obfuscation are refused); a package document
  without ``dc:title``, ``dc:identifier`` or a well-formed ``dc:language``
  (BCP 47); no ``dc:date``; a manifest item missing from the archive, a spine
  entry naming no manifest item, a content document that is not well-formed
  XML; file names with spaces or characters outside ASCII letters, digits and
  ``._-/``; a cover image that is not JPEG or PNG (Kindle shows no SVG cover;
  Calibre's AZW3 conversion reports "No cover found"), or smaller than
  625 x 1000 px, KDP's minimum;
- *notes* (reported, the check passes): no cover image (Kindle shows a
  generic one; KDP takes the cover separately), a cover under the
  recommended 1600 x 2560 px, no ``dc:publisher``, ``<script>`` (ignored by
  Kindle).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote

from converters.errors import InputError

#: Send to Kindle's limit for e-mailed documents, in bytes (50 MB).
MAX_SIZE = 50 * 1000 * 1000
#: KDP's minimum and recommended cover sizes, in pixels (width, height).
MIN_COVER = (625, 1000)
RECOMMENDED_COVER = (1600, 2560)
_SAFE_NAME = re.compile(r"[A-Za-z0-9._/-]+")
_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Finding:
    """One finding: ``level`` is ``"problem"`` (Amazon may reject the file) or ``"note"``."""

    level: Literal["problem", "note"]
    message: str


def _container(archive: zipfile.ZipFile, size: int) -> list[Finding]:
    found = []
    first = archive.infolist()[0] if archive.infolist() else None
    if (
        first is None
        or first.filename != "mimetype"
        or first.compress_type != zipfile.ZIP_STORED
        or archive.read(first).strip() != b"application/epub+zip"
    ):
        found.append(
            Finding("problem", "'mimetype' is not the first entry, stored, holding application/epub+zip")
        )
    if size > MAX_SIZE:
        found.append(Finding("problem", f"is {size} bytes, over Send to Kindle's limit of {MAX_SIZE} bytes"))
    for name in ("META-INF/encryption.xml", "META-INF/rights.xml"):
        if name in archive.namelist():
            found.append(Finding("problem", f"has {name}: Amazon refuses DRM and obfuscated fonts"))
    odd = [n for n in archive.namelist() if not _SAFE_NAME.fullmatch(n)]
    if odd:
        found.append(
            Finding(
                "problem",
                f"file names with spaces or non-ASCII characters (a reported cause of E999): {odd[0]!r}",
            )
        )
    return found


def _package(opf: Any) -> list[Finding]:
    from converters.langtag import is_well_formed

    found = []
    for element, what in (("title", "a title"), ("identifier", "an identifier")):
        if not (opf.findtext(f".//{_DC}{element}") or "").strip():
            found.append(Finding("problem", f"the package has no dc:{element} ({what})"))
    language = (opf.findtext(f".//{_DC}language") or "").strip()
    if not is_well_formed(language):
        found.append(Finding("problem", f"dc:language {language!r} is missing or not a BCP 47 tag"))
    if not (opf.findtext(f".//{_DC}date") or "").strip():
        found.append(Finding("problem", "the package has no dc:date"))
    if not (opf.findtext(f".//{_DC}publisher") or "").strip():
        found.append(Finding("note", "no dc:publisher (KDP asks for one; plainpress --publisher)"))
    return found


def _cover(archive: zipfile.ZipFile, opf: Any, items: dict[str, Any], base: str) -> list[Finding]:
    from PIL import Image, UnidentifiedImageError

    cover = next((i for i in items.values() if "cover-image" in (i.get("properties") or "").split()), None)
    legacy = next((m.get("content") for m in opf.iter(f"{_OPF}meta") if m.get("name") == "cover"), None)
    cover = cover if cover is not None else items.get(legacy) if legacy else None
    if cover is None:
        return [
            Finding("note", "no cover image: Kindle shows a generic cover (KDP takes the cover separately)")
        ]
    if cover.get("media-type") not in ("image/jpeg", "image/png"):
        return [
            Finding(
                "problem", f"the cover is {cover.get('media-type')}, not JPEG or PNG: Kindle shows no cover"
            )
        ]
    try:
        with Image.open(io.BytesIO(archive.read(_path(base, cover.get("href", ""))))) as image:
            width, height = image.size
    except (KeyError, OSError, UnidentifiedImageError):
        return [Finding("problem", "the cover image cannot be read")]
    if width < MIN_COVER[0] or height < MIN_COVER[1]:
        return [Finding("problem", f"the cover is {width} x {height} px, under KDP's minimum of 625 x 1000")]
    if width < RECOMMENDED_COVER[0] or height < RECOMMENDED_COVER[1]:
        return [Finding("note", f"the cover is {width} x {height} px; Amazon recommends 1600 x 2560")]
    return []


def _path(base: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0])))


def _contents(archive: zipfile.ZipFile, opf: Any, items: dict[str, Any], base: str) -> list[Finding]:
    from lxml import etree

    found = []
    names = set(archive.namelist())
    scripts = False
    for item in items.values():
        path = _path(base, item.get("href", ""))
        if path not in names:
            found.append(Finding("problem", f"the manifest lists {path}, which is not in the file"))
            continue
        if item.get("media-type") == "application/xhtml+xml":
            try:
                root = etree.fromstring(
                    archive.read(path), etree.XMLParser(resolve_entities=False, no_network=True)
                )
            except etree.XMLSyntaxError as exc:
                found.append(Finding("problem", f"{path} is not well-formed XHTML: {exc}"))
                continue
            scripts = scripts or next(root.iter(f"{_XHTML}script"), None) is not None
    for ref in opf.iter(f"{_OPF}itemref"):
        if ref.get("idref") not in items:
            found.append(
                Finding("problem", f"the spine names {ref.get('idref')!r}, which is not in the manifest")
            )
    if scripts:
        found.append(Finding("note", "content documents have <script>, which Kindle ignores"))
    return found


def kindle_findings(path: Path) -> list[Finding]:
    """Everything :mod:`converters.kindle` finds in the EPUB at ``path``, problems first.

    Raises:
        InputError: ``path`` cannot be read, or is not a ZIP archive with a package document.
    """
    from lxml import etree

    from converters.writers.epub import _rootfile_path

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot be read: {exc.strerror or exc}") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            found = _container(archive, len(data))
            opf_path = _rootfile_path(archive.read("META-INF/container.xml"))
            opf = etree.fromstring(archive.read(opf_path))
            base = posixpath.dirname(opf_path)
            items = {i.get("id"): i for i in opf.iter(f"{_OPF}item")}
            found += _package(opf) + _contents(archive, opf, items, base) + _cover(archive, opf, items, base)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
        raise InputError(path, f"is not an EPUB (no readable package document: {exc})") from None
    return sorted(found, key=lambda f: f.level != "problem")
