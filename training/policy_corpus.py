"""Build ``data/policy/posts.jsonl`` from the hand-written sources in ``data/policy/source/``.

A source line is ``lang acct industry | category=evidence; ... | text`` (``-`` for a clean
post; ``acct`` is ``b`` brand or ``p`` personal; ``industry`` is ``fin``, ``hea``, ``ret``,
``tel``, ``tec`` or ``-``); a ``## name`` line starts a group (one template or theme: the
unit that cross-validation keeps in one fold). Identifiers that must pass a checksum are
written as placeholders ({TCKN}, {IBAN_TR}, {IBAN_ES}, {DNI}, {CARD}, {AWS}, {GHP}) and
filled here with valid synthetic values from a fixed seed. Run: ``python -m training.policy_corpus``.
"""

from __future__ import annotations

import json
import random
import string
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "data" / "policy"
CATEGORIES = frozenset(
    [
        "illegal_conduct",
        "disparagement",
        "offensive",
        "attribution",
        "regulated_claim",
        "disclaimer",
        "confidential",
        "personal_data",
        "credentials",
        "risky_link",
        "brand_voice",
    ]
)
INDUSTRIES = {"fin": "finance", "hea": "health", "ret": "retail", "tel": "telecom", "tec": "tech"}
ACCOUNTS = {"b": "brand", "p": "personal"}


def _tckn(rng: random.Random) -> str:
    d = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
    d.append(((d[0] + d[2] + d[4] + d[6] + d[8]) * 7 - (d[1] + d[3] + d[5] + d[7])) % 10)
    d.append(sum(d) % 10)
    return "".join(map(str, d))


def _iban(country: str, length: int, rng: random.Random) -> str:
    bban = "".join(rng.choice(string.digits) for _ in range(length - 4))
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    raw = f"{country}{check:02d}{bban}"
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _dni(rng: random.Random) -> str:
    n = rng.randint(10_000_000, 99_999_999)
    return f"{n}{'TRWAGMYFPDXBNJZSQVHLCKE'[n % 23]}"


def _card(rng: random.Random) -> str:
    digits = [4] + [rng.randint(0, 9) for _ in range(14)]
    total = 0
    for i, d in enumerate(reversed(digits)):
        d = d * 2 if i % 2 == 0 else d
        total += d - 9 if d > 9 else d
    digits.append((10 - total % 10) % 10)
    raw = "".join(map(str, digits))
    return " ".join(raw[i : i + 4] for i in range(0, 16, 4))


def _fill(text: str, rng: random.Random, made: dict[str, str]) -> str:
    fillers = {
        "{TCKN}": lambda: _tckn(rng),
        "{IBAN_TR}": lambda: _iban("TR", 26, rng),
        "{IBAN_ES}": lambda: _iban("ES", 24, rng),
        "{DNI}": lambda: _dni(rng),
        "{CARD}": lambda: _card(rng),
        "{AWS}": lambda: (
            "AKIA" + "".join(rng.choice(string.ascii_uppercase + "234567") for _ in range(16))
        ),
        "{GHP}": lambda: (
            "ghp_" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(36))
        ),
    }
    for key, make in fillers.items():
        while key in text:
            value = made.setdefault(key, make())
            text = text.replace(key, value, 1)
    return text


def parse(path: Path, rng: random.Random, counters: dict[str, int]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    group = path.stem
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"{path.name}:{number}"
        if not line.strip() or line.startswith("# "):
            continue
        if line.startswith("## "):
            group = f"{path.stem}/{line[3:].strip()}"
            continue
        try:
            head, labels, text = line.split(" | ", 2)
            lang, acct, industry = head.split()
        except ValueError:
            sys.exit(f"{where}: expected 'lang acct industry | labels | text'")
        if lang not in ("tr", "es", "en") or acct not in ACCOUNTS:
            sys.exit(f"{where}: bad lang or account {head!r}")
        if industry != "-" and industry not in INDUSTRIES:
            sys.exit(f"{where}: bad industry {industry!r}")
        made: dict[str, str] = {}
        text = _fill(text.strip(), rng, made)
        evidence: dict[str, str] = {}
        if labels.strip() != "-":
            for part in labels.split(";"):
                category, _, span = part.strip().partition("=")
                span = _fill(span.strip(), rng, made)
                if category not in CATEGORIES:
                    sys.exit(f"{where}: unknown category {category!r}")
                if not span or span not in text:
                    sys.exit(f"{where}: evidence {span!r} is not in the text")
                evidence[category] = span
        counters[lang] = counters.get(lang, 0) + 1
        rows.append(
            {
                "id": f"pp-{lang}-{counters[lang]:04d}",
                "lang": lang,
                "account_type": ACCOUNTS[acct],
                "industry": INDUSTRIES.get(industry),
                "text": text,
                "expected": sorted(evidence),
                "evidence": evidence,
                "group": group,
            }
        )
    return rows


def main() -> None:
    rng = random.Random(15)
    counters: dict[str, int] = {}
    rows: list[dict[str, object]] = []
    for path in sorted((HERE / "source").glob("*.txt")):
        rows.extend(parse(path, rng, counters))
    texts = [str(r["text"]) for r in rows]
    dupes = {t for t in texts if texts.count(t) > 1}
    if dupes:
        sys.exit(f"duplicate posts: {sorted(dupes)[:5]}")
    with (HERE / "posts.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    clean = sum(1 for r in rows if not r["expected"])
    print(f"{len(rows)} posts, {clean} clean ({clean / max(len(rows), 1):.0%})")
    for lang in ("tr", "es", "en"):
        mine = [r for r in rows if r["lang"] == lang]
        per = {c: sum(1 for r in mine if c in r["expected"]) for c in sorted(CATEGORIES)}
        print(lang, len(mine), per)


if __name__ == "__main__":
    main()
