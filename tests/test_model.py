"""The document model: JSON form and passing documents between processes."""

from __future__ import annotations

import pickle

import pytest

from converters.model import DateValue, Document, Paragraph, RelatedLink, text


def test_document_survives_pickling_with_read_only_metadata() -> None:
    doc = Document(
        title="T",
        date=DateValue("1941", "1941"),
        blocks=(Paragraph(text("p")),),
        related=(RelatedLink("R", "https://example.org/r"),),
        metadata={"kicker": "OPINION", "dropped": ["Share this"]},
    )
    again = pickle.loads(pickle.dumps(doc))
    assert again == doc
    assert again.metadata["kicker"] == "OPINION"
    with pytest.raises(TypeError):
        again.metadata["kicker"] = "changed"  # type: ignore[index]


def test_to_dict_shape() -> None:
    doc = Document(title="T", date=DateValue("January 1948", "1948-01"), blocks=(Paragraph(text("p")),))
    data = doc.to_dict()
    assert data["date"] == {"text": "January 1948", "iso": "1948-01"}
    assert data["blocks"] == [{"type": "paragraph", "text": "p"}]
    assert (data["authors"], data["related"], data["language"]) == ([], [], "en")
