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


def test_author_edits_a_post_with_changes_requested_and_resubmits(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    listing = herald.client.get("/posts?state=changes_requested").text
    post_id = int(re.search(r'href="/posts/(\d+)"', listing).group(1))  # type: ignore[union-attr]
    page = herald.client.get(f"/posts/{post_id}/edit")
    assert "barato" in page.text
    version = re.search(r'name="version" value="(\d+)"', page.text).group(1)  # type: ignore[union-attr]
    account_id = re.search(
        r'name="account_ids" value="(\d+)" [^>]*checked', page.text.replace("\n", " ")
    )
    assert account_id
    response = herald.form(
        f"/posts/{post_id}/edit",
        {
            "text": "Este producto es asequible y sin coste el primer año.",
            "account_ids": account_id.group(1),
            "version": version,
            "action": "submit",
        },
        page=f"/posts/{post_id}/edit",
    )
    assert response.status_code == 303, response.text
    page = herald.client.get(f"/posts/{post_id}").text
    assert 'id="post-state">In review<' in page
    assert "No findings: the post meets the policy." in page


def test_a_stale_edit_is_refused_and_the_text_is_kept(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    listing = herald.client.get("/posts?state=draft").text
    post_id = int(re.search(r'href="/posts/(\d+)"', listing).group(1))  # type: ignore[union-attr]
    response = herald.form(
        f"/posts/{post_id}/edit",
        {"text": "My careful new wording.", "version": "0", "action": "draft"},
        page=f"/posts/{post_id}/edit",
    )
    assert response.status_code == 400
    assert "My careful new wording." in response.text
    assert 'class="flash error"' in response.text


def test_submitting_without_an_account_keeps_the_draft_text(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    response = herald.form("/compose", {"text": "Words I do not want to lose.", "action": "submit"})
    assert response.status_code == 400
    assert "Words I do not want to lose." in response.text


def test_publisher_schedules_an_approved_post_for_a_time(herald: Herald) -> None:
    herald.sign_in("publisher@acme.example")
    listing = herald.client.get("/posts?state=approved").text
    post_id = int(re.search(r'href="/posts/(\d+)"', listing).group(1))  # type: ignore[union-attr]
    response = herald.form(
        f"/posts/{post_id}/schedule", {"at": "2030-01-02T09:30"}, page=f"/posts/{post_id}"
    )
    assert response.status_code == 303, response.text
    page = herald.client.get(f"/posts/{post_id}").text
    assert 'id="post-state">Scheduled<' in page
    assert "Jan 2, 2030" in page
    response = herald.form(f"/posts/{post_id}/schedule", {"at": "soon"}, page=f"/posts/{post_id}")
    assert response.status_code == 400


def test_a_contributor_cannot_schedule(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    listing = herald.client.get("/posts?state=approved").text
    post_id = int(re.search(r'href="/posts/(\d+)"', listing).group(1))  # type: ignore[union-attr]
    assert f'action="/posts/{post_id}/schedule"' not in herald.client.get(f"/posts/{post_id}").text
    response = herald.form(f"/posts/{post_id}/schedule", {}, page=f"/posts/{post_id}")
    assert response.status_code == 403  # refused by the service: the role may not
    assert 'class="flash error"' in response.text
