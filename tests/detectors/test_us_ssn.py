from __future__ import annotations

import pytest

from detectors.detect import detections, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My SSN is 123-45-6789.", [("US_SSN", "123-45-6789")]),
        ("social security number 123 45 6789", [("US_SSN", "123 45 6789")]),
        ("SSN: 123456789", [("US_SSN", "123456789")]),
        ("Case 123-45-6789 was closed", [("US_SSN", "123-45-6789")]),
    ],
)
def test_valid_numbers(text: str, expected: list[tuple[str, str]]) -> None:
    assert found("us_ssn", text, "en") == expected


@pytest.mark.parametrize(
    "text",
    [
        "SSN 000-12-3456",  # area 000 is never issued
        "SSN 666-12-3456",  # area 666 is never issued
        "SSN 912-12-3456",  # 9xx areas are never issued
        "SSN 123-00-4567",  # group 00
        "SSN 123-45-0000",  # serial 0000
        "SSN 078-05-1120",  # the famous wallet-card number
        "Order 123456789 shipped",  # nine plain digits need context
        "SSN 123-45-67890",  # too long
    ],
)
def test_not_an_ssn(text: str) -> None:
    assert found("us_ssn", text, "en") == []


def test_grouped_without_context_scores_lower() -> None:
    (plain,) = detections("us_ssn", "ref 123-45-6789", "en")
    (named,) = detections("us_ssn", "SSN 123-45-6789", "en")
    assert plain.score < named.score
