"""``herald eval --task inbox FILE``: the whole triage scored on labelled messages."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click

from herald.cli.common import load_policy_or_exit
from herald.cli.eval import InputError, _format
from herald.nlp.metrics import Report, evaluate
from herald.services.inbox_input import InboxInputError, decode, read_records, to_incoming
from herald.services.messages import message_lang
from herald.services.triage import triage
from herald.services.triage_quality import LabelError, gold_labels, predicted_labels, score

EVAL_DAY = date(2026, 12, 1)
"""Reply expiry is judged on a fixed day, so a score does not change with the calendar."""


def eval_inbox(file: Path, policy_source: str | None, as_json: bool) -> None:
    policy = load_policy_or_exit(policy_source)
    lang = message_lang()
    try:
        content = decode(file.read_bytes(), str(file))
    except OSError as exc:
        raise InputError(f"{file}: {exc.strerror}") from None
    except InboxInputError as exc:
        raise InputError(exc.message(lang)) from None
    gold, predicted = [], []
    for record in read_records(content, jsonl=True):
        try:
            message = to_incoming(record)
            labels = gold_labels(record.data, f"{file}:{record.line}")
        except InboxInputError as exc:
            raise InputError(f"{file}: {exc.message(lang)}") from None
        except LabelError as exc:
            raise InputError(str(exc)) from None
        gold.append(labels)
        predicted.append(predicted_labels(triage(message, policy, EVAL_DAY)))
    if not gold:
        raise InputError(f"{file}: no labelled rows")
    result = score(gold, predicted)
    by_lang = {}
    langs = sorted({str(p.get("lang", "")) for p in predicted} - {""})
    for code in langs:
        keep = [i for i, p in enumerate(predicted) if p.get("lang") == code]
        by_lang[code] = score([gold[i] for i in keep], [predicted[i] for i in keep])["headline"]
    result["by_language"] = by_lang
    result["policy"] = {"id": policy.id, "version": policy.version}
    if as_json:
        click.echo(json.dumps(result, indent=1))
        return
    click.echo(f"== inbox: n={result['n']}  policy {policy.id} ({policy.version})")
    for name, value in result["headline"].items():
        target = result["targets"].get(name)
        mark = "" if target is None else ("  ok" if value >= target else f"  below {target}")
        click.echo(f"  {name:<22} {value:.3f}{mark}")
    for code, headline in by_lang.items():
        figures = "  ".join(f"{k}={v:.3f}" for k, v in headline.items())
        click.echo(f"  [{code}] {figures}")
    for name in ("team", "priority", "reply_topic", "sentiment", "crisis_signal", "scam"):
        report: Report = evaluate(
            [g[name] for g in gold],
            [p[name] for p in predicted],
            result["reports"][name]["labels"],
        )
        click.echo(_format(report, f"inbox / {name}"))
