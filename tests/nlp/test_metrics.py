from herald.nlp.metrics import evaluate


def test_macro_f1_and_confusion() -> None:
    gold = ["a", "a", "b", "b"]
    predicted = ["a", "b", "b", "b"]
    report = evaluate(gold, predicted, ["a", "b"])
    assert report.accuracy == 0.75
    assert report.confusion == ((1, 1), (0, 2))
    assert report.per_class["a"].precision == 1.0
    assert report.per_class["a"].recall == 0.5
    assert abs(report.per_class["b"].f1 - 0.8) < 1e-9
    assert abs(report.macro_f1 - (2 / 3 + 0.8) / 2) < 1e-9
