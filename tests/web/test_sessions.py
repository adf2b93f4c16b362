from herald.web.sessions import Session, SessionCodec


def test_round_trip_keeps_every_field() -> None:
    codec = SessionCodec("k" * 40, 3600)
    session = Session.anonymous("tr").signed_in(7)
    assert codec.loads(codec.dumps(session)) == session


def test_signing_in_rotates_the_session_id() -> None:
    anonymous = Session.anonymous()
    pending = anonymous.awaiting_second_factor(3)
    full = pending.signed_in(3)
    assert len({anonymous.sid, pending.sid, full.sid}) == 3
    assert pending.person_id is None
    assert pending.pending_person_id == 3
    assert full.person_id == 3
    assert full.pending_person_id is None
    assert full.signed_out().person_id is None


def test_forged_or_foreign_cookies_are_ignored() -> None:
    cookie = SessionCodec("k" * 40, 3600).dumps(Session.anonymous().signed_in(1))
    assert SessionCodec("other" * 8, 3600).loads(cookie) is None
    assert SessionCodec("k" * 40, 3600).loads(cookie[:-2] + "xx") is None
    assert SessionCodec("k" * 40, 3600).loads("") is None


def test_expired_cookie_is_ignored() -> None:
    codec = SessionCodec("k" * 40, -1)
    assert codec.loads(codec.dumps(Session.anonymous().signed_in(1))) is None
