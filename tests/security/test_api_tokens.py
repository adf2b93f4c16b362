import pytest

from herald.security import api_tokens


def test_issued_token_parses_back_and_matches_only_its_hash() -> None:
    issued = api_tokens.issue()
    parsed = api_tokens.parse(issued.plaintext)
    assert parsed is not None
    token_id, secret = parsed
    assert token_id == issued.token_id
    assert secret not in issued.secret_hash
    assert api_tokens.secret_matches(secret, issued.secret_hash)
    assert not api_tokens.secret_matches(secret + "x", issued.secret_hash)


@pytest.mark.parametrize("bad", ["", "hrd_", "hrd__x", "abc_1_2", "Bearer xyz"])
def test_foreign_strings_do_not_parse(bad: str) -> None:
    assert api_tokens.parse(bad) is None


def test_scopes_are_checked() -> None:
    assert api_tokens.check_scopes(["scan", "scan", "posts:read"]) == ("scan", "posts:read")
    with pytest.raises(api_tokens.UnknownScopeError, match="root"):
        api_tokens.check_scopes(["scan", "root"])
