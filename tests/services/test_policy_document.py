"""The policy document: built from the pack, in three languages, and its PDF looked at page by page."""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from click.testing import CliRunner

from herald import load_policy
from herald.cli import cli
from herald.services.policy_document import DOCUMENT_SECTIONS, build
from herald.services.policy_document_export import to_html, to_markdown, to_pdf

ROOT = Path(__file__).resolve().parents[2]
PACKS = {"default": None, "nexora": str(ROOT / "examples" / "nexora-policy.yaml")}


@pytest.mark.parametrize("pack", list(PACKS))
@pytest.mark.parametrize("lang", ["tr", "es", "en"])
def test_every_rule_of_the_pack_is_in_the_document(pack: str, lang: str) -> None:
    policy = load_policy(PACKS[pack])
    doc = build(policy, lang)
    assert [s.id for s in doc.sections] == list(DOCUMENT_SECTIONS)
    listed = {rule.id for section in doc.sections for rule in section.rules}
    expected = {s.id for s in policy.specs if lang in s.languages}
    assert listed == expected - {s.id for s in policy.specs if s.category.value not in _LISTED}
    markdown = to_markdown(doc)
    for rule_id in listed:
        assert f"`{rule_id}`" in markdown


_LISTED = {
    "confidential", "personal_data", "credentials", "offensive", "illegal_conduct",
    "disparagement", "brand_voice", "disclaimer", "attribution", "regulated_claim", "risky_link",
}  # fmt: skip


def test_the_companys_words_come_from_the_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "herald: 1\nextends: herald:default\norganisation: {name: Kestrel Bank}\n"
        "document:\n  title: {en: Kestrel's social media rules, tr: Kestrel sosyal medya kuralları}\n"
        "  sections:\n    consequences:\n      en: Ask Ayşe in Compliance first.\n"
        "      tr: Önce Uyum'dan Ayşe'ye sorun.\n"
    )
    policy = load_policy(pack)
    english = to_markdown(build(policy, "en"))
    assert english.startswith("# Kestrel's social media rules\n")
    assert "> Ask Ayşe in Compliance first." in english
    assert "> Önce Uyum'dan Ayşe'ye sorun." in to_markdown(build(policy, "tr"))
    spanish = to_markdown(build(policy, "es"))
    assert spanish.startswith("# Política de redes sociales")  # no Spanish title given
    assert "Ayşe" not in spanish
    # The company's words are part of the version people acknowledge.
    assert policy.version != load_policy(None).version


def test_an_unknown_section_is_a_file_line_error(tmp_path: Path) -> None:
    from herald.policy.errors import PolicyError

    pack = tmp_path / "pack.yaml"
    pack.write_text("herald: 1\ndocument:\n  sections:\n    foreword:\n      en: Hi\n")
    with pytest.raises(PolicyError) as error:
        load_policy(pack)
    message = str(error.value)
    assert message.startswith(f"{pack}:5:")
    assert "foreword" in message
    assert "consequences" in message  # the sections that exist are named


def test_html_escapes_what_the_pack_says(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "herald: 1\nextends: herald:default\n"
        "document: {sections: {purpose: {en: '<script>alert(1)</script>'}}}\n"
    )
    html = to_html(build(load_policy(pack), "en"))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("lang", ["tr", "es", "en"])
def test_the_pdf_pages_show_the_document(lang: str) -> None:
    doc = build(load_policy(PACKS["nexora"]), lang)
    pdf = pypdfium2.PdfDocument(to_pdf(doc))
    assert 3 <= len(pdf) <= 20
    first = pdf[0].get_textpage().get_text_range()
    assert doc.title in first
    assert doc.sections[0].title in first
    for index in range(len(pdf)):
        page = pdf[index]
        width, height = page.get_size()
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        image = page.render(scale=0.5).to_pil().convert("L")
        dark = sum(image.histogram()[:128])
        text = page.get_textpage().get_text_range()
        assert dark > 40, f"page {index + 1} is blank"
        assert len(text.strip()) > 40, f"page {index + 1} holds no text"
        assert f"{index + 1} / {len(pdf)}" in text  # the page number in the footer
    everything = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    # Turkish and Spanish letters come out as letters, not as boxes or question marks.
    if lang == "tr":
        assert "Şirket adına kim konuşabilir" in everything
    if lang == "es":
        assert "Quién puede hablar en nombre de la empresa" in everything


def test_the_command_line(tmp_path: Path) -> None:
    runner = CliRunner()
    markdown = runner.invoke(cli, ["policy", "document", "--lang", "tr"])
    assert markdown.exit_code == 0
    assert markdown.output.startswith("# Sosyal medya politikası")
    target = tmp_path / "policy.pdf"
    pdf = runner.invoke(
        cli,
        ["policy", "document", "--policy", PACKS["nexora"], "--format", "pdf", "-o", str(target)],
    )
    assert pdf.exit_code == 0, pdf.output
    assert target.read_bytes().startswith(b"%PDF-")
    refused = runner.invoke(cli, ["policy", "document", "--format", "pdf"])
    assert refused.exit_code == 2
    assert "--output" in refused.output
