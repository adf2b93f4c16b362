import csv
import io
import itertools
import json

from sqlalchemy import update
from sqlalchemy.orm import Session

from herald.store.models import AuditEntry
from web.conftest import Herald


def _headers(herald: Herald, email: str) -> dict[str, str]:
    person_id = herald.workspace.person_id_for_email(email)
    assert person_id is not None
    _, plaintext = herald.workspace.credentials.issue_token(person_id, "test", ["audit:read"])
    return {"Authorization": f"Bearer {plaintext}"}


def test_export_jsonl_and_csv_and_verify(herald: Herald) -> None:
    headers = _headers(herald, "compliance@acme.example")
    response = herald.client.get("/api/v1/audit/export?format=jsonl", headers=headers)
    assert response.status_code == 200
    entries = [json.loads(line) for line in response.text.splitlines()]
    assert entries[0]["action"] == "org.created"
    assert {"post.created", "policy.activated"} <= {e["action"] for e in entries}
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(entries))
    response = herald.client.get("/api/v1/audit/export?format=csv", headers=headers)
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(entries)
    report = herald.client.get("/api/v1/audit/verify", headers=headers).json()
    assert report["ok"] is True
    assert report["entries"] == len(entries)


def test_date_range_and_bad_dates(herald: Herald) -> None:
    headers = _headers(herald, "compliance@acme.example")
    response = herald.client.get("/api/v1/audit/export?end=2000-01-01T00:00:00", headers=headers)
    assert response.text == ""
    response = herald.client.get("/api/v1/audit/export?start=yesterday", headers=headers)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"] == "start"


def test_contributors_cannot_export(herald: Herald) -> None:
    response = herald.client.get(
        "/api/v1/audit/export", headers=_headers(herald, "writer@acme.example")
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "role_needed"


def _second_org(herald: Herald) -> int:
    from herald.services import orgs

    def create(session: Session) -> int:
        org, _ = orgs.create_organisation(
            session, "Globex", "owner@globex.example", "Gloria Globex"
        )
        return org.id

    return herald.workspace.write(create)


def test_another_organisation_never_reads_or_verifies_yours(herald: Herald) -> None:
    globex = _second_org(herald)
    mine = herald.client.get(
        "/api/v1/audit/export", headers=_headers(herald, "compliance@acme.example")
    ).text
    acme_entries = [json.loads(line) for line in mine.splitlines()]
    acme_org = acme_entries[0]["org_id"]
    theirs_headers = _headers(herald, "owner@globex.example")
    theirs = [
        json.loads(line)
        for line in herald.client.get(
            "/api/v1/audit/export", headers=theirs_headers
        ).text.splitlines()
    ]
    assert {e["org_id"] for e in theirs} == {globex}
    assert {e["org_id"] for e in acme_entries} == {acme_org}
    assert "acme.example" not in json.dumps(theirs)
    csv_rows = herald.client.get(
        "/api/v1/audit/export?format=csv", headers=theirs_headers
    ).text.splitlines()
    assert len(csv_rows) == len(theirs) + 1
    report = herald.client.get("/api/v1/audit/verify", headers=theirs_headers).json()
    assert (report["ok"], report["entries"]) == (True, len(theirs))
    # Tampering with Acme's log is Acme's finding, not Globex's (and names no Acme entry).
    with herald.workspace.sessions() as session, session.begin():
        session.execute(
            update(AuditEntry).where(AuditEntry.seq == acme_entries[3]["seq"]).values(actor="x")
        )
    assert herald.client.get("/api/v1/audit/verify", headers=theirs_headers).json()["ok"]
    acme_report = herald.client.get(
        "/api/v1/audit/verify", headers=_headers(herald, "compliance@acme.example")
    ).json()
    assert [p["kind"] for p in acme_report["problems"]] == ["altered"]
