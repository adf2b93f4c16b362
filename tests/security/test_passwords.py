from herald.security import passwords


def test_hash_is_argon2id_and_verifies() -> None:
    stored = passwords.hash_password("correct horse battery staple")
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password(stored, "correct horse battery staple")
    assert not passwords.verify_password(stored, "correct horse battery stapl")
    assert not passwords.needs_rehash(stored)


def test_hashes_from_other_parameters_verify_and_need_rehash() -> None:
    from argon2 import PasswordHasher

    stored = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(
        "uzun-bir-parola-123"
    )
    assert passwords.verify_password(stored, "uzun-bir-parola-123")
    assert passwords.needs_rehash(stored)


def test_malformed_hash_is_a_mismatch_not_a_crash() -> None:
    assert not passwords.verify_password("not-a-hash", "whatever")


def test_short_password_is_refused_with_the_length_message() -> None:
    report = passwords.check_strength("abc")
    assert not report.acceptable
    assert report.problems == (passwords.TOO_SHORT,)


def test_common_password_is_refused_with_zxcvbn_feedback() -> None:
    report = passwords.check_strength("password1234")
    assert not report.acceptable
    assert report.problems[0] == passwords.TOO_WEAK
    assert all(p in passwords.ZXCVBN_MESSAGES or p == passwords.TOO_WEAK for p in report.problems)


def test_user_inputs_count_as_guessable() -> None:
    assert (
        passwords.check_strength("ayseyilmaz2024").score
        > passwords.check_strength("ayseyilmaz2024", user_inputs=["ayse", "yilmaz"]).score
    )


def test_long_random_passphrase_is_accepted() -> None:
    report = passwords.check_strength("kestane-vapur-limon-47-gölge")
    assert report.acceptable
    assert report.problems == ()


def test_generated_first_passwords_are_readable_and_strong() -> None:
    generated = {passwords.generate_password() for _ in range(50)}
    assert len(generated) == 50
    for password in generated:
        groups = password.split("-")
        assert [len(g) for g in groups] == [4, 4, 4, 4]
        assert not set(password) & set("0O1lI_")
    assert passwords.check_strength(next(iter(generated))).acceptable


def test_shipped_parameters_are_argon2id_one_lane_above_owasp_minimum() -> None:
    from argon2 import Type

    params = passwords.PARAMETERS
    assert params.type is Type.ID
    assert params.parallelism == 1
    assert params.memory_cost >= 47_104  # OWASP: at least 46 MiB with one pass
    assert params.time_cost >= 2
