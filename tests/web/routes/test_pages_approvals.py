"""The approval queue with context, oldest first, and on to the next item after deciding."""

from __future__ import annotations

import re

from web.conftest import Herald


def _queue(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<li class="card" data-post="(\d+)">', page)]


def test_approver_works_the_queue_to_empty(herald: Herald) -> None:
    herald.sign_in("approver@acme.example")
    page = herald.client.get("/approvals").text
    queue = _queue(page)
    assert len(queue) >= 2
    assert re.search(r'class="q-author">[^<]+<', page)
    assert re.search(r'class="q-account">[^<]+\((mastodon|bluesky|x|[a-z]+)\)', page)
    assert re.search(r'class="q-findings">\d+ findings?<', page)
    assert 'class="q-waiting">' in page
    seen = []
    current = queue[0]
    while True:
        post = herald.client.get(f"/posts/{current}").text
        content_hash = re.search(r'name="content_hash" value="([0-9a-f]+)"', post)
        assert content_hash, f"no decision form on post {current}"
        blocked = "cannot be approved until" in post
        decision = "request_changes" if blocked else "approve"
        answer = herald.form(
            f"/posts/{current}/decision",
            {
                "decision": decision,
                "content_hash": content_hash.group(1),
                "comment": "Please reword this.",
            },
            page=f"/posts/{current}",
        )
        assert answer.status_code == 303, answer.text
        seen.append(current)
        location = answer.headers["location"]
        assert location.endswith(f"done={decision}&decided={current}")
        landed = herald.client.get(location).text
        if location.startswith("/approvals"):
            assert 'id="queue-empty"' in landed
            assert f"(post #{current})" in landed
            break
        assert "Next in your queue: this post." in landed
        current = int(re.match(r"/posts/(\d+)\?", location).group(1))  # type: ignore[union-attr]
        assert current not in seen
    assert sorted(seen) == sorted(queue)
