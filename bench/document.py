"""Rendering the policy document: HTML, Markdown and PDF per language (the page and downloads)."""

from __future__ import annotations

import time
from pathlib import Path

from herald import load_policy
from herald.services.policy_document import build
from herald.services.policy_document_export import to_html, to_markdown, to_pdf

PACK = Path(__file__).resolve().parents[1] / "examples" / "nexora-policy.yaml"


def _best(work: object, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    policy = load_policy(PACK)
    to_pdf(build(policy, "en"))  # fonts and Pango load once
    print(f"{'lang':5} {'build+HTML ms':>14} {'Markdown ms':>12} {'PDF ms':>8} {'PDF KB':>7}")
    for lang in ("tr", "es", "en"):
        html = _best(lambda lang=lang: to_html(build(policy, lang)), 20)
        markdown = _best(lambda lang=lang: to_markdown(build(policy, lang)), 20)
        pdf = _best(lambda lang=lang: to_pdf(build(policy, lang)), 3)
        size = len(to_pdf(build(policy, lang))) / 1024
        print(f"{lang:5} {html * 1000:14.1f} {markdown * 1000:12.1f} {pdf * 1000:8.0f} {size:7.0f}")
    print("target: HTML well under a second")


if __name__ == "__main__":
    main()
