"""Employee advocacy: approved content shared on personal accounts, disclaimers added."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from herald.services import accounts, advocacy, policies
from herald.services.errors import ForbiddenError, GovernanceError, InvalidInputError
from herald.store.models import AdvocacyShare, AuditEntry
from herald.store.types import utcnow
from services.org_world import World

PACK = """herald: 1
extends: herald:default
organisation: {name: Acme Bank, company_names: [Acme Bank], industry: finance, codenames: [Falcon]}
"""
TEXTS = {
    "en": "Acme Bank has a new savings account: open it in five minutes in the app.",
    "es": "Acme Bank lanza una nueva cuenta de ahorro: se abre en cinco minutos desde la app.",
    "tr": "Acme Bank yeni birikim hesabını duyurdu: uygulamadan beş dakikada açılıyor.",
}


@pytest.fixture
def bank(factory: sessionmaker[Session], world: World, tmp_path: Path) -> World:
    (tmp_path / "pack.yaml").write_text(PACK)
    with factory.begin() as s:
        policies.activate(s, world.person(s, "owner"), tmp_path / "pack.yaml")
        for name, network in (("writer", "mastodon"), ("agent", "bluesky")):
            person = world.person(s, name)
            accounts.add_personal_account(s, person, person, network, f"@{name}")
        advocacy.add_item(s, world.person(s, "publisher"), "Savings", TEXTS)
    return world


def _item(s: Session, world: World) -> advocacy.AdvocacyItem:
    return advocacy.library(s, world.person(s, "writer"))[0]


def _account(s: Session, world: World, name: str) -> int:
    return advocacy.my_accounts(s, world.person(s, name))[0].id


@pytest.mark.parametrize(
    ("lang", "disclaimer"),
    [
        ("en", "Views are my own."),
        ("es", "Las opiniones son mías."),
        ("tr", "Görüşler bana aittir."),
    ],
)
def test_sharing_adds_the_disclaimer_in_the_sharers_language(
    factory: sessionmaker[Session], bank: World, lang: str, disclaimer: str
) -> None:
    with factory.begin() as s:
        writer = bank.person(s, "writer")
        writer.lang = lang
        share = advocacy.share(s, writer, _item(s, bank), _account(s, bank, "writer"))
        assert share.text == f"{TEXTS[lang]}\n\n{disclaimer}"
        assert share.lang == lang
        assert not share.edited
        assert disclaimer in share.added["texts"]
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "advocacy.shared")).one()
        assert json.loads(entry.payload)["text"] == share.text


def test_an_edit_is_checked_again_and_a_blocking_finding_stops_it(
    factory: sessionmaker[Session], bank: World
) -> None:
    with factory.begin() as s:
        writer = bank.person(s, "writer")
        item, account = _item(s, bank), _account(s, bank, "writer")
        edit = TEXTS["en"] + " Falcon is next, keep it quiet!"
        with pytest.raises(GovernanceError, match="cannot be shared"):
            advocacy.share(s, writer, item, account, edit)
        assert s.scalar(select(func.count(AdvocacyShare.id))) == 0
        sponsored = "Acme Bank savings: use my code ACME10 for a bonus."
        share = advocacy.share(s, writer, item, account, sponsored)
        assert share.edited
        assert "disclaimer.sponsorship" in share.added["rules"]
        assert share.text.startswith(sponsored)
        assert "#ad" in share.text


def test_only_from_ones_own_personal_account(factory: sessionmaker[Session], bank: World) -> None:
    with factory.begin() as s:
        writer = bank.person(s, "writer")
        item = _item(s, bank)
        with pytest.raises(ForbiddenError, match="your own personal accounts"):
            advocacy.share(s, writer, item, _account(s, bank, "agent"))
        with pytest.raises(ForbiddenError, match="your own personal accounts"):
            advocacy.share(s, writer, item, bank.brand_id)


def test_networks_expiry_and_withdrawal(factory: sessionmaker[Session], bank: World) -> None:
    with factory.begin() as s:
        publisher = bank.person(s, "publisher")
        only_bluesky = advocacy.add_item(s, publisher, "Bluesky only", TEXTS, ["Bluesky"])
        writer = bank.person(s, "writer")
        with pytest.raises(ForbiddenError, match="not meant for that network"):
            advocacy.share(s, writer, only_bluesky, _account(s, bank, "writer"))
        agent = bank.person(s, "agent")
        advocacy.share(s, agent, only_bluesky, _account(s, bank, "agent"))
        only_bluesky.expires_at = utcnow() - timedelta(seconds=1)
        assert only_bluesky not in advocacy.library(s, agent)
        with pytest.raises(ForbiddenError, match="expired"):
            advocacy.share(s, agent, only_bluesky, _account(s, bank, "agent"))
        item = _item(s, bank)
        advocacy.withdraw(s, publisher, item)
        with pytest.raises(ForbiddenError, match="withdrawn"):
            advocacy.share(s, writer, item, _account(s, bank, "writer"))


def test_the_library_takes_only_shareable_content_from_the_brands_people(
    factory: sessionmaker[Session], bank: World
) -> None:
    with factory.begin() as s:
        with pytest.raises(ForbiddenError):
            advocacy.add_item(s, bank.person(s, "writer"), "Mine", TEXTS)
        publisher = bank.person(s, "publisher")
        with pytest.raises(GovernanceError, match="cannot be shared"):
            advocacy.add_item(s, publisher, "Leak", {"en": "Falcon launches in May at Acme Bank."})
        with pytest.raises(InvalidInputError):
            advocacy.add_item(s, publisher, "Empty", {"en": "  "})
        with pytest.raises(InvalidInputError):
            advocacy.add_item(s, publisher, "Klingon", {"tlh": "Qapla'"})


def test_the_participation_report(factory: sessionmaker[Session], bank: World) -> None:
    with factory.begin() as s:
        item = _item(s, bank)
        first = advocacy.share(s, bank.person(s, "writer"), item, _account(s, bank, "writer"))
        advocacy.share(s, bank.person(s, "writer"), item, _account(s, bank, "writer"))
        advocacy.share(s, bank.person(s, "agent"), item, _account(s, bank, "agent"))
        advocacy.record_reach(s, first.id, bank.org_id, 120)
        with pytest.raises(ForbiddenError):
            advocacy.report(s, bank.person(s, "writer"))
        report = advocacy.report(s, bank.person(s, "compliance"))
        assert report.total == 3
        assert report.participants == 2
        assert report.employees == 10
        assert report.reach == 120
        assert [(p.shares, p.reach) for p in report.people] == [(2, 120), (1, None)]
        assert report.items == (("Savings", 3),)
        assert len(report.days) == 30
        assert report.days[-1][1] == 3
