from sqlalchemy import select

from herald.store.enums import PostState, Role
from herald.store.models import Person, Post
from web.conftest import Herald


def test_demo_has_everyone_and_posts_at_every_stage(herald: Herald) -> None:
    def load(session):  # type: ignore[no-untyped-def]
        roles = {p.role for p in session.scalars(select(Person))}
        posts = list(session.scalars(select(Post)))
        return roles, {p.state for p in posts}, len(posts)

    roles, states, count = herald.workspace.read(load)
    assert roles == set(Role)
    assert {
        PostState.DRAFT,
        PostState.IN_REVIEW,
        PostState.APPROVED,
        PostState.CHANGES_REQUESTED,
    } <= states
    assert count >= 6
    assert set(herald.passwords) == {
        f"{r}@acme.example"
        for r in (
            "owner",
            "admin",
            "compliance",
            "approver",
            "publisher",
            "writer",
            "agent",
            "viewer",
        )
    }


def test_the_compliance_officer_has_posts_to_approve_in_each_language(herald: Herald) -> None:
    herald.sign_in("compliance@acme.example")
    queue = herald.client.get("/approvals").text
    assert "ucuz" in queue  # Turkish
    assert "cuenta de ahorro" in queue  # Spanish
    assert "Studies show" in queue  # English
