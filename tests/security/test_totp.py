from herald.security import totp

NOW = 1_700_000_000.0


def test_current_code_verifies_and_returns_its_step() -> None:
    secret = totp.new_secret()
    code = totp.current_code(secret, at=NOW)
    assert totp.verify_code(secret, code, at=NOW) == int(NOW // 30)


def test_one_step_of_drift_is_tolerated_two_are_not() -> None:
    secret = totp.new_secret()
    assert totp.verify_code(secret, totp.current_code(secret, at=NOW - 30), at=NOW) is not None
    assert totp.verify_code(secret, totp.current_code(secret, at=NOW - 90), at=NOW) is None


def test_replayed_code_is_refused() -> None:
    secret = totp.new_secret()
    code = totp.current_code(secret, at=NOW)
    step = totp.verify_code(secret, code, at=NOW)
    assert totp.verify_code(secret, code, at=NOW, last_used_step=step) is None


def test_malformed_codes_are_refused() -> None:
    secret = totp.new_secret()
    for bad in ("", "12345", "1234567", "abcdef", "١٢٣٤٥٦"):
        assert totp.verify_code(secret, bad, at=NOW) is None


def test_provisioning_uri_names_issuer_and_account() -> None:
    uri = totp.provisioning_uri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "ayse@example.com")
    assert uri.startswith("otpauth://totp/Herald:ayse%40example.com?")
    assert "issuer=Herald" in uri


def test_recovery_codes_are_unique_hashed_and_match_loosely() -> None:
    codes = totp.generate_recovery_codes(10)
    assert len(set(codes)) == 10
    hashes = [totp.hash_recovery_code(c) for c in codes]
    assert codes[0] not in hashes[0]
    # Spaces and capitals from a hand-typed code do not matter.
    typed = codes[3].upper().replace("-", " ")
    assert totp.match_recovery_code(typed, hashes) == hashes[3]
    assert totp.match_recovery_code("aaaa-bbbb-cccc", hashes) is None
