"""The learned reader: line features, the tagger, structured headers, furniture and line blocks."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from converters.cli import cli
from converters.model import Aside, DateValue, Paragraph, Preformatted, iter_text
from converters.readers.passes.structured import find_mail_header
from converters.readers.plaintext import explain_text, format_explanation, furniture_note, read_text
from converters.readers.roles import MODEL_PATH, ROLES, ranker_path, stage2_path, subtitle_ranker_path, tag
from converters.readers.roles.features import line_features, stopwords
from converters.readers.roles.pipeline import wraps
from converters.readers.roles.title import FEATURES, SUBTITLE_FEATURES, Ranker

BODY = (
    "The union said on Monday that its members had voted by a large majority to accept the offer "
    "after months of talks with the employers.\n\nA second paragraph follows here, with more words "
    "about the deal and what it means for the members and their families.\n"
)


def features_of(text: str, line: int, language: str | None = "en") -> dict[str, float]:
    return dict(line_features(text.split("\n"), language))[line]


# --------------------------------------------------------------------------
# Features


def test_features_number_non_blank_lines_from_one() -> None:
    numbers = [n for n, _f in line_features(["Title", "", "", "Body text here."], "en")]
    assert numbers == [1, 4]


def test_date_feature_and_its_share_of_the_line() -> None:
    f = features_of("Title\n\n3 May 2021\n\n" + BODY, 3)
    assert f["date"] == 1 and f["dateshare=>0.9"] == 1 and f["dateprec=2"] == 1


def test_byline_word_in_several_languages() -> None:
    for line in ("By Jane Doe", "Von Hans Meier", "Par Jeanne Dupont", "Af Lars Hansen", "Oleh Budi Santoso"):
        assert features_of(line + "\n\n" + BODY, 1)["by_word"] == 1, line


def test_interface_strings_beyond_english() -> None:
    for line in ("Teilen", "Partager", "Compartir", "Lesen Sie auch", "Leia também", "اقرأ أيضا"):
        f = features_of("Headline of the day\n\n" + line + "\n\n" + BODY, 3)
        assert f.get("ui_exact") == 1 or f.get("related_label") == 1, line


def test_words_of_a_headline_come_back_below_a_site_name_s_do_not() -> None:
    text = "Daily Gazette Online\n\nUnion members accept the offer\n\n" + BODY
    assert features_of(text, 1)["recur_below=<=0"] == 1
    assert features_of(text, 3)["recur_below=>0.75"] == 1


def test_mail_header_key_and_older_rule_tests_are_features() -> None:
    assert features_of("Subject: Hello\n\n" + BODY, 1)["mail_key"] == 1
    assert features_of("Title\n\nShare on Facebook\n\n" + BODY, 3)["junk=leftovers.web-line"] == 1


def test_stopwords_come_from_jusText_by_language() -> None:
    assert "und" in stopwords("de") and "the" in stopwords("en") and "und" not in stopwords("en")


# --------------------------------------------------------------------------
# The shipped model


def test_the_shipped_model_has_its_four_files() -> None:
    for path in (MODEL_PATH, ranker_path(), subtitle_ranker_path(), stage2_path()):
        assert path.exists(), path
    assert Ranker.load(ranker_path()).names == FEATURES
    assert Ranker.load(subtitle_ranker_path(), SUBTITLE_FEATURES).names == SUBTITLE_FEATURES


def test_tag_gives_one_role_of_the_corpus_per_non_blank_line() -> None:
    roles = tag(("Union Wins Pay Deal\n\n3 May 2021\n\n" + BODY).split("\n"), "en")
    assert [r.number for r in roles] == [1, 3, 5, 7]
    assert all(r.role in ROLES and 0.0 <= r.probability <= 1.0 for r in roles)
    assert roles[1].role == "date" and roles[2].role == "body"


def test_the_sample_article_reads_as_before(seed_path: Path) -> None:
    doc = read_text(seed_path.read_text(encoding="utf-8"))
    assert doc.title == "MAS/Arce Election Win"
    assert doc.subtitle == "No Victory for Bolivian Working Class"
    assert doc.date == DateValue("31 October 2020", "2020-10-31")


# --------------------------------------------------------------------------
# Title wrapping


def test_a_title_wrapped_over_two_lines_is_one_title() -> None:
    assert wraps("Workers of the world, unite against the", "new austerity budget")
    assert wraps("WRITING A NEW RUSSIAN CONSTITUTION FOR A", "NEW CENTURY OF DEMOCRACY")
    assert not wraps("Dockers Win Back Overtime Rates", "Terminal Operator Retreats After Stoppage")
    assert not wraps("It ended.", "then it began")


# --------------------------------------------------------------------------
# Structured headers


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("From: tcmay@netcom.com (Timothy C. May)", "Timothy C. May"),
        ("From: Leif Halvard Silli <leif@example.no>", "Leif Halvard Silli"),
        ("From: plain@example.org", "plain@example.org"),
    ],
)
def test_mail_header_fills_title_author_and_date(line: str, author: str) -> None:
    text = f"{line}\nSubject: The Crypto Anarchist Manifesto\nDate: Sun, 22 Nov 92 12:11:24 PST\n\n{BODY}"
    doc = read_text(text)
    assert doc.title == "The Crypto Anarchist Manifesto"
    assert doc.authors == (author,)
    assert doc.date == DateValue("Sun, 22 Nov 92 12:11:24 PST", "1992-11-22")
    assert doc.metadata["source_note"][0] == line
    assert isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].text.startswith("The union said")


def test_usenet_header_with_mbox_line_continuation_and_newsgroups() -> None:
    lines = [
        "From andrey@cs.arizona.edu Tue Dec 18 22:05:08 1990",
        "From: andrey@cs.arizona.edu (Andrey Yeatts)",
        "Newsgroups: talk.politics.drugs,",
        "\talt.drugs",
        "Subject: Editorial in the Arizona Daily Star",
        "Date: 17 Dec 90 00:01:14 GMT",
    ]
    header = find_mail_header([*lines, "", "Body."])
    assert header is not None and header.lines == [0, 1, 2, 3, 4, 5]
    assert header.fields["newsgroups"] == "talk.politics.drugs, alt.drugs"
    doc = read_text("\n".join(lines) + "\n\n" + BODY)
    assert (doc.title, doc.authors, doc.date) == (
        "Editorial in the Arizona Daily Star",
        ("Andrey Yeatts",),
        DateValue("17 Dec 90 00:01:14 GMT", "1990-12-17"),
    )


def test_a_single_key_value_line_is_not_a_mail_header() -> None:
    assert find_mail_header(["Subject: nothing else", "", "Body."]) is None


def test_gutenberg_header_fields_and_licence() -> None:
    text = (
        "The Project Gutenberg EBook of Natural Man, by Arthur B. Moss\n\n"
        "Title: Natural Man\n\nAuthor: Arthur B. Moss\n\nRelease Date: September 15, 2013 [EBook #43728]\n\n"
        "*** START OF THIS PROJECT GUTENBERG EBOOK NATURAL MAN ***\n\n"
        + BODY
        + "\n*** END OF THIS PROJECT GUTENBERG EBOOK NATURAL MAN ***\n\nUpdated editions will replace the previous one.\n"
    )
    doc = read_text(text)
    assert doc.title == "Natural Man" and doc.authors == ("Arthur B. Moss",)
    assert doc.metadata["gutenberg"]["release date"] == "September 15, 2013 [EBook #43728]"
    assert "Title: Natural Man" in doc.metadata["source_note"]
    assert doc.metadata["dropped"] == [
        "*** END OF THIS PROJECT GUTENBERG EBOOK NATURAL MAN ***",
        "Updated editions will replace the previous one.",
    ]


def test_a_title_with_a_colon_is_not_front_matter() -> None:
    doc = read_text("Language: why safety briefings fail\n\n" + BODY)
    words = " ".join(iter_text(doc))
    assert "Language: why safety briefings fail" in words
    assert doc.language != "why safety briefings fail"


def test_yaml_front_matter_still_overrides_the_tagger() -> None:
    doc = read_text("---\ntitle: Set By Hand\ndate: 2020-10-31\n---\nA Different Headline\n\n" + BODY)
    assert doc.title == "Set By Hand" and doc.date == DateValue("2020-10-31", "2020-10-31")


# --------------------------------------------------------------------------
# Furniture: announced, recoverable, never silent

WEB = (
    "Skip to main content\n\nHome | News | Sport | Contact\n\nUnion members accept the pay offer\n\n"
    + BODY
    + "\nShare on Facebook\n\nTweet\n\nPrint this page\n"
)


def test_furniture_is_recorded_with_its_line_and_announced() -> None:
    doc, decisions = explain_text(WEB)
    dropped = doc.metadata.get("dropped", [])
    assert dropped, "nothing was set aside"
    assert all(text in WEB for text in dropped)
    recorded = [d for d in decisions if d.target == "dropped"]
    assert [d.line for d in recorded] == sorted(d.line for d in recorded)
    assert all(WEB.split("\n")[d.line - 1].strip() in dropped for d in recorded if d.line is not None)
    assert furniture_note(doc) == (
        f"left out {len(dropped)} line{'s' if len(dropped) > 1 else ''} of page furniture "
        "(menus, share buttons); --keep-furniture keeps them"
    )


def test_keep_furniture_keeps_every_line(tmp_path: Path) -> None:
    from converters.options import ReadOptions

    doc = read_text(WEB, ReadOptions(keep_furniture=True))
    assert "dropped" not in doc.metadata
    text = " ".join(iter_text(doc)) + " ".join(str(v) for v in doc.metadata.values())
    for line in WEB.split("\n"):
        for word in line.replace("|", " ").split():
            assert word in text, word


def test_cli_announces_furniture_once_per_file(tmp_path: Path) -> None:
    source = tmp_path / "web.txt"
    source.write_text(WEB, encoding="utf-8")
    result = CliRunner().invoke(cli, ["convert", "-t", "html", "-o", str(tmp_path / "out"), str(source)])
    assert result.exit_code == 0, result.output
    notes = [line for line in result.stderr.splitlines() if line.startswith("plainpress: note:")]
    assert len(notes) == 1
    assert notes[0].startswith(f"plainpress: note: {source}: left out ")
    assert notes[0].endswith("of page furniture (menus, share buttons); --keep-furniture keeps them")
    kept = CliRunner().invoke(
        cli, ["convert", "--keep-furniture", "-t", "html", "-o", str(tmp_path / "kept"), str(source)]
    )
    assert kept.exit_code == 0 and "plainpress: note:" not in kept.stderr
    assert "Skip to main content" in (tmp_path / "kept" / "web.html").read_text(encoding="utf-8")


def test_explain_lists_every_line_with_its_role_and_reasons() -> None:
    text = "---\ntitle: Hand Title\n---\nUnion members accept the offer\n\n" + BODY
    doc, decisions = explain_text(text)
    roles = [d for d in decisions if d.target.startswith("line ")]
    assert [d.line for d in roles] == [4, 6, 8]  # source line numbers, front matter counted
    assert all(d.rule.startswith("roles.line ") and " p=" in d.rule for d in roles)
    assert all(d.evidence.startswith("for: ") and "; against: " in d.evidence for d in roles)
    report = format_explanation(doc, decisions)
    assert "line roles (learned" in report and "\n      4  " in report


# --------------------------------------------------------------------------
# Line-structured text keeps its lines


def test_tables_and_drawings_are_preformatted_and_verse_keeps_its_breaks() -> None:
    text = (
        "Results of the vote\n\nThe count was close, as the long table below shows in some detail.\n\n"
        "Candidate   | Votes | Share\nSmith       |  1200 | 48%\nJones       |  1300 | 52%\n\n"
        "+------+     +------+\n| box  |---->| box  |\n+------+     +------+\n\n"
        "Roses are red,\nviolets are blue,\nsugar is sweet,\nand so are you.\n\n" + BODY
    )
    doc = read_text(text)
    pre = [b for b in doc.blocks if isinstance(b, Preformatted)]
    assert [p.text for p in pre] == [
        "Candidate   | Votes | Share\nSmith       |  1200 | 48%\nJones       |  1300 | 52%",
        "+------+     +------+\n| box  |---->| box  |\n+------+     +------+",
    ]
    verse = next(b for b in doc.blocks if isinstance(b, Paragraph) and b.text.startswith("Roses"))
    assert verse.text == "Roses are red,\nviolets are blue,\nsugar is sweet,\nand so are you."


def test_aside_and_preformatted_in_every_writer(tmp_path: Path) -> None:
    from converters.api import to_bytes
    from converters.model import Document
    from converters.model import text as inline

    doc = Document(
        title="T",
        blocks=(
            Aside("caption", inline("A goat farmer at the rally")),
            Paragraph(inline("Body words here.")),
            Preformatted("a  |  b\nc  |  d"),
        ),
    )
    html = to_bytes(doc, "html").decode("utf-8")
    assert '<p class="aside caption">A goat farmer at the rally</p>' in html
    assert "<pre>a  |  b\nc  |  d</pre>" in html
    markdown = to_bytes(doc, "md").decode("utf-8")
    assert "::: {.aside .caption}\nA goat farmer at the rally\n:::" in markdown
    assert "    a  |  b\n    c  |  d" in markdown


# --------------------------------------------------------------------------
# Training

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


@pytest.mark.slow
@pytest.mark.skipif(not (EVAL / "roles").is_dir(), reason="the labelled corpus ../shared/eval is not here")
def test_the_shipped_model_is_what_the_script_trains_from_the_corpus(tmp_path: Path) -> None:
    from converters.readers.roles.train import main

    out = tmp_path / "roles.crfsuite"
    assert main(["--eval", str(EVAL), "--out", str(out)]) == 0
    for shipped, trained in (
        (MODEL_PATH, out),
        (ranker_path(), ranker_path(out)),
        (subtitle_ranker_path(), subtitle_ranker_path(out)),
        (stage2_path(), stage2_path(out)),
    ):
        assert shipped.read_bytes() == trained.read_bytes(), f"{shipped.name} differs: run make train"
