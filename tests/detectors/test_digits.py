from __future__ import annotations

from herald.detectors.digits import digit_runs, is_tc_kimlik


def test_runs_and_windows() -> None:
    text = "Sipariş 12345 64255503426'dır"
    (run,) = list(digit_runs(text))
    assert text[run.start : run.end] == "12345 64255503426"
    windows = list(run.windows(frozenset({11})))
    assert [(text[w.start : w.end], w.digits, w.groups) for w in windows] == [
        ("64255503426", "64255503426", 1)
    ]


def test_runs_skip_codes_and_short_numbers() -> None:
    assert list(digit_runs("ABC123 123abc")) == []
    assert [r.start for r in digit_runs("a 12 b 123456789012", min_digits=11)] == [7]


def test_non_ascii_digits_are_read() -> None:
    (run,) = list(digit_runs("٦٤٢٥٥٥٠٣٤٢٦"))
    assert [w.digits for w in run.windows(frozenset({11}))] == ["64255503426"]


def test_tc_kimlik_check() -> None:
    assert is_tc_kimlik("64255503426")
    assert not is_tc_kimlik("64255503427")
    assert not is_tc_kimlik("04255503426")


def test_long_lists_of_numbers_are_not_searched() -> None:
    text = " ".join(["1"] * 30)
    (run,) = list(digit_runs(text))
    assert list(run.windows(frozenset({11}))) == []
