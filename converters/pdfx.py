"""PDF/X print exchange: a CMYK output intent, and every colour converted to it.

WeasyPrint writes the PDF/X identifiers (``GTS_PDFXVersion``, XMP, trim and
bleed boxes), but an output intent only when the document declares a colour
profile, and it paints CSS colours in DeviceRGB, which PDF/X forbids without
an RGB output intent. For the ``pdf/x-*`` variants plainpress therefore:

1. declares the CMYK profile to WeasyPrint (``@color-profile device-cmyk``,
   :func:`color_profile_css`), which embeds it as the ``/OutputIntents``
   entry's ``/DestOutputProfile`` (subtype ``/GTS_PDFX``);
2. rewrites every ``rg``/``RG`` (DeviceRGB fill/stroke) operator in the page
   and form content streams to ``k``/``K`` (DeviceCMYK), converting the
   colour from sRGB through the profile with LittleCMS (Pillow's
   :mod:`PIL.ImageCms`: relative colorimetric, black-point compensation).
   Neutral greys, black text included, go to the black ink alone (``0 0 0 K``)
   so that text is not printed in four registered inks (:func:`to_cmyk`);
3. refuses, with one :class:`~converters.errors.UsageError`, what it cannot
   convert (RGB or Lab images, shadings and colour spaces) and, for PDF/X-1a
   and PDF/X-3, any transparency, rather than write a PDF that claims PDF/X
   and is not.

The profile is Ghostscript's "Artifex CMYK SWOP Profile" (``default_cmyk.icc``,
ICC v2, output class, AGPL), from Debian's ``libgs-common`` package
(``/usr/share/color/icc/ghostscript/``); :func:`cmyk_profile_path` finds it.
pikepdf (qpdf) parses and rewrites the PDF.
"""

from __future__ import annotations

import io
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from converters.errors import UsageError

#: Where Debian's ``libgs-common`` (and other distributions' Ghostscript) put the CMYK profile.
PROFILE_CANDIDATES: tuple[Path, ...] = (
    Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),
    *sorted(Path("/usr/share/ghostscript").glob("*/iccprofiles/default_cmyk.icc")),
)
#: The Debian package that ships the profile (in the Makefile's DEB_PACKAGES).
PROFILE_PACKAGE = "libgs-common"

#: Colour spaces PDF/X accepts in content without conversion (``DeviceGray`` is the black ink).
_DEVICE_OK = {"/DeviceCMYK", "/DeviceGray", "/Pattern"}


def is_pdfx(variant: str | None) -> bool:
    """Whether ``variant`` is one of the PDF/X variants (``pdf/x-1a``, ``pdf/x-3``, ``pdf/x-4``...)."""
    return variant is not None and variant.startswith("pdf/x-")


def allows_transparency(variant: str) -> bool:
    """PDF/X-1a:2003 and PDF/X-3:2003 forbid transparency; PDF/X-4 and later allow it."""
    return variant not in {"pdf/x-1a", "pdf/x-3"}


def cmyk_profile_path() -> Path:
    """The CMYK ICC profile file for PDF/X output intents.

    Raises:
        UsageError: no profile is installed (names the Debian package to install).
    """
    for path in PROFILE_CANDIDATES:
        if path.is_file():
            return path
    raise UsageError(
        None,
        "PDF/X needs a CMYK ICC profile and none is installed "
        f"(install Debian's {PROFILE_PACKAGE}: {PROFILE_CANDIDATES[0]})",
    )


def color_profile_css(profile: Path) -> str:
    """The ``@color-profile device-cmyk`` rule that makes WeasyPrint write the output intent.

    ``Path.as_uri`` percent-encodes quotes and spaces, so the URL is safe in a CSS string.
    """
    return f'@color-profile device-cmyk {{ src: url("{profile.as_uri()}"); components: cyan, magenta, yellow, black; }}\n'


@lru_cache(maxsize=4)
def _transform(profile: Path) -> Any:
    from PIL import ImageCms

    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(str(profile)),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


@lru_cache(maxsize=4096)
def rgb_to_cmyk(red: float, green: float, blue: float, profile: Path) -> tuple[float, float, float, float]:
    """Convert an sRGB colour (components 0 to 1) to CMYK ink coverage (0 to 1) through ``profile``.

    A neutral grey (equal components) becomes black ink alone, ``(0, 0, 0, 1 - grey)``.
    """
    if red == green == blue:
        return (0.0, 0.0, 0.0, round(1.0 - red, 4))
    from PIL import Image, ImageCms

    pixel = Image.new("RGB", (1, 1), tuple(round(max(0.0, min(1.0, c)) * 255) for c in (red, green, blue)))
    cmyk = ImageCms.applyTransform(pixel, _transform(profile))
    assert cmyk is not None
    values = cmyk.getpixel((0, 0))
    assert isinstance(values, tuple)
    return tuple(round(v / 255, 4) for v in values)  # type: ignore[return-value]


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float, Decimal)) else float(str(value))


def _refuse(variant: str, what: str) -> UsageError:
    return UsageError(None, f"cannot write {variant}: the PDF {what}; choose another PDF variant")


class _Converter:
    """One pass over a PDF: rewrites RGB operators and checks what remains."""

    def __init__(self, pdf: Any, profile: Path, variant: str) -> None:
        self.pdf = pdf
        self.profile = profile
        self.variant = variant
        self.seen: set[tuple[int, int]] = set()

    def content(self, owner: Any, resources: Any) -> None:
        """Rewrite the content of a page or form XObject, then visit its resources."""
        import pikepdf

        out: list[pikepdf.ContentStreamInstruction] = []
        for instruction in pikepdf.parse_content_stream(owner):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                raise _refuse(self.variant, "has an inline image")
            op = str(instruction.operator)
            if op in ("rg", "RG"):
                cmyk = rgb_to_cmyk(*(_number(v) for v in instruction.operands), profile=self.profile)
                operands = [pikepdf.Object.parse(f"{v:.4f}".encode()) for v in cmyk]
                out.append(
                    pikepdf.ContentStreamInstruction(operands, pikepdf.Operator("k" if op == "rg" else "K"))
                )
                continue
            if op in ("cs", "CS"):
                self.color_space(instruction.operands[0], resources)
            out.append(instruction)
        data = pikepdf.unparse_content_stream(out)
        if isinstance(owner, pikepdf.Page):
            owner.obj.Contents = self.pdf.make_stream(data)
        else:
            owner.write(data)
        if resources is not None:
            self.resources(resources)

    def color_space(self, name: Any, resources: Any) -> None:
        """Refuse a colour space set with ``cs``/``CS`` that is not CMYK, grey or a pattern."""
        import pikepdf

        space: Any = name
        if str(name) not in _DEVICE_OK and resources is not None and "/ColorSpace" in resources:
            space = resources.ColorSpace.get(name, name)
        if (
            isinstance(space, pikepdf.Array)
            and str(space[0]) == "/ICCBased"
            and int(space[1].get("/N", 0)) in (1, 4)
        ):
            return
        if str(space) not in _DEVICE_OK:
            raise _refuse(self.variant, f"paints in the colour space {name} (not CMYK)")

    def resources(self, resources: Any) -> None:
        """Visit form XObjects and tiling patterns; refuse images, shadings and transparency."""
        for xobject in resources.get("/XObject", {}).values():
            if xobject.objgen in self.seen:
                continue
            self.seen.add(xobject.objgen)
            if xobject.get("/Subtype") == "/Image":
                if str(xobject.get("/ColorSpace")) not in _DEVICE_OK:
                    raise _refuse(self.variant, "has an image that is not in CMYK or grey")
                if "/SMask" in xobject and not allows_transparency(self.variant):
                    raise _refuse(self.variant, "has an image with transparency")
                continue
            group = xobject.get("/Group")
            if group is not None and "/CS" in group:
                group.CS = _cmyk_name()
            self.content(xobject, xobject.get("/Resources"))
        for pattern in resources.get("/Pattern", {}).values():
            if int(pattern.get("/PatternType", 0)) == 1 and pattern.objgen not in self.seen:
                self.seen.add(pattern.objgen)
                self.content(pattern, pattern.get("/Resources"))
            elif int(pattern.get("/PatternType", 0)) == 2:
                raise _refuse(
                    self.variant, "has a gradient (shading), which plainpress cannot convert to CMYK"
                )
        if resources.get("/Shading"):
            raise _refuse(self.variant, "has a gradient (shading), which plainpress cannot convert to CMYK")
        if not allows_transparency(self.variant):
            for state in resources.get("/ExtGState", {}).values():
                opaque = all(_number(state.get(key, 1)) == 1 for key in ("/ca", "/CA"))
                soft = str(state.get("/SMask", "/None")) != "/None"
                blend = str(state.get("/BM", "/Normal")) not in ("/Normal", "/Compatible")
                if not opaque or soft or blend:
                    raise _refuse(
                        self.variant, "uses transparency (CSS opacity), which it forbids (pdf/x-4 allows it)"
                    )


def _cmyk_name() -> Any:
    import pikepdf

    return pikepdf.Name("/DeviceCMYK")


def to_cmyk(pdf_bytes: bytes, profile: Path, variant: str) -> bytes:
    """Convert the DeviceRGB colours of a WeasyPrint PDF to DeviceCMYK through ``profile``.

    The document's identifier, metadata, page boxes and output intent are kept;
    the output has no object streams (PDF/X-1a and PDF/X-3 are PDF 1.4).

    Raises:
        UsageError: the PDF holds something this pass cannot convert (an RGB
            image, a gradient, a Lab or RGB colour space) or, for ``pdf/x-1a``
            and ``pdf/x-3``, transparency.
    """
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        if "/OutputIntents" not in pdf.Root:
            raise _refuse(variant, "has no output intent")
        converter = _Converter(pdf, profile, variant)
        for page in pdf.pages:
            group = page.obj.get("/Group")
            if group is not None and "/CS" in group:
                group.CS = _cmyk_name()
            converter.content(page, page.obj.get("/Resources"))
        out = io.BytesIO()
        pdf.save(
            out,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            compress_streams=True,
            deterministic_id=True,  # from the content, so builds stay reproducible
            linearize=False,
        )
    return out.getvalue()
