"""A missing, foreign or out-of-range object id is a 404 on pages and the API, never a 500."""

from __future__ import annotations

from web.conftest import Herald

HUGE = 2**63


def test_huge_and_missing_post_ids_are_not_found(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    for post_id in (HUGE, 10**30, 999_999):
        assert herald.client.get(f"/posts/{post_id}").status_code == 404
        assert herald.client.get(f"/posts/{post_id}/edit").status_code == 404
        response = herald.form(f"/posts/{post_id}/comment", {"body": "hello"}, page="/compose")
        assert response.status_code == 404
    person_id = herald.workspace.person_id_for_email("writer@acme.example")
    assert person_id is not None
    _, token = herald.workspace.credentials.issue_token(person_id, "t", ["posts:read"])
    response = herald.client.get(
        f"/api/v1/posts/{HUGE}", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
