"""What changed between two policy versions, in words."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from herald.services import acknowledgements, policies, policy_diff, policy_engine
from herald.services.errors import NotFoundError
from services.org_world import World, pass_quiz

BASE = """herald: 1
extends: herald:default
organisation: {name: Acme, codenames: [Falcon]}
rules:
  - id: acme.words
    type: existence
    category: brand_voice
    severity: warn
    terms: [cheap, bargain]
    message: {en: "Say affordable", tr: "Uygun fiyatlı deyin", es: "Diga asequible"}
  - id: acme.secret
    type: existence
    category: confidential
    severity: block
    terms: [Nightjar]
    message: {en: "Secret project", tr: "Gizli proje", es: "Proyecto secreto"}
  - id: acme.gone
    type: existence
    category: offensive
    severity: warn
    terms: [meh]
    message: {en: "Not meh", tr: "Meh değil", es: "Nada de meh"}
"""

NEXT = """herald: 1
extends: herald:default
organisation: {name: Acme, codenames: [Falcon, Osprey]}
acknowledgement: {required_to_draft: true, quiz_pass_mark: 1.0}
document: {sections: {purpose: {en: "We mean it."}}}
rules:
  - id: acme.words
    type: existence
    category: brand_voice
    severity: block
    terms: [cheap, budget]
    message: {en: "Say affordable, please", tr: "Uygun fiyatlı deyin", es: "Diga asequible"}
  - id: acme.secret
    type: existence
    category: confidential
    severity: block
    terms: [Nightjar, Kestrel]
    message: {en: "Secret project", tr: "Gizli proje", es: "Proyecto secreto"}
  - id: acme.new
    type: existence
    category: offensive
    severity: review
    terms: [ugh]
    message: {en: "No ugh", tr: "Ugh yok", es: "Nada de ugh"}
"""


def _load(tmp_path: Path, name: str, text: str) -> policy_engine.LoadedPolicy:
    path = tmp_path / name
    path.write_text(text)
    return policy_engine.load(path)


def _changes(diff: policy_diff.PolicyDiff) -> dict[str, policy_diff.Change]:
    return {c.rule_id or c.says[0]: c for s in diff.sections for c in s.changes}


def test_each_change_is_said_in_words(tmp_path: Path) -> None:
    old = _load(tmp_path, "a.yaml", BASE).engine.policy
    new = _load(tmp_path, "b.yaml", NEXT).engine.policy
    diff = policy_diff.compare(old, new, "en")
    changes = _changes(diff)
    words = changes["acme.words"]
    assert words.kind == "stricter"
    assert words.says[0] == "Stricter: now blocks (was: warns)"
    assert "Now also catches: budget" in words.says
    assert "No longer catches: bargain" in words.says
    assert "Wording changed; it now reads: Say affordable, please" in words.says
    secret = changes["acme.secret"]
    assert secret.says == ("Its confidential list changed: 1 added, 0 removed",)
    assert "Kestrel" not in str(diff)  # confidential terms are counted, never shown
    assert changes["acme.new"].kind == "added"
    assert changes["acme.gone"].kind == "removed"
    assert "The company added its own text to this section." in changes
    said = [line for c in changes.values() for line in c.says]
    assert "Acknowledging the policy is now required before drafting posts." in said
    assert "The quiz changed: 5 questions, pass mark 100% (was 5, 80%)" in said
    assert "The company's details changed: codenames" in said
    assert "Osprey" not in str(diff)
    titles = [s.title for s in diff.sections]
    assert (
        titles.index("Purpose")
        < titles.index("The minimum rules")
        < titles.index("Brand guidelines and etiquette")
    )


@pytest.mark.parametrize(
    ("lang", "stricter"),
    [
        ("tr", "Daha sıkı: artık engeller (önceden: uyarır)"),
        ("es", "Más estricta: ahora bloquea (antes: avisa)"),
    ],
)
def test_in_turkish_and_spanish(tmp_path: Path, lang: str, stricter: str) -> None:
    old = _load(tmp_path, "a.yaml", BASE).engine.policy
    new = _load(tmp_path, "b.yaml", NEXT).engine.policy
    changes = _changes(policy_diff.compare(old, new, lang))
    assert changes["acme.words"].says[0] == stricter


def test_the_same_version_has_no_changes(tmp_path: Path) -> None:
    policy = _load(tmp_path, "a.yaml", BASE).engine.policy
    assert policy_diff.compare(policy, policy, "en").count == 0


def test_since_the_version_a_person_acknowledged(
    factory: sessionmaker[Session], world: World, tmp_path: Path
) -> None:
    with factory.begin() as s:
        writer = world.person(s, "writer")
        assert policy_diff.since_acknowledged(s, writer, "en") is None
        pass_quiz(s, writer)
        version = policies.require_active_version(s, world.org_id)
        acknowledgements.acknowledge(s, writer, version.version)
    (tmp_path / "b.yaml").write_text(NEXT)
    with factory.begin() as s:
        policies.activate(s, world.person(s, "owner"), tmp_path / "b.yaml")
    with factory.begin() as s:
        writer = world.person(s, "writer")
        diff = policy_diff.since_acknowledged(s, writer, "en")
        assert diff is not None
        assert "acme.words" in _changes(diff)
        versions = policy_diff.versions(s, writer)
        assert len(versions) == 2
        again = policy_diff.between(s, writer, versions[0].id, versions[1].id, "en")
        assert again == diff
        with pytest.raises(NotFoundError):
            policy_diff.between(s, writer, versions[0].id, 2**40, "en")
