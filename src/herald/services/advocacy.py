"""Employee advocacy: a library of approved company content employees share on their own
accounts, with the disclaimer and disclosure tags the policy asks for added in their language.

Sharing runs the text through the engine of the version in force as a post on a personal
account, in the text's language. Every missing disclaimer or disclosure the rules can fix
(``disclaimer`` findings with a fix: "Views are my own.", "#reklam") is added, and the result
is scanned again. Anything still holding it back (a review or blocking finding, an engine
error, a text it refuses) stops the share: nobody reviews a share, so it fails closed. An
employee may edit the text; the edit goes through exactly the same check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from herald.services import audit, policies, policy_engine
from herald.services.errors import ForbiddenError, GovernanceError, InvalidInputError
from herald.services.messages import Term
from herald.services.permissions import POLICY_ROLES, require_active, require_role
from herald.services.posts import clean_text
from herald.services.scoping import get_owned, owned_by
from herald.store.enums import AccountKind, Role
from herald.store.models import Account, AdvocacyItem, AdvocacyShare, Person
from herald.store.types import utcnow
from herald.types import LANGUAGES, AccountType, Category, Finding, ScanContext, Severity

LIBRARY_ROLES = POLICY_ROLES | {Role.PUBLISHER}
"""Who adds content to the library (it is company content: the brand's people)."""
REPORT_ROLES = POLICY_ROLES | {Role.PUBLISHER}
MAX_FIX_ROUNDS = 3
"""A fix can make another rule ask for something (a tag after a disclaimer): a few rounds."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """A text made ready to share: what Herald added, and what (if anything) stops it."""

    text: str
    lang: str
    added: tuple[str, ...]
    """The disclaimers and tags appended, as written."""
    rules: tuple[str, ...]
    """The rules that asked for them."""
    problems: tuple[Finding, ...]
    """Findings that stop the share (empty: it may go out)."""
    error: str | None = None
    """The engine could not check the text (it then may not go out)."""

    @property
    def ok(self) -> bool:
        return not self.problems and self.error is None


@dataclass(frozen=True, slots=True)
class Participation:
    name: str
    shares: int
    reach: int | None


@dataclass(frozen=True, slots=True)
class Report:
    people: tuple[Participation, ...]
    items: tuple[tuple[str, int], ...]
    """Item title -> shares."""
    days: tuple[tuple[str, int], ...]
    """ISO day -> shares, the last 30 days, oldest first."""
    total: int
    reach: int | None
    participants: int
    employees: int


def _texts(texts: Mapping[str, str]) -> dict[str, str]:
    cleaned = {}
    for lang, text in texts.items():
        if lang not in LANGUAGES:
            raise InvalidInputError("language", lang)
        if text.strip():
            cleaned[lang] = clean_text(text, "advocacy_text")
    if not cleaned:
        raise InvalidInputError("advocacy_text", Term("advocacy_needs_text"))
    return cleaned


def add_item(
    session: Session,
    actor: Person,
    title: str,
    texts: Mapping[str, str],
    networks: Sequence[str] = (),
    expires: date | None = None,
) -> AdvocacyItem:
    """Put content in the library; each language's text must be shareable as it stands."""
    require_active(actor)
    require_role(actor, LIBRARY_ROLES, "managing_advocacy")
    title = title.strip()
    if not title or len(title) > 200:
        raise InvalidInputError("advocacy_title", title[:200] or "—")
    cleaned = _texts(texts)
    if expires is not None and expires < utcnow().date():
        raise InvalidInputError("advocacy_expiry", Term("advocacy_in_past"))
    for lang, text in cleaned.items():
        prepared = prepare(session, actor, text, lang)
        if not prepared.ok:
            raise GovernanceError("share_blocked", detail=_why(prepared))
    item = AdvocacyItem(
        org_id=actor.org_id,
        title=title,
        texts=cleaned,
        networks={"networks": sorted({n.strip().lower() for n in networks if n.strip()})},
        expires_at=(
            datetime.combine(expires, datetime.min.time(), UTC) + timedelta(days=1)
            if expires
            else None
        ),
        created_by=actor.id,
    )
    session.add(item)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="advocacy.item_added",
        subject_type="advocacy_item",
        subject_id=item.id,
        data={"title": title, "languages": sorted(cleaned), "networks": item.networks},
    )
    return item


def withdraw(session: Session, actor: Person, item: AdvocacyItem) -> None:
    require_role(actor, LIBRARY_ROLES, "managing_advocacy")
    if item.withdrawn_at is None:
        item.withdrawn_at = utcnow()
        audit.append(
            session,
            actor=actor,
            action="advocacy.item_withdrawn",
            subject_type="advocacy_item",
            subject_id=item.id,
            data={"title": item.title},
        )


def _available(item: AdvocacyItem, now: datetime) -> bool:
    return item.withdrawn_at is None and (item.expires_at is None or item.expires_at > now)


def library(session: Session, actor: Person) -> list[AdvocacyItem]:
    """The items that may be shared now, newest first."""
    require_active(actor)
    now = utcnow()
    rows = session.scalars(owned_by(AdvocacyItem, actor.org_id).order_by(AdvocacyItem.id.desc()))
    return [item for item in rows if _available(item, now)]


def get(session: Session, actor: Person, item_id: int) -> AdvocacyItem:
    return get_owned(session, AdvocacyItem, item_id, actor.org_id, "advocacy_item")


def text_for(item: AdvocacyItem, lang: str) -> tuple[str, str]:
    """The item's text in ``lang``, else in the first language it has: (language, text)."""
    texts: dict[str, str] = dict(item.texts)
    if lang in texts:
        return lang, texts[lang]
    first = next(code for code in LANGUAGES if code in texts)
    return first, texts[first]


def my_accounts(session: Session, actor: Person) -> list[Account]:
    """The actor's personal accounts (where they may share)."""
    return list(
        session.scalars(
            owned_by(Account, actor.org_id)
            .where(Account.kind == AccountKind.PERSONAL, Account.owner_id == actor.id)
            .order_by(Account.id)
        )
    )


def prepare(session: Session, actor: Person, text: str, lang: str) -> Prepared:
    """``text`` as a post on ``actor``'s personal account: disclaimers added, then checked."""
    if lang not in LANGUAGES:
        raise InvalidInputError("language", lang)
    text = clean_text(text, "advocacy_text")
    version = policies.require_active_version(session, actor.org_id)
    engine = policies.engine_for(version)
    ctx = ScanContext(
        lang=lang,
        account_type=AccountType.PERSONAL,
        industry=engine.policy.org.industry,
        author_role=actor.role.value,
        message_lang=lang,
    )
    added: list[str] = []
    rules: list[str] = []
    try:
        result = engine.scan(text, ctx)
        for _ in range(MAX_FIX_ROUNDS):
            fixes = [
                f
                for f in result.findings
                if f.category is Category.DISCLAIMER and f.fix and f.fix_span is not None
            ]
            if not fixes:
                break
            fix = fixes[0]
            assert fix.fix is not None  # filtered above
            text = fix.apply_fix(text)
            added.append(fix.fix.strip())
            rules.append(fix.rule_id)
            result = engine.scan(text, ctx)
    except ValueError as error:
        if policy_engine.is_input_error(error):
            raise InvalidInputError("advocacy_text", str(error)) from error
        return Prepared(text, lang, tuple(added), tuple(rules), (), str(error))
    problems = tuple(f for f in result.findings if f.severity.rank >= Severity.REVIEW.rank)
    failed = "; ".join(result.errors) if result.errors else None
    return Prepared(text, lang, tuple(added), tuple(rules), problems, failed)


def _why(prepared: Prepared) -> str:
    return "; ".join(f.message for f in prepared.problems) or prepared.error or ""


def share(
    session: Session,
    actor: Person,
    item: AdvocacyItem,
    account_id: int,
    text: str | None = None,
    lang: str | None = None,
) -> AdvocacyShare:
    """Share ``item`` (or the actor's edit of it) on one of the actor's personal accounts."""
    require_active(actor)
    if item.org_id != actor.org_id:
        raise ForbiddenError("forbidden", detail=Term("another_org"))
    if not _available(item, utcnow()):
        raise ForbiddenError("forbidden", detail=Term("advocacy_unavailable"))
    account = get_owned(session, Account, account_id, actor.org_id, "account")
    if account.kind is not AccountKind.PERSONAL or account.owner_id != actor.id:
        raise ForbiddenError("forbidden", detail=Term("not_your_personal_account"))
    networks = list(item.networks.get("networks", []))
    if networks and account.network.lower() not in networks:
        raise ForbiddenError("forbidden", detail=Term("advocacy_network"))
    item_lang, original = text_for(item, lang or actor.lang)
    chosen = original if text is None or not text.strip() else text
    edited = clean_text(chosen, "advocacy_text") != clean_text(original, "advocacy_text")
    prepared = prepare(session, actor, chosen, item_lang)
    if not prepared.ok:
        raise GovernanceError("share_blocked", detail=_why(prepared))
    row = AdvocacyShare(
        org_id=actor.org_id,
        item_id=item.id,
        person_id=actor.id,
        account_id=account.id,
        lang=item_lang,
        text=prepared.text,
        edited=edited,
        added={"rules": list(prepared.rules), "texts": list(prepared.added)},
    )
    session.add(row)
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="advocacy.shared",
        subject_type="advocacy_item",
        subject_id=item.id,
        data={
            "share": row.id,
            "account": f"{account.network}:{account.handle}",
            "edited": edited,
            "added": row.added,
            "text": prepared.text,
        },
    )
    return row


def my_shares(session: Session, actor: Person) -> list[AdvocacyShare]:
    return list(
        session.scalars(
            owned_by(AdvocacyShare, actor.org_id)
            .where(AdvocacyShare.person_id == actor.id)
            .order_by(AdvocacyShare.id.desc())
        )
    )


def record_reach(session: Session, share_id: int, org_id: int, reach: int) -> None:
    """The network reported how many people a share reached (connectors call this)."""
    row = get_owned(session, AdvocacyShare, share_id, org_id, "advocacy_item")
    row.reach = max(0, reach)


def report(session: Session, actor: Person, days: int = 30) -> Report:
    """Who shared what, how often, and the reach where the networks report it."""
    require_role(actor, REPORT_ROLES, "advocacy_report")
    shares = list(session.scalars(owned_by(AdvocacyShare, actor.org_id)))
    people = {
        p.id: p
        for p in session.scalars(select(Person).where(Person.org_id == actor.org_id))
        if p.active
    }
    by_person: dict[int, list[AdvocacyShare]] = {}
    for row in shares:
        by_person.setdefault(row.person_id, []).append(row)

    def reach(rows: list[AdvocacyShare]) -> int | None:
        known = [r.reach for r in rows if r.reach is not None]
        return sum(known) if known else None

    participation = sorted(
        (
            Participation(
                people[pid].name or people[pid].email if pid in people else "?",
                len(rows),
                reach(rows),
            )
            for pid, rows in by_person.items()
        ),
        key=lambda p: (-p.shares, p.name),
    )
    titles = Counter(row.item.title for row in shares)
    today = utcnow().date()
    per_day = Counter(row.created_at.date().isoformat() for row in shares)
    timeline = tuple(
        (day, per_day.get(day, 0))
        for day in ((today - timedelta(days=n)).isoformat() for n in range(days - 1, -1, -1))
    )
    return Report(
        people=tuple(participation),
        items=tuple(sorted(titles.items(), key=lambda kv: (-kv[1], kv[0]))),
        days=timeline,
        total=len(shares),
        reach=reach(shares),
        participants=len(by_person),
        employees=len(people),
    )
