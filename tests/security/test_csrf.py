from herald.security.csrf import CsrfTokens


def test_token_is_valid_for_its_session_only() -> None:
    tokens = CsrfTokens("k" * 40)
    token = tokens.issue("session-a")
    assert tokens.is_valid("session-a", token)
    assert not tokens.is_valid("session-b", token)


def test_token_from_another_key_or_garbage_is_invalid() -> None:
    token = CsrfTokens("k" * 40).issue("s")
    assert not CsrfTokens("x" * 40).is_valid("s", token)
    for bad in (None, "", "no-dot", "a.b"):
        assert not CsrfTokens("k" * 40).is_valid("s", bad)
