import re

from web.conftest import Herald


def _post_id(location: str) -> int:
    found = re.fullmatch(r"/posts/(\d+)", location)
    assert found, location
    return int(found.group(1))


def test_writer_composes_and_submits_and_compliance_approves(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    page = herald.client.get("/compose")
    assert page.status_code == 200
    assert "Acme Bank Türkiye" in page.text
    account_id = re.search(r'name="account_ids" value="(\d+)"', page.text).group(1)  # type: ignore[union-attr]
    response = herald.form(
        "/compose",
        {
            "text": "Yeni hesabımız çok ucuz ve hızlı.",
            "account_ids": account_id,
            "action": "submit",
        },
    )
    assert response.status_code == 303, response.text
    post_id = _post_id(response.headers["location"])
    page = herald.client.get(f"/posts/{post_id}")
    assert "ucuz" in page.text
    assert "uygun fiyatlı" in page.text
    herald.sign_out()

    herald.sign_in("compliance@acme.example")
    queue = herald.client.get("/approvals")
    assert f"/posts/{post_id}" in queue.text
    page = herald.client.get(f"/posts/{post_id}")
    content_hash = re.search(r'name="content_hash" value="([0-9a-f]+)"', page.text).group(1)  # type: ignore[union-attr]
    response = herald.form(
        f"/posts/{post_id}/decision",
        {"decision": "approve", "content_hash": content_hash, "comment": ""},
        page=f"/posts/{post_id}",
    )
    assert response.status_code == 303, response.text
    page = herald.client.get(f"/posts/{post_id}")
    assert 'id="post-state">Approved<' in page.text
    assert "post.decided" in page.text or "approval" in page.text
