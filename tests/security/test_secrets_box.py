"""Connection settings at rest: encrypted, rotatable, never printed."""

from __future__ import annotations

import logging

import pytest

from herald.security.secrets_box import SecretsBox, SecretsBoxError

OLD = "old-key-0123456789-0123456789-0123456789"
NEW = "new-key-9876543210-9876543210-9876543210"


def test_round_trip_and_ciphertext_hides_the_value() -> None:
    box = SecretsBox([NEW])
    token = box.encrypt({"access_token": "tok-ŞÇ-123", "base_url": "https://x.social"})
    assert "tok-" not in token
    assert dict(box.decrypt(token)) == {
        "access_token": "tok-ŞÇ-123",
        "base_url": "https://x.social",
    }


def test_each_encryption_differs() -> None:
    box = SecretsBox([NEW])
    assert box.encrypt({"a": "b"}) != box.encrypt({"a": "b"})


def test_rotation_old_values_open_then_move_to_the_new_key() -> None:
    stored = SecretsBox([OLD]).encrypt({"access_token": "t"})
    both = SecretsBox([NEW, OLD])
    assert both.decrypt(stored)["access_token"] == "t"
    rotated = both.rotate(stored)
    assert SecretsBox([NEW]).decrypt(rotated)["access_token"] == "t"
    with pytest.raises(SecretsBoxError):
        SecretsBox([OLD]).decrypt(rotated)


def test_a_removed_key_is_a_clear_error_not_garbage() -> None:
    stored = SecretsBox([OLD]).encrypt({"access_token": "t"})
    with pytest.raises(SecretsBoxError, match="rotation"):
        SecretsBox([NEW]).decrypt(stored)
    with pytest.raises(SecretsBoxError):
        SecretsBox([NEW]).decrypt("not a token at all ☃")


def test_keys_are_required_and_long() -> None:
    with pytest.raises(SecretsBoxError):
        SecretsBox([])
    with pytest.raises(SecretsBoxError, match="number 2"):
        SecretsBox.from_setting(f"{NEW}, short")
    assert SecretsBox.from_setting(f" {NEW} ,{OLD}").decrypt(SecretsBox([OLD]).encrypt({"k": "v"}))


def test_nothing_secret_in_repr_str_or_logs(caplog: pytest.LogCaptureFixture) -> None:
    box = SecretsBox([NEW])
    settings = box.decrypt(box.encrypt({"access_token": "hunter2-token"}))
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("herald").info("connected with %s via %s", settings, box)
    for shown in (repr(settings), str(settings), repr(box), caplog.text):
        assert "hunter2" not in shown
        assert NEW not in shown
    assert "access_token=***" in repr(settings)
