"""Herald's personal-data detectors against Microsoft Presidio, side by side, in one run.

Reads the posts written by generate.py, runs both tools on every post (language given,
so neither pays for language identification) and prints, per language and per type,
precision, recall, F1 and F2 on character-exact spans, plus posts per second on one
core, with Herald/Presidio ratios.

Presidio runs at its best configuration that works offline: no spaCy model can be
downloaded here, so its NLP engine gets blank spaCy pipelines (tokeniser only, no NER);
its pattern recognizers are enabled for tr, es and en, the Turkish and Spanish ones
included, phone regions TR, ES, US and GB, with context words in each language. Its score
threshold is swept and the best one (by micro-F1) is reported.

    bench/pii/.venv/bin/python bench/pii/compare.py bench/pii/out/posts.jsonl
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from herald.detectors import build_detector
from herald.text.document import Document
from herald.types import OrgSettings, ScanContext

TYPES = (
    "EMAIL_ADDRESS",
    "PHONE_NUMBER",
    "TR_TC_KIMLIK",
    "ES_DNI",
    "ES_NIE",
    "US_SSN",
    "IBAN_CODE",
    "CREDIT_CARD",
    "IP_ADDRESS",
)
LANGS = ("tr", "es", "en")
HERALD_DETECTORS = (
    "email",
    "phone",
    "tc_kimlik",
    "es_dni_nie",
    "us_ssn",
    "iban",
    "payment_card",
    "ip_address",
)
HERALD_MIN_SCORE = 0.5
"""The default pack's threshold (rules' min_score)."""
PRESIDIO_TO_HERALD = {
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "TR_NATIONAL_ID": "TR_TC_KIMLIK",
    "ES_NIF": "ES_DNI",
    "ES_NIE": "ES_NIE",
    "US_SSN": "US_SSN",
    "IBAN_CODE": "IBAN_CODE",
    "CREDIT_CARD": "CREDIT_CARD",
    "IP_ADDRESS": "IP_ADDRESS",
}
PRESIDIO_THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)

Span = tuple[int, int, str, float]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def f(self, beta: float) -> float:
        p, r = self.precision, self.recall
        if p + r == 0:
            return 0.0
        return (1 + beta**2) * p * r / (beta**2 * p + r)


# ---------------------------------------------------------------- Herald


def herald_runner() -> Callable[[str, str], list[Span]]:
    org = OrgSettings()
    detectors = [build_detector(name, {}, org) for name in HERALD_DETECTORS]

    def run(text: str, lang: str) -> list[Span]:
        doc = Document(text, lang)
        ctx = ScanContext(lang=lang)
        found = [
            (d.start, d.end, d.entity, d.score)
            for detector in detectors
            for d in detector.analyze(doc, ctx)
            if d.score >= HERALD_MIN_SCORE
        ]
        return _without_overlaps(found)

    return run


def _without_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Keep the best-scoring, then longest, of overlapping spans (what the engine does)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (-s[3], s[0] - s[1], s[0])):
        if all(span[1] <= k[0] or k[1] <= span[0] for k in kept):
            kept.append(span)
    return sorted(kept)


# ---------------------------------------------------------------- Presidio

PRESIDIO_CONTEXT = {
    "PHONE_NUMBER": {
        "tr": ["telefon", "tel", "cep", "numara", "numaram", "ara", "whatsapp"],
        "es": ["teléfono", "telefono", "tel", "móvil", "movil", "llama", "llámame", "whatsapp"],
    },
    "CREDIT_CARD": {
        "tr": ["kart", "kartım", "kredi", "numarası"],
        "es": ["tarjeta", "crédito", "número"],
    },
    "IBAN_CODE": {"tr": ["iban", "hesap", "havale"], "es": ["iban", "cuenta", "transferencia"]},
    "IP_ADDRESS": {"tr": ["ip", "adresi", "sunucu", "modem"], "es": ["ip", "router", "servidor"]},
    "EMAIL_ADDRESS": {"tr": ["e-posta", "eposta", "mail"], "es": ["correo", "email"]},
}


def presidio_runner(workdir: Path) -> Callable[[str, str], list[Span]]:
    import spacy
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        EsNieRecognizer,
        EsNifRecognizer,
        IbanRecognizer,
        IpRecognizer,
        PhoneRecognizer,
        TrNationalIdRecognizer,
        UsSsnRecognizer,
    )

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    models = []
    for lang in LANGS:
        path = workdir / f"spacy-blank-{lang}"
        if not path.exists():
            spacy.blank(lang).to_disk(path)
        models.append({"lang_code": lang, "model_name": str(path)})
    nlp_engine = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "spacy", "models": models}
    ).create_engine()
    registry = RecognizerRegistry(supported_languages=list(LANGS))
    for lang in LANGS:
        for cls, entity in (
            (EmailRecognizer, "EMAIL_ADDRESS"),
            (CreditCardRecognizer, "CREDIT_CARD"),
            (IbanRecognizer, "IBAN_CODE"),
            (IpRecognizer, "IP_ADDRESS"),
            (UsSsnRecognizer, "US_SSN"),
            (EsNifRecognizer, "ES_NIF"),
            (EsNieRecognizer, "ES_NIE"),
            (TrNationalIdRecognizer, "TR_NATIONAL_ID"),
        ):
            base = list(getattr(cls, "CONTEXT", []))
            extra = PRESIDIO_CONTEXT.get(entity, {}).get(lang, [])
            registry.add_recognizer(cls(supported_language=lang, context=base + extra or None))
        phone_context = list(PhoneRecognizer.CONTEXT) + PRESIDIO_CONTEXT["PHONE_NUMBER"].get(
            lang, []
        )
        registry.add_recognizer(
            PhoneRecognizer(
                supported_language=lang,
                context=phone_context,
                supported_regions=("TR", "ES", "US", "GB"),
            )
        )
    analyzer = AnalyzerEngine(
        registry=registry, nlp_engine=nlp_engine, supported_languages=list(LANGS)
    )
    entities = list(PRESIDIO_TO_HERALD)

    def run(text: str, lang: str) -> list[Span]:
        results = analyzer.analyze(text=text, language=lang, entities=entities)
        return sorted(
            (r.start, r.end, PRESIDIO_TO_HERALD[r.entity_type], float(r.score)) for r in results
        )

    return run


# ---------------------------------------------------------------- scoring


def score(
    posts: list[dict[str, Any]], predictions: list[list[Span]], threshold: float = 0.0
) -> dict[tuple[str, str], Counts]:
    table: dict[tuple[str, str], Counts] = defaultdict(Counts)
    for post, predicted in zip(posts, predictions, strict=True):
        lang = post["lang"]
        gold = {(s["start"], s["end"], s["entity"]) for s in post["spans"]}
        found = {(s, e, t) for s, e, t, sc in predicted if sc >= threshold and t in TYPES}
        for _, _, t in gold & found:
            table[(lang, t)].tp += 1
        for _, _, t in found - gold:
            table[(lang, t)].fp += 1
        for _, _, t in gold - found:
            table[(lang, t)].fn += 1
    return table


def relaxed(posts: list[dict[str, Any]], predictions: list[list[Span]], threshold: float) -> Counts:
    """Micro counts where a prediction of the right type that overlaps a gold span counts
    (so a tool is not punished only for where it puts a bracket or a suffix)."""
    total = Counts()
    for post, predicted in zip(posts, predictions, strict=True):
        gold = [(s["start"], s["end"], s["entity"]) for s in post["spans"]]
        found = [(s, e, t) for s, e, t, sc in predicted if sc >= threshold and t in TYPES]
        hit = {g for g in gold for f in found if f[2] == g[2] and f[0] < g[1] and g[0] < f[1]}
        total.tp += len(hit)
        total.fn += len(gold) - len(hit)
        total.fp += sum(
            1 for f in found if not any(f[2] == g[2] and f[0] < g[1] and g[0] < f[1] for g in gold)
        )
    return total


def micro(table: dict[tuple[str, str], Counts]) -> Counts:
    total = Counts()
    for c in table.values():
        total.tp += c.tp
        total.fp += c.fp
        total.fn += c.fn
    return total


def speeds(
    runners: tuple[Callable[[str, str], list[Span]], ...], posts: list[dict[str, Any]], rounds: int
) -> list[float]:
    """Posts per second of each runner: CPU time of this process, best of ``rounds``.

    The rounds alternate between the runners so that a busy moment on a shared machine
    hurts both alike; CPU time rather than wall time leaves other processes out.
    """
    best = [float("inf")] * len(runners)
    gc.collect()
    gc.disable()  # as timeit does: a collection landing in one tool's round is noise
    try:
        _rounds(runners, posts, rounds, best)
    finally:
        gc.enable()
    return [len(posts) / b for b in best]


def _rounds(
    runners: tuple[Callable[[str, str], list[Span]], ...],
    posts: list[dict[str, Any]],
    rounds: int,
    best: list[float],
) -> None:
    for _ in range(rounds):
        for i, run in enumerate(runners):
            start = time.process_time()
            for post in posts:
                run(post["text"], post["lang"])
            best[i] = min(best[i], time.process_time() - start)


def render(
    herald: dict[tuple[str, str], Counts],
    presidio: dict[tuple[str, str], Counts],
    threshold: float,
    speeds: tuple[float, float],
    n_posts: int,
    overlap: tuple[Counts, Counts],
) -> str:
    lines = [
        f"Posts: {n_posts} (tr/es/en). Exact character spans. Herald min_score "
        f"{HERALD_MIN_SCORE}; Presidio best threshold {threshold}.",
        "",
        "| lang | type | support | Herald P | Herald R | Herald F1 | Herald F2 "
        "| Presidio P | Presidio R | Presidio F1 | Presidio F2 | F1 ratio |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    keys = sorted(set(herald) | set(presidio), key=lambda k: (LANGS.index(k[0]), TYPES.index(k[1])))
    for lang, entity in keys:
        h, p = herald.get((lang, entity), Counts()), presidio.get((lang, entity), Counts())
        support = h.tp + h.fn
        ratio = h.f(1) / p.f(1) if p.f(1) else float("inf")
        lines.append(
            f"| {lang} | {entity} | {support} | {h.precision:.3f} | {h.recall:.3f} | "
            f"{h.f(1):.3f} | {h.f(2):.3f} | {p.precision:.3f} | {p.recall:.3f} | "
            f"{p.f(1):.3f} | {p.f(2):.3f} | {ratio:.2f} |"
        )
    for lang in LANGS:
        h = micro({k: v for k, v in herald.items() if k[0] == lang})
        p = micro({k: v for k, v in presidio.items() if k[0] == lang})
        lines.append(
            f"| {lang} | **micro** | {h.tp + h.fn} | {h.precision:.3f} | {h.recall:.3f} | "
            f"{h.f(1):.3f} | {h.f(2):.3f} | {p.precision:.3f} | {p.recall:.3f} | "
            f"{p.f(1):.3f} | {p.f(2):.3f} | {h.f(1) / max(p.f(1), 1e-9):.2f} |"
        )
    h, p = micro(herald), micro(presidio)
    lines.append(
        f"| all | **micro** | {h.tp + h.fn} | {h.precision:.3f} | {h.recall:.3f} | "
        f"{h.f(1):.3f} | {h.f(2):.3f} | {p.precision:.3f} | {p.recall:.3f} | "
        f"{p.f(1):.3f} | {p.f(2):.3f} | {h.f(1) / max(p.f(1), 1e-9):.2f} |"
    )
    ho, po = overlap
    lines += [
        "",
        f"Overlap matching (right type, overlapping span), micro: Herald P {ho.precision:.3f} "
        f"R {ho.recall:.3f} F1 {ho.f(1):.3f}; Presidio P {po.precision:.3f} "
        f"R {po.recall:.3f} F1 {po.f(1):.3f}.",
    ]
    hs, ps = speeds
    lines += [
        "",
        "| tool | posts/s (one core, CPU time) | ms/post |",
        "|---|---:|---:|",
        f"| Herald | {hs:,.0f} | {1000 / hs:.3f} |",
        f"| Presidio | {ps:,.0f} | {1000 / ps:.3f} |",
        f"| Herald/Presidio | {hs / ps:.1f}x | |",
    ]
    return "\n".join(lines)


START, END = "<!-- table:start", "<!-- table:end -->"


def update_doc(path: Path, table: str) -> None:
    """Put the table between the markers of ``path`` (written whole, then renamed)."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    marker_line, _, rest = rest.partition("\n")
    _, _, tail = rest.partition(END)
    new = f"{head}{START}{marker_line}\n{table}\n{END}{tail}"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("posts", type=Path)
    parser.add_argument("--markdown", type=Path, help="also write the table here")
    parser.add_argument(
        "--update-doc", type=Path, help="replace the table between the markers of this file"
    )
    parser.add_argument("--rounds", type=int, default=7, help="timing rounds (best is kept)")
    parser.add_argument("--errors", type=int, default=0, help="print this many Herald errors")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    posts = [json.loads(line) for line in args.posts.read_text(encoding="utf-8").splitlines()]

    herald_run = herald_runner()
    presidio_run = presidio_runner(args.posts.parent)
    herald_pred = [herald_run(p["text"], p["lang"]) for p in posts]
    presidio_pred = [presidio_run(p["text"], p["lang"]) for p in posts]

    herald_table = score(posts, herald_pred)
    best_threshold, best_f1 = 0.0, -1.0
    for threshold in PRESIDIO_THRESHOLDS:
        f1 = micro(score(posts, presidio_pred, threshold)).f(1)
        if f1 > best_f1:
            best_threshold, best_f1 = threshold, f1
    presidio_table = score(posts, presidio_pred, best_threshold)

    herald_speed, presidio_speed = speeds((herald_run, presidio_run), posts, args.rounds)
    overlap = (
        relaxed(posts, herald_pred, 0.0),
        relaxed(posts, presidio_pred, best_threshold),
    )
    table = render(
        herald_table,
        presidio_table,
        best_threshold,
        (herald_speed, presidio_speed),
        len(posts),
        overlap,
    )
    print(table)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(table + "\n", encoding="utf-8")
    if args.update_doc:
        update_doc(args.update_doc, table)
    shown = 0
    for post, predicted in zip(posts, herald_pred, strict=True):
        gold = {(s["start"], s["end"], s["entity"]) for s in post["spans"]}
        found = {(s, e, t) for s, e, t, _ in predicted}
        if gold != found and shown < args.errors:
            shown += 1
            print(post["lang"], repr(post["text"]))
            print("   missed:", [(post["text"][s:e], t) for s, e, t in gold - found])
            print("   extra: ", [(post["text"][s:e], t) for s, e, t in found - gold])


if __name__ == "__main__":
    main()
