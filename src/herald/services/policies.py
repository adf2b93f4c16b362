"""Policy versions: recording a pack's exact files, activating it, and the engine for it.

Scans and decisions pin the ``PolicyVersion`` row they were made under; because the
row keeps the pack's files, any past version can be rebuilt and re-run.
"""

from __future__ import annotations

import functools
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.services import audit, policy_engine
from herald.services.errors import GovernanceError, InvalidInputError
from herald.services.permissions import POLICY_ROLES, require_role
from herald.services.policy_engine import LoadedPolicy, PolicyEngine
from herald.store.enums import PolicySource
from herald.store.models import Person, PolicyActivation, PolicyVersion

_ENGINES: dict[str, PolicyEngine] = {}
_ENGINES_LOCK = threading.Lock()


def _pack_files(loaded: LoadedPolicy, source: Path | None) -> dict[str, Any]:
    paths = [p.resolve() for p in loaded.files]
    root = Path(os.path.commonpath([p.parent for p in paths])) if paths else Path()
    entry = source.resolve().relative_to(root) if source is not None and paths else Path()
    return {
        "root": str(root),
        "entry": str(entry),
        "files": {str(p.relative_to(root)): p.read_text(encoding="utf-8") for p in paths},
    }


@functools.cache
def _builtin_pack() -> LoadedPolicy:
    # The built-in pack ships with the package: it cannot change while the process runs.
    return policy_engine.load(None)


def load_pack(source: Path | None) -> LoadedPolicy:
    """Load ``source`` (a file or directory; None: built-in default), with a clear error."""
    if source is None:
        return _builtin_pack()
    try:
        return policy_engine.load(source)
    except policy_engine.PolicyLoadError as error:
        raise InvalidInputError("policy_pack", str(error)) from error
    except OSError as error:
        raise InvalidInputError("policy_pack", f"{source}: {error.strerror or error}") from error


def activate(session: Session, actor: Person, source: Path | None) -> PolicyVersion:
    """Make the pack at ``source`` the one in force for the actor's organisation."""
    require_role(actor, POLICY_ROLES, "activating_policy")
    loaded = load_pack(source)
    version = session.scalar(
        select(PolicyVersion).where(
            PolicyVersion.org_id == actor.org_id, PolicyVersion.version == loaded.version
        )
    )
    if version is None:
        if source is None:
            kind = PolicySource.BUILTIN
        else:
            kind = PolicySource.DIRECTORY if source.is_dir() else PolicySource.FILE
        version = PolicyVersion(
            org_id=actor.org_id,
            version=loaded.version,
            name=loaded.name,
            source=kind,
            files=_pack_files(loaded, source),
            created_by=actor.id,
        )
        session.add(version)
        session.flush()
    with _ENGINES_LOCK:
        _ENGINES[loaded.version] = loaded.engine
    previous = active_version(session, actor.org_id)
    session.add(
        PolicyActivation(org_id=actor.org_id, policy_version_id=version.id, activated_by=actor.id)
    )
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="policy.activated",
        subject_type="policy",
        subject_id=version.version,
        data={
            "name": version.name,
            "version": version.version,
            "previous": previous.version if previous else None,
            "files": sorted(version.files.get("files", {})),
        },
    )
    return version


def active_version(session: Session, org_id: int) -> PolicyVersion | None:
    activation = session.scalar(
        select(PolicyActivation)
        .where(PolicyActivation.org_id == org_id)
        .order_by(PolicyActivation.id.desc())
        .limit(1)
    )
    return activation.policy_version if activation else None


def require_active_version(session: Session, org_id: int) -> PolicyVersion:
    version = active_version(session, org_id)
    if version is None:
        raise GovernanceError("no_policy")
    return version


def activations(session: Session, org_id: int) -> list[PolicyActivation]:
    return list(
        session.scalars(
            select(PolicyActivation)
            .where(PolicyActivation.org_id == org_id)
            .order_by(PolicyActivation.id)
        )
    )


def engine_for(version: PolicyVersion) -> PolicyEngine:
    """The scanner for exactly ``version`` (cached per process)."""
    with _ENGINES_LOCK:
        cached = _ENGINES.get(version.version)
    if cached is not None:
        return cached
    loaded = _rebuild(version)
    with _ENGINES_LOCK:
        _ENGINES[version.version] = loaded.engine
    return loaded.engine


def _rebuild(version: PolicyVersion) -> LoadedPolicy:
    candidates: list[LoadedPolicy] = []
    if version.source is PolicySource.BUILTIN:
        candidates.append(load_pack(None))
    else:
        files: dict[str, str] = version.files.get("files", {})
        with tempfile.TemporaryDirectory(prefix="herald-policy-") as tmp:
            for name, text in files.items():
                target = Path(tmp) / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
            candidates.append(load_pack(Path(tmp) / str(version.files.get("entry", ""))))
    for loaded in candidates:
        if loaded.version == version.version:
            return loaded
    raise InvalidInputError("policy_version", f"{version.version} != {candidates[0].version}")
