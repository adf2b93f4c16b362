"""Loading policy packs: read, validate, resolve ``extends``, merge, compile.

A pack either loads completely or not at all: every problem found is collected and
raised together as one :class:`PolicyError`, each with its file:line:column.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import stat
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from pydantic import ValidationError

from herald.listening.config import ListeningQuery, listening_query
from herald.listening.query import QuerySyntaxError
from herald.policy.compile import DetectorPool, compile_rule
from herald.policy.errors import PolicyError, Problem
from herald.policy.messages import ProblemArg
from herald.policy.model import Policy
from herald.policy.pydantic_problems import Coded, coded_error
from herald.policy.schema import (
    AcknowledgementSpec,
    InboxSettings,
    ListeningQuerySpec,
    OrganisationSpec,
    PackFile,
    ReplySpec,
    RoutingRule,
    Rule,
    RuleOverride,
)
from herald.policy.yaml_source import Mark, SourceMap, parse_yaml
from herald.policy.yaml_source import Path as DataPath
from herald.types import ContactPoint, OrgSettings

_WithId = TypeVar("_WithId", RoutingRule, ReplySpec)

REPLY_VARIABLES = frozenset({"name", "case_id"})
"""What a pre-approved reply may fill in."""

BUILTIN_PREFIX = "herald:"
MAX_PACK_BYTES = 2_000_000
MAX_RULES = 500
"""Every rule runs on every post; the built-in default pack has 43."""
PACK_SUFFIXES = (".yaml", ".yml")


def builtin_pack_path(name: str) -> Path:
    root = resources.files("herald.policy") / "packs" / name
    return Path(str(root))


def builtin_pack_names() -> list[str]:
    root = Path(str(resources.files("herald.policy") / "packs"))
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))


@dataclass(slots=True)
class _PlacedRule:
    spec: Rule
    mark: Mark
    smap: SourceMap
    path: DataPath


@dataclass(slots=True)
class _Resolved:
    """A pack with its parents merged in, before compilation."""

    id: str | None = None
    name: str | None = None
    label: str | None = None
    org: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, _PlacedRule] = field(default_factory=dict)
    files: list[tuple[str, str]] = field(default_factory=list)
    """Every file read, by name, with its text."""
    document: dict[str, dict[str, str]] = field(default_factory=dict)
    """Section id (or "title") -> language -> the company's text; later files win."""
    acknowledgement: dict[str, Any] = field(default_factory=dict)
    routing: dict[str, RoutingRule] = field(default_factory=dict)
    inbox: dict[str, Any] = field(default_factory=dict)
    replies: dict[str, ReplySpec] = field(default_factory=dict)
    listening: dict[str, tuple[ListeningQuerySpec, SourceMap, DataPath]] = field(
        default_factory=dict
    )


def _decode(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PolicyError([Problem(file, line, column, "not_utf8")]) from None


def _walk_loc(data: Any, loc: Iterable[int | str]) -> DataPath:
    """Keep the parts of a pydantic error location that exist in the data.

    Pydantic adds the names of union members and discriminator tags to locations
    ('rules', 0, 'existence', 'terms'); the source map only knows real keys.
    """
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, Mapping):
            # The discriminator tag ('pattern', 'detector') can also be a field name.
            if part not in current or current.get("type") == part:
                continue
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            current = current[part]
        else:
            continue
        path.append(part)
    return tuple(path)


_RULE_TYPES = ("existence", "substitution", "occurrence", "conditional", "pattern", "detector")


def _coded(error: Mapping[str, Any], path: DataPath) -> Coded:
    """The problem code and arguments for one pydantic error at ``path``."""
    kind = error["type"]
    loc = [p for p in error["loc"] if isinstance(p, str)]
    # A missing field is not in the data, so only pydantic's location names it; for the
    # rest the data path does (the location also holds union member names like list[str]).
    in_data = [p for p in path if isinstance(p, str)]
    from_loc = loc[-1] if loc else "value"
    name = from_loc if kind == "missing" or not in_data else in_data[-1]
    if kind == "union_tag_invalid":
        tag = str((error.get("ctx") or {}).get("tag", "?"))
        return "unknown_rule_type", {"type": tag, "expected": list(_RULE_TYPES)}
    if kind == "union_tag_not_found":
        return "missing_rule_type", {"expected": list(_RULE_TYPES)}
    if kind == "string_pattern_mismatch" and name == "id":
        return "bad_id", {}
    return coded_error(error, name)


def _validation_problems(exc: ValidationError, data: Any, smap: SourceMap) -> list[Problem]:
    problems: dict[tuple[int, int], Problem] = {}
    for error in exc.errors():
        path = _walk_loc(data, error["loc"])
        if error["type"] == "union_tag_invalid":
            path = (*path, "type")
        code, args = _coded(error, path)
        problem = smap.problem(path, code, **args)
        # Unions report one error per member at the same place; the first says enough.
        problems.setdefault((problem.line, problem.column), problem)
    return list(problems.values())


def _read_regular(path: Path) -> bytes:
    """A regular file's bytes, size-capped; devices, FIFOs and sockets are refused unopened."""
    file = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise PolicyError([Problem(file, 0, 0, "no_such_file")]) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PolicyError([Problem(file, 0, 0, "unreadable_file", {"reason": reason})]) from None
    too_large = Problem(file, 0, 0, "file_too_large", {"limit_mb": MAX_PACK_BYTES // 1_000_000})
    if not stat.S_ISREG(info.st_mode):
        raise PolicyError([Problem(file, 0, 0, "not_regular_file")])
    if info.st_size > MAX_PACK_BYTES:
        raise PolicyError([too_large])
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since stat, opening does not hang
        # and fstat below refuses it before anything is read.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise PolicyError([Problem(file, 0, 0, "not_regular_file")])
            data = handle.read(MAX_PACK_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PolicyError([Problem(file, 0, 0, "unreadable_file", {"reason": reason})]) from None
    if len(data) > MAX_PACK_BYTES:
        raise PolicyError([too_large])
    return data


def _bytes_to_text(data: bytes, file: str) -> str:
    if b"\x00" in data:
        raise PolicyError([Problem(file, 0, 0, "binary_file")])
    return _decode(data, file)


@dataclass(frozen=True, slots=True)
class _OnDisk:
    """A pack file or directory on disk, confined to ``root`` (the CLI, built-in packs)."""

    path: Path
    root: Path
    label: str | None = None
    """Names files ``label`` + their path under root (built-in packs); else the path."""

    def key(self) -> object:
        return ("disk", self.path.resolve())

    def name(self, file: Path) -> str:
        if self.label is None:
            return str(file)
        return self.label + file.relative_to(self.root).as_posix()

    def read(self) -> list[tuple[str, str]]:
        path = self.path
        if path.is_dir():
            files = sorted(
                p for p in path.iterdir() if p.suffix in PACK_SUFFIXES and _inside(p, self.root)
            )
            if not files:
                raise PolicyError([Problem(str(path), 0, 0, "empty_directory")])
        else:
            files = [path]
        return [(self.name(f), _bytes_to_text(_read_regular(f), self.name(f))) for f in files]

    def resolve(self, ref: str, referrer: str) -> _OnDisk:
        relative = Path(ref)
        if relative.is_absolute() or ".." in relative.parts or ref.startswith("~"):
            raise _RefusedRefError("extends_outside")
        base = self.path if self.path.is_dir() else self.path.parent
        target = base / relative
        if not _inside(target, self.root):  # a symbolic link that leads out
            raise _RefusedRefError("extends_outside")
        return _OnDisk(target, self.root, self.label)


def _inside(path: Path, root: Path) -> bool:
    return path.resolve().is_relative_to(root.resolve())


@dataclass(frozen=True, slots=True)
class _InMemory:
    """A pack held as text (an upload, or a stored version's files): no file system."""

    entry: str
    files: Mapping[str, str]
    uploaded: bool
    """An upload may extend built-in packs only."""

    def key(self) -> object:
        return ("memory", self.entry)

    def read(self) -> list[tuple[str, str]]:
        text = self.files.get(self.entry)
        if text is not None:
            return [(self.entry, text)]
        # A directory pack: its YAML files, as on disk.
        folder = posixpath.normpath(self.entry).removeprefix(".")
        members = sorted(
            n
            for n in self.files
            if posixpath.dirname(n) == folder
            and n.endswith(PACK_SUFFIXES)
            and not n.startswith(BUILTIN_PREFIX)
        )
        if not members:
            raise PolicyError([Problem(self.entry, 0, 0, "no_such_file")])
        return [(n, self.files[n]) for n in members]

    def resolve(self, ref: str, referrer: str) -> _InMemory:
        if self.uploaded:
            raise _RefusedRefError("extends_upload")
        if PurePosixPath(ref).is_absolute() or ".." in PurePosixPath(ref).parts:
            raise _RefusedRefError("extends_outside")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(referrer), ref))
        return _InMemory(target, self.files, uploaded=False)


_Location = _OnDisk | _InMemory


class _RefusedRefError(LookupError):
    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


def _read_file(name: str, text: str) -> tuple[PackFile, Any, SourceMap]:
    raw, smap = parse_yaml(text, name)
    if not isinstance(raw, dict):
        raise PolicyError([smap.problem((), "not_a_mapping")])
    try:
        return PackFile.model_validate(raw), raw, smap
    except ValidationError as exc:
        raise PolicyError(_validation_problems(exc, raw, smap)) from None


class _UnknownPackError(LookupError):
    def __init__(self, ref: str) -> None:
        self.args_for_problem: dict[str, ProblemArg] = {
            "ref": ref,
            "known": [BUILTIN_PREFIX + n for n in builtin_pack_names()],
        }
        super().__init__(ref)


def _builtin(ref: str) -> _OnDisk:
    name = ref.removeprefix(BUILTIN_PREFIX)
    root = builtin_pack_path("")
    path = builtin_pack_path(name)
    if not name or "/" in name or name.startswith((".", "_")) or not path.is_dir():
        raise _UnknownPackError(ref)
    return _OnDisk(path, root, label=BUILTIN_PREFIX)


def _apply(
    target: _Resolved, pack: PackFile, raw: Any, smap: SourceMap, problems: list[Problem]
) -> None:
    """Merge one validated file into the pack being built (parents already applied)."""
    for key in ("id", "name"):
        value = getattr(pack, key)
        if value is not None:
            setattr(target, key, value)
    if pack.version is not None:
        target.label = pack.version
    if pack.organisation is not None:
        target.org.update(pack.organisation.model_dump(exclude_unset=True))
    if pack.acknowledgement is not None:
        target.acknowledgement.update(pack.acknowledgement.model_dump(exclude_unset=True))
    if pack.document is not None:
        sections = [("title", pack.document.title), *pack.document.sections.items()]
        for section, texts in sections:
            merged = target.document.setdefault(section, {})
            merged.update((str(lang), text) for lang, text in texts.items())
    for i, rule_id in enumerate(pack.disable):
        # An id names a scan rule, a routing rule or a reply; disabling removes it.
        found = [
            table.pop(rule_id, None) for table in (target.rules, target.routing, target.replies)
        ]
        if all(item is None for item in found):
            problems.append(smap.problem(("disable", i), "unknown_disable", id=rule_id))
    for rule_id, override in pack.overrides.items():
        placed = target.rules.get(rule_id)
        if placed is None:
            problems.append(smap.problem(("overrides", rule_id), "unknown_override", id=rule_id))
            continue
        _override(placed, override, smap, ("overrides", rule_id), problems)
    if pack.listening is not None:
        _apply_listening(target, pack, smap, problems)
    seen: set[str] = set()
    for i, spec in enumerate(pack.rules):
        path: DataPath = ("rules", i)
        if spec.id in seen:
            problems.append(smap.problem((*path, "id"), "duplicate_rule_id", id=spec.id))
            continue
        seen.add(spec.id)
        # A rule with an inherited id replaces the inherited rule.
        target.rules[spec.id] = _PlacedRule(spec, smap.find(path), smap, path)
    for rule_id, examples in pack.examples.items():
        placed = target.rules.get(rule_id)
        if placed is None:
            problems.append(smap.problem(("examples", rule_id), "unknown_example_rule", id=rule_id))
            continue
        placed.spec = placed.spec.model_copy(
            update={"examples": [*placed.spec.examples, *examples]}
        )
    if pack.inbox is not None:
        target.inbox.update(pack.inbox.model_dump(exclude_unset=True))
    _merge_by_id(target.routing, pack.routing, "routing", smap, problems)
    _merge_by_id(target.replies, pack.replies, "replies", smap, problems)
    for i, reply in enumerate(pack.replies):
        unknown = reply_variables(reply.text) - REPLY_VARIABLES
        if unknown:
            problems.append(
                smap.problem(
                    ("replies", i, "text"),
                    "unknown_reply_variable",
                    names=sorted(unknown),
                    expected=sorted(REPLY_VARIABLES),
                )
            )


def _merge_by_id(
    table: dict[str, _WithId],
    items: Iterable[_WithId],
    key: str,
    smap: SourceMap,
    problems: list[Problem],
) -> None:
    """Add routing rules or replies; an inherited id is replaced where it stands, so a
    child pack can change a rule without changing the order of precedence."""
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item.id in seen:
            problems.append(smap.problem((key, i, "id"), "duplicate_rule_id", id=item.id))
            continue
        seen.add(item.id)
        table[item.id] = item


def _apply_listening(
    target: _Resolved, pack: PackFile, smap: SourceMap, problems: list[Problem]
) -> None:
    """Listening queries by id; a query with an inherited id replaces the inherited one."""
    assert pack.listening is not None
    seen: set[str] = set()
    for i, spec in enumerate(pack.listening.queries):
        path: DataPath = ("listening", "queries", i)
        if spec.id in seen:
            problems.append(smap.problem((*path, "id"), "duplicate_query_id", id=spec.id))
            continue
        seen.add(spec.id)
        target.listening[spec.id] = (spec, smap, path)


def _compile_listening(resolved: _Resolved, problems: list[Problem]) -> list[ListeningQuery]:
    out = []
    for spec, smap, path in resolved.listening.values():
        try:
            out.append(
                listening_query(
                    spec.id,
                    spec.query,
                    name=spec.name,
                    languages=tuple(spec.languages),
                    vip_authors=tuple(spec.vip_authors),
                    sensitivity=spec.sensitivity,
                    cooldown_minutes=spec.cooldown_minutes,
                )
            )
        except QuerySyntaxError as exc:
            args: dict[str, ProblemArg] = {"position": exc.position + 1, **exc.details}
            problems.append(smap.problem((*path, "query"), f"query_{exc.code}", **args))
    return out


def _override(
    placed: _PlacedRule,
    override: RuleOverride,
    smap: SourceMap,
    path: DataPath,
    problems: list[Problem],
) -> None:
    changes = override.model_dump(exclude_unset=True)
    if "params" in changes and placed.spec.type != "detector":
        problems.append(smap.problem((*path, "params"), "params_only_detector"))
        return
    if "min_score" in changes and placed.spec.type != "detector":
        problems.append(smap.problem((*path, "min_score"), "min_score_only_detector"))
        return
    merged = placed.spec.model_dump(by_alias=True, exclude_unset=True)
    if "params" in changes:
        changes["params"] = {**merged.get("params", {}), **changes["params"]}
    merged.update(changes)
    try:
        spec = type(placed.spec).model_validate(merged)
    except ValidationError as exc:
        for error in exc.errors():
            code, args = _coded(error, path)
            problems.append(smap.problem(path, code, **args))
        return
    placed.spec = spec
    placed.smap = smap
    placed.mark = smap.find(path)
    placed.path = path


def _load_into(
    target: _Resolved,
    location: _Location,
    stack: tuple[object, ...],
    problems: list[Problem],
) -> None:
    key = location.key()
    if key in stack:
        chain = " -> ".join(str(k[-1]) for k in (*stack, key) if isinstance(k, tuple))
        where = str(key[-1]) if isinstance(key, tuple) else "?"
        raise PolicyError([Problem(where, 0, 0, "extends_loop", {"chain": chain})])
    for name, text in location.read():
        try:
            pack, raw, smap = _read_file(name, text)
        except PolicyError as exc:
            problems.extend(exc.problems)
            continue
        if pack.extends is not None:
            try:
                parent: _Location = (
                    _builtin(pack.extends)
                    if pack.extends.startswith(BUILTIN_PREFIX)
                    else location.resolve(pack.extends, name)
                )
            except _UnknownPackError as exc:
                problems.append(
                    smap.problem(("extends",), "unknown_builtin_pack", **exc.args_for_problem)
                )
                continue
            except _RefusedRefError as exc:
                problems.append(smap.problem(("extends",), exc.code, ref=pack.extends))
                continue
            _load_into(target, parent, (*stack, key), problems)
        target.files.append((name, text))
        _apply(target, pack, raw, smap, problems)


def reply_variables(text: str) -> set[str]:
    """The ``{names}`` a reply text fills in ("{{" and "}}" are literal braces)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {text}  # an unbalanced brace: reported as an unknown variable


def _org_settings(org: Mapping[str, Any]) -> OrgSettings:
    spec = OrganisationSpec.model_validate(dict(org))
    return OrgSettings(
        name=spec.name,
        company_names=tuple(spec.company_names or ([spec.name] if spec.name else [])),
        competitors=tuple(spec.competitors),
        domains=tuple(d.lower() for d in spec.domains),
        codenames=tuple(spec.codenames),
        confidential_terms=tuple(spec.confidential_terms),
        contact_points=tuple(ContactPoint(c.kind, c.value) for c in spec.contact_points),
        industry=spec.industry,
        languages=tuple(spec.languages),
        default_region=spec.default_region,
        handles=tuple(
            (network, handle) for network, handles in spec.handles.items() for handle in handles
        ),
    )


def _fingerprint(resolved: _Resolved, rules: Iterable[Rule]) -> str:
    body: dict[str, Any] = {
        "org": resolved.org,
        "rules": [r.model_dump(mode="json", by_alias=True) for r in rules],
    }
    # Only packs with an inbox part hash it, so existing packs keep their fingerprints.
    if resolved.routing or resolved.replies or resolved.inbox:
        body["routing"] = [r.model_dump(mode="json") for r in resolved.routing.values()]
        body["replies"] = [r.model_dump(mode="json") for r in resolved.replies.values()]
        body["inbox"] = resolved.inbox
    if resolved.document:  # the company's words are part of the version people acknowledge
        body["document"] = resolved.document
    if resolved.acknowledgement:
        body["acknowledgement"] = resolved.acknowledgement
    listening = [spec for spec, _, _ in resolved.listening.values()]
    if listening:  # only when present, so packs without queries keep their fingerprint
        body["listening"] = [q.model_dump(mode="json") for q in listening]
    digest = hashlib.sha256(
        json.dumps(body, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    return f"sha256:{digest[:16]}"


def load_policy(
    source: str | Path | None = None,
    *,
    text: str | None = None,
    files: Mapping[str, str] | None = None,
) -> Policy:
    """Load, validate and compile a policy pack.

    ``source`` is a YAML file, a directory of YAML files, ``"herald:<name>"`` for a built-in
    pack, or None for the built-in default. With ``text``, the pack's content is given
    directly (an upload): ``source`` only names it in error messages and it may extend
    built-in packs only, so an upload never reaches the file system. With ``files`` (a
    stored version: file name -> text), ``source`` names the entry file among them and
    relative ``extends`` stay inside them. On disk, ``extends`` paths stay inside the
    entry pack's directory and only regular files are read.
    Raises :class:`PolicyError` listing every problem, each with file:line:column.
    """
    location: _Location
    if text is not None:
        name = str(source) if source is not None else "<policy>"
        location = _InMemory(name, {name: text}, uploaded=True)
    elif files is not None:
        location = _InMemory(str(source), files, uploaded=False)
    elif source is None:
        location = _builtin(BUILTIN_PREFIX + "default")
    elif isinstance(source, str) and source.startswith(BUILTIN_PREFIX):
        try:
            location = _builtin(source)
        except _UnknownPackError as exc:
            problem = Problem(source, 0, 0, "unknown_builtin_pack", exc.args_for_problem)
            raise PolicyError([problem]) from None
    else:
        entry = Path(source)
        location = _OnDisk(entry, entry if entry.is_dir() else entry.parent)
    path = Path(location.path if isinstance(location, _OnDisk) else location.entry)
    problems: list[Problem] = []
    resolved = _Resolved()
    _load_into(resolved, location, (), problems)
    if len(resolved.rules) > MAX_RULES:
        count = len(resolved.rules)
        problems.append(
            Problem(str(path), 0, 0, "too_many_rules", {"count": count, "limit": MAX_RULES})
        )
    if problems:
        raise PolicyError(problems)
    org = _org_settings(resolved.org)
    compiled = []
    pool: DetectorPool = {}
    for placed in resolved.rules.values():
        rule, rule_problems = compile_rule(placed.spec, org, placed.smap, placed.path, pool)
        problems.extend(rule_problems)
        if rule is not None:
            compiled.append(rule)
    listening = _compile_listening(resolved, problems)
    if problems:
        raise PolicyError(problems)
    specs = tuple(p.spec for p in resolved.rules.values())
    return Policy(
        id=resolved.id or path.stem,
        name=resolved.name or resolved.id or path.stem,
        label=resolved.label,
        version=_fingerprint(resolved, specs),
        org=org,
        rules=tuple(compiled),
        specs=specs,
        files=tuple(name for name, _ in resolved.files),
        texts=tuple(text for _, text in resolved.files),
        document={k: dict(v) for k, v in resolved.document.items() if v},
        acknowledgement=AcknowledgementSpec.model_validate(resolved.acknowledgement),
        routing=tuple(resolved.routing.values()),
        inbox=InboxSettings.model_validate(resolved.inbox),
        replies=tuple(resolved.replies.values()),
        listening=tuple(listening),
    )


def validate_policy(source: str | Path | None = None, *, text: str | None = None) -> list[Problem]:
    """Every problem in a pack (empty when it loads); ``text``: an upload, as in load_policy."""
    try:
        load_policy(source, text=text)
    except PolicyError as exc:
        return exc.problems
    return []
