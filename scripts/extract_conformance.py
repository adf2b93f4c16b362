#!/usr/bin/env python3
"""Extract the parametrized detection tables of Presidio and detect-secrets into JSON Lines.

    scripts/extract_conformance.py PRESIDIO_CHECKOUT DETECT_SECRETS_CHECKOUT

Reads the peers' test files at the commits pinned below (each checkout must be at that commit),
keeps the cases of the recognizers and plugins whose entity Herald also detects, and writes
``tests/conformance/data/{presidio,detect_secrets}.jsonl`` with the provenance of every case.
The test suite reads those files; it never fetches anything. Only literal data is read: each
case is evaluated from the test file's syntax tree with string constants and ``str.format``,
never by importing or running the peer's code.
"""

from __future__ import annotations

import ast
import contextlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

PRESIDIO = ("microsoft/presidio", "0aa9f8e44275cb52c00fbbebe19168e934e1f076")
DETECT_SECRETS = ("Yelp/detect-secrets", "5e141933554a0b74e7341841f318be21e895339c")
OUT = Path(__file__).resolve().parents[1] / "tests" / "conformance" / "data"

# Presidio test file -> the entity its cases expect. Only entities Herald also detects.
PRESIDIO_FILES = {
    "test_credit_card_recognizer.py": "CREDIT_CARD",
    "test_email_recognizer.py": "EMAIL_ADDRESS",
    "test_es_nie_recognizer.py": "ES_NIE",
    "test_es_nif_recognizer.py": "ES_NIF",
    "test_iban_recognizer.py": "IBAN_CODE",
    "test_ip_recognizer.py": "IP_ADDRESS",
    "test_phone_recognizer.py": "PHONE_NUMBER",
    "test_tr_national_id_recognizer.py": "TR_NATIONAL_ID",
    "test_tr_phone_number_recognizer.py": "PHONE_NUMBER",
    "test_us_ssn_recognizer.py": "US_SSN",
}
# detect-secrets plugin test file -> what its positive cases are. The IP plugin is personal data.
DETECT_SECRETS_FILES = {
    "artifactory_test.py": "secret",
    "aws_key_test.py": "secret",
    "azure_storage_key_test.py": "secret",
    "basic_auth_test.py": "secret",
    "cloudant_test.py": "secret",
    "discord_test.py": "secret",
    "github_token_test.py": "secret",
    "gitlab_token_test.py": "secret",
    "high_entropy_strings_test.py": "secret",
    "ibm_cloud_iam_test.py": "secret",
    "ibm_cos_hmac_test.py": "secret",
    "ip_public_test.py": "ip",
    "jwt_test.py": "secret",
    "keyword_test.py": "secret",
    "mailchimp_key_test.py": "secret",
    "npm_test.py": "secret",
    "openai_test.py": "secret",
    "private_key_test.py": "secret",
    "pypi_token_test.py": "secret",
    "sendgrid_test.py": "secret",
    "slack_test.py": "secret",
    "softlayer_test.py": "secret",
    "square_oauth_test.py": "secret",
    "stripe_key_test.py": "secret",
    "telegram_token_test.py": "secret",
    "twilio_test.py": "secret",
}


class UnsupportedError(Exception):
    """A value that is not plain data (a call into the peer's code, a random number...)."""


def evaluate(node: ast.AST, names: dict[str, Any]) -> Any:
    """Plain data only: constants, containers, names bound to data, + and str.format/join."""
    match node:
        case ast.Constant(value=value):
            return value
        case ast.Tuple(elts=elts) | ast.List(elts=elts):
            return [evaluate(e, names) for e in elts]
        case ast.Name(id=name) if name in names:
            return names[name]
        case ast.BinOp(left=left, op=ast.Add(), right=right):
            return evaluate(left, names) + evaluate(right, names)
        case ast.BinOp(left=left, op=ast.Mult(), right=right):
            return evaluate(left, names) * evaluate(right, names)
        case ast.UnaryOp(op=ast.USub(), operand=operand):
            return -evaluate(operand, names)
        case ast.JoinedStr(values=values):
            parts = []
            for value in values:
                if isinstance(value, ast.FormattedValue):
                    parts.append(str(evaluate(value.value, names)))
                else:
                    parts.append(str(evaluate(value, names)))
            return "".join(parts)
        case ast.Call(func=ast.Attribute(value=target, attr="format"), args=args, keywords=[]):
            template = evaluate(target, names)
            if not isinstance(template, str):
                raise UnsupportedError("format on a non-string")
            return template.format(*(evaluate(a, names) for a in args))
        case ast.Call(func=ast.Attribute(value=target, attr="join"), args=[arg], keywords=[]):
            return evaluate(target, names).join(evaluate(arg, names))
        case ast.Call(func=ast.Name(id="update_iban_checksum"), args=[arg], keywords=[]):
            return with_iban_check_digits(evaluate(arg, names))
        case (
            ast.Call(func=ast.Name(id="pytest"), args=_)
            | ast.Call(func=ast.Attribute(value=ast.Name(id="pytest"), attr="param"), args=_)
        ):
            raise UnsupportedError("pytest.param")
    raise UnsupportedError(ast.dump(node)[:60])


def with_iban_check_digits(iban: str) -> str:
    """The IBAN with its two check digits (ISO 13616 mod 97) recomputed, spacing kept."""
    compact = iban.replace(" ", "")
    rearranged = compact[4:] + compact[:2] + "00"
    digits = "".join(str(int(c, 36)) for c in rearranged.upper())
    return iban[:2] + f"{98 - int(digits) % 97:02d}" + iban[4:]


def module_names(tree: ast.Module) -> dict[str, Any]:
    """Top-level names bound to plain data (secrets and cases defined once, reused in tables)."""
    names: dict[str, Any] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target = stmt.targets[0]
            if isinstance(target, ast.Name) and isinstance(stmt.value, ast.List):
                # A table: keep the cases that are plain data (one built at random is dropped).
                items = []
                for element in stmt.value.elts:
                    try:
                        items.append(evaluate(element, names))
                    except (UnsupportedError, TypeError, KeyError, IndexError, ValueError):
                        continue
                names[target.id] = items
            elif isinstance(target, ast.Name):
                with contextlib.suppress(
                    UnsupportedError, TypeError, KeyError, IndexError, ValueError
                ):
                    names[target.id] = evaluate(stmt.value, names)
    return names


def parametrize_tables(
    tree: ast.Module, names: dict[str, Any]
) -> list[tuple[list[str], list[tuple[int, list[Any]]]]]:
    """Every ``@pytest.mark.parametrize(argnames, cases)``: the argument names and each case."""
    tables = []
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            continue
        for decorator in node.decorator_list:
            if not (
                isinstance(decorator, ast.Call)
                and isinstance(decorator.func, ast.Attribute)
                and decorator.func.attr == "parametrize"
                and len(decorator.args) >= 2
            ):
                continue
            try:
                argnames = evaluate(decorator.args[0], names)
            except UnsupportedError:
                continue
            if isinstance(argnames, str):
                argnames = [a.strip() for a in argnames.split(",")]
            cases_node = decorator.args[1]
            elements = cases_node.elts if isinstance(cases_node, (ast.List, ast.Tuple)) else None
            if elements is None:
                try:
                    values = evaluate(cases_node, names)
                except UnsupportedError:
                    continue
                cases = [(decorator.lineno, v if isinstance(v, list) else [v]) for v in values]
            else:
                cases = []
                for element in elements:
                    try:
                        value = evaluate(element, names)
                    except (UnsupportedError, TypeError, KeyError, IndexError, ValueError):
                        continue
                    cases.append((element.lineno, value if isinstance(value, list) else [value]))
            tables.append((argnames, cases))
    return tables


def head_commit(checkout: Path) -> str:
    return subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def read_file(checkout: Path, path: str) -> str:
    return subprocess.run(
        ["git", "-C", str(checkout), "show", f"HEAD:{path}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def presidio_cases(checkout: Path) -> list[dict[str, Any]]:
    rows = []
    for filename, entity in PRESIDIO_FILES.items():
        path = f"presidio-analyzer/tests/{filename}"
        tree = ast.parse(read_file(checkout, path))
        names = module_names(tree)
        for argnames, cases in parametrize_tables(tree, names):
            text_arg = next((a for a in ("text", "iban") if a in argnames), None)
            if text_arg is None or "expected_len" not in argnames:
                continue
            for line, values in cases:
                case = dict(zip(argnames, values, strict=False))
                positions = (
                    case.get("expected_positions")
                    or case.get("expected_position")
                    or case.get("expected_res")
                    or []
                )
                rows.append(
                    {
                        "file": path,
                        "line": line,
                        "entity": entity,
                        "text": case[text_arg],
                        "expected_count": case["expected_len"],
                        "expected_spans": [list(p) for p in positions],
                    }
                )
    return rows


def detect_secrets_cases(checkout: Path) -> list[dict[str, Any]]:
    rows = []
    for filename, kind in DETECT_SECRETS_FILES.items():
        path = f"tests/plugins/{filename}"
        tree = ast.parse(read_file(checkout, path))
        names = module_names(tree)
        for argnames, cases in parametrize_tables(tree, names):
            text_arg = next(
                (a for a in argnames if a in ("payload", "line", "token", "secret", "content")),
                None,
            )
            if text_arg is None:
                continue
            for line, values in cases:
                case = dict(zip(argnames, values, strict=False))
                text = case[text_arg]
                if not isinstance(text, str):
                    continue
                if "should_flag" in case:
                    flagged = bool(case["should_flag"])
                elif "expected" in case and isinstance(case["expected"], bool):
                    flagged = case["expected"]
                elif len(argnames) == 2 and argnames[1] in ("secret", "expected_secret"):
                    flagged = case[argnames[1]] is not None
                elif len(argnames) == 1:
                    flagged = True
                else:
                    continue
                rows.append(
                    {"file": path, "line": line, "kind": kind, "text": text, "flag": flagged}
                )
        for name, value in names.items():
            # keyword_test keeps its tables in module-level lists of (line, secret or None).
            if name.endswith("_TEST_CASES") and isinstance(value, list):
                for item in value:
                    if isinstance(item, list) and len(item) == 2 and isinstance(item[0], str):
                        rows.append(
                            {
                                "file": path,
                                "line": 0,
                                "kind": kind,
                                "text": item[0],
                                "flag": item[1] is not None,
                                "table": name,
                            }
                        )
    return rows


def write(name: str, repo: tuple[str, str], rows: list[dict[str, Any]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / f"{name}.jsonl").open("w", encoding="utf-8") as handle:
        handle.write(
            json.dumps({"source": f"https://github.com/{repo[0]}", "commit": repo[1]}) + "\n"
        )
        seen = set()
        for row in rows:
            key = json.dumps(row, sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{name}: {len(seen)} cases")


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    presidio, detect_secrets = Path(sys.argv[1]), Path(sys.argv[2])
    for checkout, (repo, commit) in ((presidio, PRESIDIO), (detect_secrets, DETECT_SECRETS)):
        if head_commit(checkout) != commit:
            print(f"{checkout} is not at {repo}@{commit}", file=sys.stderr)
            return 2
    write("presidio", PRESIDIO, presidio_cases(presidio))
    write("detect_secrets", DETECT_SECRETS, detect_secrets_cases(detect_secrets))
    return 0


if __name__ == "__main__":
    sys.exit(main())
