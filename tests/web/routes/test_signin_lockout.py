"""Sign-in lockout: per account and per address, normalised, in the database, no enumeration."""

from collections.abc import Callable

from fastapi.testclient import TestClient

from herald.web.app import create_app
from herald.web.settings import Settings
from web.conftest import CSRF, Herald

SECRET = "test-secret-" + "x" * 40


def _client(herald: Herald, address: str) -> TestClient:
    return TestClient(herald.client.app, client=(address, 40000))


def _attempt(client: TestClient, email: str, password: str) -> int:
    page = client.get("/signin")
    found = CSRF.search(page.text)
    assert found
    response = client.post(
        "/signin",
        data={"csrf_token": found.group(1), "email": email, "password": password},
        follow_redirects=False,
    )
    return response.status_code


def test_spellings_of_one_address_share_one_counter(herald: Herald) -> None:
    client = _client(herald, "198.51.100.1")
    spellings = [
        "Publisher@ACME.example",
        "ＰＵＢＬＩＳＨＥＲ@acme.example",  # full-width
        "publiſher@acme.example",  # long s
        " publisher@acme.example ",
        "PUBLISHER@acme.EXAMPLE",
    ]
    for spelling in spellings:
        assert _attempt(client, spelling, "wrong-password") == 401
    other = _client(herald, "198.51.100.2")
    right = herald.passwords["publisher@acme.example"]
    assert _attempt(other, "publisher@acme.example", right) == 429


def test_a_full_width_spelling_signs_in_to_the_same_person(herald: Herald) -> None:
    client = _client(herald, "198.51.100.3")
    right = herald.passwords["viewer@acme.example"]
    assert _attempt(client, "ＶＩＥＷＥＲ@ACME.EXAMPLE", right) == 303


def test_a_stranger_never_locks_the_owner_out_of_a_known_browser(herald: Herald) -> None:
    owner = _client(herald, "198.51.100.10")
    right = herald.passwords["approver@acme.example"]
    assert _attempt(owner, "approver@acme.example", right) == 303  # the browser is now known
    owner.cookies.delete("herald_session")
    stranger = _client(herald, "203.0.113.66")
    for _ in range(5):
        assert _attempt(stranger, "approver@acme.example", "guess") == 401
    assert _attempt(stranger, "approver@acme.example", right) == 429
    newcomer = _client(herald, "198.51.100.11")
    assert _attempt(newcomer, "approver@acme.example", right) == 429
    assert _attempt(owner, "approver@acme.example", right) == 303


def test_a_success_does_not_reset_the_address(herald: Herald) -> None:
    """16 guesses in 20 requests used to pass by signing in to one's own account between."""
    attacker = _client(herald, "203.0.113.7")
    own = herald.passwords["agent@acme.example"]
    statuses = []
    for round_ in range(5):
        for victim in ("owner", "admin", "compliance", "writer"):
            statuses.append(_attempt(attacker, f"{victim}{round_}@acme.example", "guess"))
        assert _attempt(attacker, "agent@acme.example", own) in (303, 429)
        attacker.cookies.delete("herald_session")
    # 20 failures from one address (4 x the account threshold): the address waits.
    assert statuses[:19] == [401] * 19
    assert _attempt(attacker, "nobody-else@acme.example", "guess") == 429


def test_unknown_accounts_get_the_same_answers_as_known_ones(herald: Herald) -> None:
    known = _client(herald, "198.51.100.20")
    unknown = _client(herald, "198.51.100.21")
    known_answers = [_attempt(known, "viewer@acme.example", "guess") for _ in range(6)]
    unknown_answers = [_attempt(unknown, "ghost@acme.example", "guess") for _ in range(6)]
    assert known_answers == unknown_answers == [401] * 5 + [429]
    a = known.post("/signin", data={"csrf_token": "x"}).status_code
    b = unknown.post("/signin", data={"csrf_token": "x"}).status_code
    assert a == b


def test_the_lock_survives_a_restart_and_holds_in_a_second_process(
    make_herald: Callable[[], Herald],
) -> None:
    herald = make_herald()
    client = _client(herald, "198.51.100.30")
    for _ in range(5):
        assert _attempt(client, "writer@acme.example", "guess") == 401
    # Another web process (or this one restarted) on the same database.
    second = TestClient(
        create_app(Settings(secret_key=SECRET), workspace=herald.workspace),
        client=("198.51.100.31", 40000),
    )
    right = herald.passwords["writer@acme.example"]
    response_status = _attempt(second, "writer@acme.example", right)
    assert response_status == 429
