from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from herald.services import audit, policies, posts
from herald.services.errors import ForbiddenError, InvalidInputError
from herald.store.enums import PolicySource
from herald.store.models import PolicyVersion
from services.org_world import BLOCK_TEXT, World

PACK = """herald: 1
id: acme
name: Acme policy
extends: herald:default
organisation:
  name: Acme
  competitors: [Globex]
rules:
  - id: acme.no-globex
    type: existence
    category: disparagement
    severity: block
    terms: {en: [globex], tr: [globex], es: [globex]}
    message:
      en: "Do not name {match}."
      tr: "{match} adını anmayın."
      es: "No nombre a {match}."
"""


def _write_pack(tmp_path: Path) -> Path:
    path = tmp_path / "acme.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def test_activation_is_recorded_and_audited(
    factory: sessionmaker[Session], world: World, tmp_path: Path
) -> None:
    with factory.begin() as s:
        owner = world.person(s, "owner")
        before = policies.require_active_version(s, world.org_id)
        version = policies.activate(s, owner, _write_pack(tmp_path))
        assert version.source is PolicySource.FILE
        assert version.name == "Acme policy"
        stored = version.files["files"]
        assert [n for n in stored if n.endswith("acme.yaml")] != []
        assert any(n.endswith("default/00-pack.yaml") for n in stored)  # what it extends
        assert policies.active_version(s, world.org_id) == version
        assert [a.policy_version_id for a in policies.activations(s, world.org_id)] == [
            before.id,
            version.id,
        ]
        entry = audit.history(s, "policy", version.version)[-1]
        assert entry.action == "policy.activated"
        assert before.version in entry.payload


def test_scans_pin_the_version_in_force(
    factory: sessionmaker[Session], world: World, tmp_path: Path
) -> None:
    with factory.begin() as s:
        writer, owner = world.person(s, "writer"), world.person(s, "owner")
        old = posts.create(s, writer, "Globex is worse than us.", [posts.Target(world.brand(s))])
        assert old.findings == []
        first_version = old.policy_version_id
        acme = policies.activate(s, owner, _write_pack(tmp_path))
        new = posts.create(s, writer, "Globex is worse than us.", [posts.Target(world.brand(s))])
        assert [f.rule_id for f in new.findings] == ["acme.no-globex"]
        assert new.policy_version_id == acme.id != first_version
        assert old.policy_version_id == first_version  # not rescanned behind anyone's back


def test_a_stored_version_is_rebuilt_from_its_files(
    factory: sessionmaker[Session], world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write_pack(tmp_path)
    with factory.begin() as s:
        version = policies.activate(s, world.person(s, "owner"), path)
        version_id = version.id
    path.unlink()  # the file on disk is gone; the database still has it
    monkeypatch.setattr(policies, "_ENGINES", {})
    with factory() as s:
        engine = policies.engine_for(s.get_one(PolicyVersion, version_id))
    from herald.types import ScanContext

    assert [f.rule_id for f in engine.scan("Globex again", ScanContext(lang="en")).findings] == [
        "acme.no-globex"
    ]


def test_broken_packs_and_roles_are_refused(
    factory: sessionmaker[Session], world: World, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("herald: 1\nrules:\n  - id: x\n    type: nope\n", encoding="utf-8")
    with factory.begin() as s:
        with pytest.raises(InvalidInputError, match=r"broken\.yaml"):
            policies.activate(s, world.person(s, "owner"), broken)
        with pytest.raises(InvalidInputError):
            policies.activate(s, world.person(s, "owner"), tmp_path / "missing.yaml")
        with pytest.raises(ForbiddenError):
            policies.activate(s, world.person(s, "publisher"), None)


def test_block_text_blocks_under_the_default_pack(
    factory: sessionmaker[Session], world: World
) -> None:
    with factory.begin() as s:
        post = posts.create(s, world.person(s, "writer"), BLOCK_TEXT, [])
        assert post.verdict == "block"
