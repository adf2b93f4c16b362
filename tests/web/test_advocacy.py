"""The advocacy pages: the library, sharing with the disclaimer added, the report."""

from __future__ import annotations

import re

from web.conftest import Herald


def _item_id(page: str) -> int:
    found = re.search(r'href="/advocacy/items/(\d+)"', page)
    assert found, "no item in the library"
    return int(found.group(1))


def _account_id(page: str) -> int:
    found = re.search(r'<option value="(\d+)"', page)
    assert found, "no account to share on"
    return int(found.group(1))


def test_an_employee_shares_with_the_disclaimer_added_in_their_language(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    herald.client.headers["Accept-Language"] = "tr"
    library = herald.client.get("/advocacy")
    assert library.status_code == 200
    assert "Şirket içeriğini paylaş" in library.text
    assert "Acme Bank yeni birikim hesabını duyurdu" in library.text
    assert "Finansal okuryazarlık haftasında" in library.text  # the newest first
    item = _item_id(library.text)
    page = herald.client.get(f"/advocacy/items/{item}").text
    assert "Görüşler bana aittir." in page
    assert "Yayımlanabilir." in page
    shared = herald.client.post(
        f"/advocacy/items/{item}/share",
        data={"account": _account_id(page), "action": "share", "csrf_token": herald.csrf()},
        follow_redirects=False,
    )
    assert shared.status_code == 303
    done = herald.client.get(shared.headers["location"]).text
    assert "@elif@mastodon.social hesabında paylaşıldı" in done
    assert "ücretsiz atölyeler var.\n\nGörüşler bana aittir.</blockquote>" in done


def test_an_edit_with_a_blocking_finding_does_not_go_out(herald: Herald) -> None:
    herald.sign_in("writer@acme.example")
    item = _item_id(herald.client.get("/advocacy").text)
    page = herald.client.get(f"/advocacy/items/{item}").text
    account = _account_id(page)
    edit = "Acme Bank is great. My TC kimlik: 10000000146"
    preview = herald.client.post(
        f"/advocacy/items/{item}/share",
        data={"account": account, "text": edit, "action": "preview", "csrf_token": herald.csrf()},
    )
    assert preview.status_code == 200
    assert 'class="verdict block"' in preview.text
    refused = herald.client.post(
        f"/advocacy/items/{item}/share",
        data={"account": account, "text": edit, "action": "share", "csrf_token": herald.csrf()},
    )
    assert refused.status_code == 400
    assert "cannot be shared" in refused.text or "paylaşılamaz" in refused.text
    assert "What I shared" not in herald.client.get("/advocacy").text


def test_the_library_and_the_report_for_the_brands_people(herald: Herald) -> None:
    herald.sign_in("viewer@acme.example")
    assert herald.client.get("/advocacy/report").status_code == 403
    assert 'action="/advocacy/items"' not in herald.client.get("/advocacy").text
    herald.sign_in("publisher@acme.example")
    herald.client.headers["Accept-Language"] = "en"
    added = herald.client.post(
        "/advocacy/items",
        data={
            "title": "Branch hours",
            "text_en": "Acme Bank branches now open on Saturdays.",
            "networks": "mastodon",
            "csrf_token": herald.csrf(),
        },
        follow_redirects=False,
    )
    assert added.status_code == 303
    assert "Branch hours" in herald.client.get("/advocacy").text
    leak = herald.client.post(
        "/advocacy/items",
        data={
            "title": "Leak",
            "text_en": "Project Falcon launches soon!",
            "csrf_token": herald.csrf(),
        },
    )
    assert leak.status_code == 400
    report = herald.client.get("/advocacy/report")
    assert report.status_code == 200
    assert 'id="advocacy-data"' in report.text
    assert "/static/vendor/chart.js/chart.umd.min.js" in report.text
    assert herald.client.get("/advocacy/items/999999").status_code == 404
    assert herald.client.get(f"/advocacy/items/{2**40}").status_code == 404
