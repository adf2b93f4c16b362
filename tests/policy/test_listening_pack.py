from __future__ import annotations

import pytest

from herald.policy.errors import PolicyError
from herald.policy.loader import load_policy

PACK = """\
herald: 1
id: acme
listening:
  queries:
    - id: brand
      name: Acme
      query: 'acme OR "acme bank" OR #acme'
      languages: [tr, es]
      vip_authors: ["@regulator"]
      sensitivity: high
{extra}
"""


def load(extra: str = "") -> object:
    return load_policy("acme.yaml", text=PACK.format(extra=extra))


def test_queries_are_compiled() -> None:
    policy = load_policy("acme.yaml", text=PACK.format(extra=""))
    (query,) = policy.listening
    assert query.id == "brand"
    assert query.languages == ("tr", "es")
    assert query.vip_authors == frozenset({"regulator"})
    assert query.sensitivity == "high"


def test_queries_change_the_fingerprint_and_packs_without_keep_it() -> None:
    with_queries = load_policy("acme.yaml", text=PACK.format(extra=""))
    without = load_policy("acme.yaml", text="herald: 1\nid: acme\n")
    assert with_queries.version != without.version
    assert without.listening == ()


def _problem(extra: str) -> str:
    with pytest.raises(PolicyError) as info:
        load(extra)
    return str(info.value)


def test_syntax_error_has_file_line_and_character() -> None:
    message = _problem("    - id: broken\n      query: '(acme OR bank'")
    assert message == "acme.yaml:12:14: the parenthesis at character 1 is never closed"


def test_error_messages_speak_turkish_and_spanish() -> None:
    with pytest.raises(PolicyError) as info:
        load("    - id: broken\n      query: 'acme lang:de'")
    (problem,) = info.value.problems
    assert (
        problem.message("tr")
        == "6. karakterde bilinmeyen dil 'de'; tr, es, en ya da other kullanın"
    )
    assert "idioma desconocido 'de'" in problem.message("es")


def test_duplicate_query_id() -> None:
    assert "listening query id 'brand' is used twice" in _problem(
        "    - id: brand\n      query: acme"
    )


def test_unknown_sensitivity_and_field() -> None:
    message = _problem(
        "    - id: other\n      query: acme\n      sensitivity: extreme\n      colour: red"
    )
    assert "acme.yaml:13:20: sensitivity" in message
    assert "acme.yaml:14:15: unknown field 'colour'" in message
