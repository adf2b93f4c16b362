"""``herald eval --task offensive|sentiment|scam|policy FILE``: score Herald on labelled data.

For ``policy``, FILE is JSONL in the row format of the policy-post labelling guide (``text``,
``expected`` categories, optional ``lang``, ``account_type``, ``industry``): every post goes
through the real scanner with the default pack (or ``--policy``), and the scores are
precision, recall and F1 per category and language, and the clean false-positive rate;
``--errors`` lists the posts it got wrong.

For the model tasks, FILE is TSV (columns text, label and optionally lang; a header row naming them is
optional) or JSONL (objects with "text", "label" and optionally "lang"). Rows without a
language are identified with Herald's language detector. Prints accuracy, macro-F1,
per-class precision and recall and the confusion matrix, overall and per language.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from herald.nlp.classifier import TASKS, load_classifier
from herald.nlp.metrics import Report, evaluate

if TYPE_CHECKING:
    from herald.scan.evaluation import LanguageReport

LABEL_ALIASES: dict[str, dict[str, str]] = {
    "offensive": {
        "offensive": "offensive",
        "off": "offensive",
        "1": "offensive",
        "true": "offensive",
        "not": "not",
        "not-offensive": "not",
        "none": "not",
        "0": "not",
        "false": "not",
    },
    "sentiment": {
        "negative": "negative",
        "neg": "negative",
        "0": "negative",
        "neutral": "neutral",
        "neu": "neutral",
        "none": "neutral",
        "1": "neutral",
        "positive": "positive",
        "pos": "positive",
        "2": "positive",
    },
    "scam": {
        "scam": "scam",
        "spam": "scam",
        "smishing": "scam",
        "phishing": "scam",
        "1": "scam",
        "ham": "ham",
        "legit": "ham",
        "not": "ham",
        "0": "ham",
    },
}


@dataclass(frozen=True, slots=True)
class Row:
    text: str
    label: str
    lang: str | None


class InputError(click.ClickException):
    pass


def _label(task: str, raw: object, where: str) -> str:
    key = str(raw).strip().lower()
    label = LABEL_ALIASES[task].get(key)
    if label is None:
        known = sorted(set(LABEL_ALIASES[task].values()))
        raise InputError(f"{where}: label {raw!r} is not one of {known} (or an alias)")
    return label


def _read_rows(path: Path, task: str) -> Iterator[Row]:
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid UTF-8 (byte {exc.start})") from exc
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from exc
    lines = content.splitlines()
    jsonl = path.suffix.lower() in (".jsonl", ".json") or (
        bool(lines) and lines[0].lstrip().startswith("{")
    )
    columns = {"text": 0, "label": 1, "lang": 2}
    for number, line in enumerate(lines, 1):
        where = f"{path}:{number}"
        if not line.strip():
            continue
        if jsonl:
            try:
                record = json.loads(line)
            except ValueError as exc:
                raise InputError(f"{where}: invalid JSON ({exc})") from exc
            if not isinstance(record, dict) or "text" not in record or "label" not in record:
                raise InputError(f"{where}: expected an object with 'text' and 'label'")
            lang = record.get("lang")
            yield Row(
                str(record["text"]),
                _label(task, record["label"], where),
                str(lang) if lang else None,
            )
            continue
        cells = line.split("\t")
        if number == 1 and {"text", "label"} <= {c.strip().lower() for c in cells}:
            columns = {c.strip().lower(): i for i, c in enumerate(cells)}
            continue
        if len(cells) <= max(columns["text"], columns["label"]):
            raise InputError(f"{where}: expected tab-separated text and label")
        lang_at = columns.get("lang")
        lang = cells[lang_at].strip() if lang_at is not None and lang_at < len(cells) else None
        yield Row(
            cells[columns["text"]], _label(task, cells[columns["label"]], where), lang or None
        )


def _format(report: Report, title: str) -> str:
    width = max(len(label) for label in report.labels) + 2
    lines = [
        f"== {title}: n={report.n}  accuracy={report.accuracy:.3f}  macro-F1={report.macro_f1:.3f}",
        f"  {'class':<{width}} precision  recall  f1     support",
    ]
    for label, scores in report.per_class.items():
        lines.append(
            f"  {label:<{width}} {scores.precision:9.3f} {scores.recall:7.3f} {scores.f1:6.3f}"
            f" {scores.support:8d}"
        )
    lines.append("  confusion (rows gold, columns predicted):")
    lines.append("  " + " " * width + "".join(f"{label:>{width}}" for label in report.labels))
    for label, row in zip(report.labels, report.confusion, strict=True):
        lines.append(f"  {label:<{width}}" + "".join(f"{n:>{width}d}" for n in row))
    return "\n".join(lines)


def _format_policy(name: str, rep: LanguageReport) -> str:
    lines = [
        f"== policy / {name}: n={rep.n}  clean={rep.clean}  false alarms={rep.false_alarms}"
        f"  clean FP rate={rep.clean_false_positive_rate:.3f}",
        f"  {'category':<16} precision  recall  f1     support",
    ]
    for category, counts in rep.categories.items():
        lines.append(
            f"  {category:<16} {counts.precision:9.3f} {counts.recall:7.3f} {counts.f1:6.3f}"
            f" {counts.support:8d}"
        )
    return "\n".join(lines)


def _policy_eval(file: Path, policy_file: Path | None, as_json: bool, errors: bool) -> None:
    from herald.policy.errors import PolicyError
    from herald.policy.loader import load_policy
    from herald.scan.errors import InputError as ScanInputError
    from herald.scan.evaluation import PolicyRowError, read_policy_rows, report, score_rows
    from herald.scan.scanner import Scanner

    try:
        rows = read_policy_rows(file)
        scanner = Scanner(load_policy(policy_file))
        outcomes = list(score_rows(scanner, rows))
    except (PolicyRowError, PolicyError, ScanInputError) as exc:
        raise InputError(str(exc)) from exc
    reports = report(outcomes)
    if as_json:
        click.echo(json.dumps({k: v.to_dict() for k, v in reports.items()}, indent=1))
    else:
        for name, rep in reports.items():
            click.echo(_format_policy(name, rep))
    if errors:
        for o in outcomes:
            missed = sorted(o.row.expected - o.predicted)
            extra = sorted(o.predicted - o.row.expected)
            if missed or extra:
                click.echo(
                    f"{o.row.id or '-'} [{o.lang}] missed={missed} extra={extra}: {o.row.text}",
                    err=as_json,
                )


@click.command("eval")
@click.option("--task", type=click.Choice([*sorted(TASKS), "inbox", "policy"]), required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--policy",
    "policy_source",
    metavar="PACK",
    help="Inbox and policy tasks: the pack to use (default: the built-in pack).",
)
@click.option("--errors", is_flag=True, help="With --task policy: list the posts scored wrong.")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def eval_command(
    task: str, as_json: bool, policy_source: str | None, errors: bool, file: Path
) -> None:
    """Score the shipped TASK model, the inbox triage or the whole checker on a labelled FILE.

    ``--task inbox`` triages each message of a JSONL file labelled like
    training/data/guides/inbox.md and prints team macro-F1, crisis recall and precision,
    scam F1, priority accuracy, reply-topic accuracy and sentiment macro-F1. ``--task policy``
    checks each post of a JSONL file labelled like training/data/guides/policy-posts.md and
    prints precision, recall and F1 per category and language, and the clean false-positive
    rate.
    """
    if task == "inbox":
        from herald.cli.eval_inbox import eval_inbox

        eval_inbox(file, policy_source, as_json)
        return
    if task == "policy":
        _policy_eval(file, Path(policy_source) if policy_source else None, as_json, errors)
        return
    rows = list(_read_rows(file, task))
    if not rows:
        raise InputError(f"{file}: no labelled rows")
    classifier = load_classifier(task)
    langs: list[str] = []
    if any(r.lang is None for r in rows):
        from herald.text.langid import detect_language

        langs = [r.lang or detect_language(r.text).lang for r in rows]
    else:
        langs = [r.lang or "" for r in rows]
    predicted = [
        classifier.predict(r.text, lang).label for r, lang in zip(rows, langs, strict=True)
    ]
    labels = TASKS[task]
    reports = {"all": evaluate([r.label for r in rows], predicted, labels)}
    for lang in sorted(set(langs)):
        keep = [i for i, lg in enumerate(langs) if lg == lang]
        reports[lang] = evaluate(
            [rows[i].label for i in keep], [predicted[i] for i in keep], labels
        )
    if as_json:
        click.echo(json.dumps({k: v.to_dict() for k, v in reports.items()}, indent=1))
        return
    for name, report in reports.items():
        click.echo(_format(report, f"{task} / {name}"))
