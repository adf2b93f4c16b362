from __future__ import annotations

from detectors.detect import detections, found

BLOCK = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM2Kz\n-----END RSA PRIVATE KEY-----"


def test_complete_block() -> None:
    assert found("private_key", f"key: {BLOCK} thanks", "en") == [("PRIVATE_KEY", BLOCK)]


def test_cut_off_block() -> None:
    text = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ"
    (d,) = detections("private_key", text, "en")
    assert (d.start, d.end) == (0, len(text))
    assert d.validation == "block without its END line"


def test_public_key_is_fine() -> None:
    assert found("private_key", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkq", "en") == []
