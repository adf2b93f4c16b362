"""The policy document as Markdown, HTML and PDF (see :mod:`.policy_document`)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from herald.services.policy_document import Example, PolicyDocument

_TEMPLATES = Path(__file__).parent / "templates"
FORMATS = ("md", "html", "pdf")


def to_markdown(doc: PolicyDocument) -> str:
    lines = [f"# {doc.title}", "", f"{doc.organisation} · {doc.term('version')} {doc.version}", ""]
    for number, section in enumerate(doc.sections, start=1):
        lines += [f"## {number}. {section.title}", ""]
        for paragraph in section.paragraphs:
            lines += [paragraph, ""]
        if section.company_text:
            lines += [f"> {line}" if line else ">" for line in section.company_text.splitlines()]
            lines.append("")
        for title, items in section.lists:
            lines += [f"**{title}**", "", *(f"- {item}" for item in items), ""]
        if section.lists_rules and not section.rules:
            lines += [f"*{doc.term('no_rules')}*", ""]
        for rule in section.rules:
            clause = f"**{rule.clause}** · " if rule.clause else ""
            lines += [f"- {clause}{rule.text} ({rule.severity}) `{rule.id}`"]
            lines += [f"  - ✗ {doc.term('breaks')}: {_quote(e)}" for e in rule.breaks]
            lines += [f"  - ✓ {doc.term('fine')}: {_quote(e)}" for e in rule.fine]
        if section.rules:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _quote(example: Example) -> str:
    """An example on one Markdown line, its own markup shown as written."""
    flat = " ".join(example.text.split())
    quoted = "“" + flat.replace("*", "\\*").replace("_", "\\_").replace("`", "\\`") + "”"
    return quoted + (f" ({example.context})" if example.context else "")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )


def to_html(doc: PolicyDocument) -> str:
    """A standalone page (its styles inside it), also the source of the PDF."""
    return _environment().get_template("policy_document.html").render(doc=doc)


def to_pdf(doc: PolicyDocument) -> bytes:
    """A4 pages with page numbers, rendered by WeasyPrint from the HTML (fonts of the system)."""
    from weasyprint import HTML  # imported on use: it loads Pango and fonts

    pdf = HTML(string=to_html(doc)).write_pdf()
    if pdf is None:  # pragma: no cover - write_pdf returns bytes when no target is given
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)
