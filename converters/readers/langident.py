"""py3langid's language identifier, loaded in milliseconds from an unpacked, memory-mapped copy.

py3langid (https://github.com/adbar/py3langid) ships its model as an
LZMA-compressed ``.npz`` (4.5 MB, 68 MB unpacked); :meth:`LanguageIdentifier.from_model_file`
decompresses it on every process, about 0.65 s. Here the model is unpacked
once into a cache folder as plain ``.npy`` files (``np.save``: the same bytes
for the same model, so the copy is deterministic) and later processes map
them with ``np.load(mmap_mode="r")``: only the pages a text touches are read,
and the page cache shares them between processes.

The identifier built from the mapped arrays is py3langid's own
:class:`~py3langid.langid.LanguageIdentifier`, given the same arrays through
its public constructor, so it returns exactly what the stock one returns
(``tests/test_langident.py`` checks it on every article of the evaluation set).

Cache folder: :func:`converters.cache.cache_root`; one sub-folder ``langid-KEY`` per model file
(KEY hashes its path, size, modification time and py3langid's version, so an
upgrade unpacks afresh). When the folder cannot be written the model is
loaded the stock way, slowly but correctly.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from converters.cache import cache_root

#: Bumped when the cache's layout changes.
_LAYOUT = 1
#: The arrays of py3langid's model, in the order its constructor takes them.
_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def model_file() -> Path:
    """The path of py3langid's packed model (``data/model.npz.xz`` in its package)."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    return Path(MODEL_DIR) / str(MODEL_FILE)


def _version() -> str:
    """py3langid's version (its ``__version__``: importlib.metadata would cost 40 ms)."""
    import py3langid

    return str(getattr(py3langid, "__version__", "unknown"))


def cache_dir(model: Path) -> Path:
    """The folder that holds (or will hold) the unpacked copy of ``model``."""
    st = model.stat()
    ident = f"{_LAYOUT}:{model.resolve()}:{st.st_size}:{st.st_mtime_ns}:{_version()}"
    return cache_root() / f"langid-{hashlib.sha256(ident.encode()).hexdigest()[:16]}"


def unpack(model: Path, target: Path) -> None:
    """Unpack ``model`` (an LZMA-compressed ``.npz``) into ``target`` as one ``.npy`` per array.

    The arrays are written into a fresh temporary folder beside ``target``
    and renamed into place in one step, so a reader never sees half a copy;
    when another process got there first, its copy is kept.

    Raises:
        OSError: the cache folder cannot be created or written.
        ValueError: ``model`` lacks one of the arrays py3langid needs.
    """
    import lzma

    import numpy as np

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part"))
    try:
        with tempfile.TemporaryFile(dir=target.parent) as raw:
            with lzma.open(model) as packed:
                shutil.copyfileobj(packed, raw, length=1 << 20)
            raw.seek(0)
            with np.load(raw, allow_pickle=False) as data:
                missing = set(_ARRAYS).difference(data.files)
                if missing:
                    raise ValueError(f"{model}: unknown model layout, missing {sorted(missing)}")
                for name in _ARRAYS:
                    np.save(tmp / f"{name}.npy", data[name], allow_pickle=False)
        try:
            os.rename(tmp, target)
        except OSError:
            if not (target / f"{_ARRAYS[-1]}.npy").exists():
                raise  # not a lost race: a real error
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _view(array: Any) -> memoryview[int]:
    """A flat memoryview of an integer array: indexing it gives Python ints, as py3langid's
    ``array('H')``/list arguments do, without copying the mapped file into memory."""
    codes: dict[tuple[int, str], Literal["B", "H", "I", "Q", "i", "q"]] = {
        (1, "u"): "B",
        (2, "u"): "H",
        (4, "u"): "I",
        (8, "u"): "Q",
        (4, "i"): "i",
        (8, "i"): "q",
    }
    return memoryview(array).cast("B").cast(codes[(array.dtype.itemsize, array.dtype.kind)])


def mapped_identifier(folder: Path) -> Any:
    """A normalising :class:`~py3langid.langid.LanguageIdentifier` over the arrays in ``folder``.

    Raises:
        OSError: a file is missing or unreadable.
    """
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS}
    return LanguageIdentifier(
        arrays["ptc"],
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        _view(arrays["nextmove"]),
        _view(arrays["out_feat"]),
        norm_probs=True,
        tk_row=_view(arrays["nextmove_row"]),
    )


def stock_identifier() -> Any:
    """py3langid's identifier loaded its own way (decompressing the model: ~0.65 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=1)
def identifier() -> Any:
    """The process's identifier: mapped from the cache (unpacking it on first use), or stock
    when the cache cannot be written. ``identifier().classify(text)`` gives ``(code, probability)``."""
    model = model_file()
    folder = cache_dir(model)
    with contextlib.suppress(OSError, ValueError):
        if not (folder / f"{_ARRAYS[-1]}.npy").exists():
            unpack(model, folder)
        return mapped_identifier(folder)
    return stock_identifier()
