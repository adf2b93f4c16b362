"""Policy versions: recording a pack's exact files, activating it, and the engine for it.

Scans and decisions pin the ``PolicyVersion`` row they were made under; because the
row keeps the pack's files, any past version can be rebuilt and re-run.
"""

from __future__ import annotations

import functools
import os
import threading
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from herald.services import audit, policy_engine
from herald.services.errors import GovernanceError, InvalidInputError
from herald.services.permissions import POLICY_ROLES, require_role
from herald.services.policy_engine import LoadedPolicy, PolicyEngine
from herald.services.scoping import owned_by
from herald.store.enums import PolicySource
from herald.store.models import Person, PolicyActivation, PolicyVersion

_ENGINES: dict[str, PolicyEngine] = {}
_ENGINES_LOCK = threading.Lock()


UPLOAD_NAME = "policy.yaml"
"""The name an uploaded pack is recorded under."""


def _pack_files(loaded: LoadedPolicy, entry: str, *, on_disk: bool) -> dict[str, Any]:
    """The version's record: every file's text, named relative to the pack's common root.

    Built-in files keep their ``herald:`` names; files from disk are named from the
    directory they share, so a rebuild resolves relative ``extends`` among them.
    """
    own = {n: t for n, t in loaded.files.items() if not n.startswith(policy_engine.BUILTIN_PREFIX)}
    builtin = {n: t for n, t in loaded.files.items() if n.startswith(policy_engine.BUILTIN_PREFIX)}
    if not on_disk or not own:
        return {"root": "", "entry": entry, "files": {**own, **builtin}}
    paths = {Path(n).resolve(): t for n, t in own.items()}
    root = Path(os.path.commonpath([p.parent for p in paths]))
    entry_path = Path(entry).resolve()
    return {
        "root": str(root),
        "entry": str(entry_path.relative_to(root)) if entry_path.is_relative_to(root) else "",
        "files": {**{str(p.relative_to(root)): t for p, t in paths.items()}, **builtin},
    }


@functools.cache
def _builtin_pack() -> LoadedPolicy:
    # The built-in pack ships with the package: it cannot change while the process runs.
    return policy_engine.load(None)


def load_pack(
    source: Path | None, *, text: str | None = None, files: dict[str, str] | None = None
) -> LoadedPolicy:
    """Load a pack with a clear error: ``source`` a file or directory (None: the built-in
    default), or an upload's ``text``, or a stored version's ``files`` (``source``: entry)."""
    if source is None and text is None and files is None:
        return _builtin_pack()
    try:
        return policy_engine.load(
            UPLOAD_NAME if text is not None else source, text=text, files=files
        )
    except policy_engine.PolicyLoadError as error:
        raise InvalidInputError("policy_pack", str(error)) from error
    except OSError as error:
        raise InvalidInputError("policy_pack", f"{source}: {error.strerror or error}") from error


def require_may_activate(actor: Person) -> None:
    """Refuse a person who may not put a pack in force (asked before parsing an upload)."""
    require_role(actor, POLICY_ROLES, "activating_policy")


def activate(session: Session, actor: Person, source: Path | None) -> PolicyVersion:
    """Make the pack at ``source`` (the CLI's files; None: built-in) the one in force."""
    require_may_activate(actor)
    loaded = load_pack(source)
    if source is None:
        return _record(
            session, actor, loaded, PolicySource.BUILTIN, _pack_files(loaded, "", on_disk=False)
        )
    kind = PolicySource.DIRECTORY if source.is_dir() else PolicySource.FILE
    return _record(session, actor, loaded, kind, _pack_files(loaded, str(source), on_disk=True))


def activate_upload(session: Session, actor: Person, text: str) -> PolicyVersion:
    """Make an uploaded pack the one in force; it may extend built-in packs only."""
    require_may_activate(actor)
    loaded = load_pack(None, text=text)
    files = _pack_files(loaded, UPLOAD_NAME, on_disk=False)
    return _record(session, actor, loaded, PolicySource.FILE, files)


def _record(
    session: Session,
    actor: Person,
    loaded: LoadedPolicy,
    kind: PolicySource,
    files: dict[str, Any],
) -> PolicyVersion:
    version = session.scalar(
        owned_by(PolicyVersion, actor.org_id).where(PolicyVersion.version == loaded.version)
    )
    if version is None:
        version = PolicyVersion(
            org_id=actor.org_id,
            version=loaded.version,
            name=loaded.name,
            source=kind,
            files=files,
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
        owned_by(PolicyActivation, org_id).order_by(PolicyActivation.id.desc()).limit(1)
    )
    return activation.policy_version if activation else None


def require_active_version(session: Session, org_id: int) -> PolicyVersion:
    version = active_version(session, org_id)
    if version is None:
        raise GovernanceError("no_policy")
    return version


def activations(session: Session, org_id: int) -> list[PolicyActivation]:
    return list(session.scalars(owned_by(PolicyActivation, org_id).order_by(PolicyActivation.id)))


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
    """The engine of a stored version, from its recorded files only (never the disk)."""
    if version.source is PolicySource.BUILTIN:
        loaded = load_pack(None)
    else:
        files: dict[str, str] = version.files.get("files", {})
        loaded = load_pack(Path(str(version.files.get("entry", ""))), files=files)
    if loaded.version != version.version:
        raise InvalidInputError("policy_version", f"{version.version} != {loaded.version}")
    return loaded
