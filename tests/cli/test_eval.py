import json
from pathlib import Path

from click.testing import CliRunner

from herald.cli import cli

ROWS = [
    ("Sen tam bir salaksın, şerefsiz", "OFF", "tr"),
    ("Bugün hava çok güzel", "NOT", "tr"),
    ("You are a fucking idiot", "1", "en"),
    ("See you at the conference tomorrow", "0", "en"),
]


def test_eval_tsv_prints_scores_per_language(tmp_path: Path) -> None:
    path = tmp_path / "tiny.tsv"
    lines = ["text\tlabel\tlang"] + ["\t".join(row) for row in ROWS]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--task", "offensive", str(path)])
    assert result.exit_code == 0, result.output
    assert "== offensive / all: n=4  accuracy=1.000  macro-F1=1.000" in result.output
    assert "== offensive / tr: n=2" in result.output
    assert "== offensive / en: n=2" in result.output
    assert "confusion (rows gold, columns predicted):" in result.output


def test_eval_jsonl_as_json(tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    path.write_text(
        "\n".join(json.dumps({"text": t, "label": lab, "lang": lg}) for t, lab, lg in ROWS),
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["eval", "--task", "offensive", "--json", str(path)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["all"]["n"] == 4
    assert scores["all"]["confusion"] == [[2, 0], [0, 2]]
    assert scores["all"]["per_class"]["offensive"]["recall"] == 1.0


def test_eval_rejects_unknown_label_with_line_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("hello\tmaybe\ten\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--task", "sentiment", str(path)])
    assert result.exit_code != 0
    assert "bad.tsv:1: label 'maybe'" in result.output


def test_eval_rejects_invalid_utf8(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_bytes(b"caf\xe9\tpositive\n")
    result = CliRunner().invoke(cli, ["eval", "--task", "sentiment", str(path)])
    assert result.exit_code != 0
    assert "not valid UTF-8" in result.output


def test_eval_detects_language_when_the_file_has_none(tmp_path: Path) -> None:
    path = tmp_path / "nolang.tsv"
    path.write_text(
        "Bu ürünü çok sevdim, herkese tavsiye ederim\tpositive\n"
        "Worst service I have ever had, never again\tnegative\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["eval", "--task", "sentiment", str(path)])
    assert result.exit_code == 0, result.output
    assert "== sentiment / tr: n=1" in result.output
    assert "== sentiment / en: n=1" in result.output


def _policy_file(tmp_path: Path, rows: list[dict[str, object]]) -> Path:
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def test_eval_policy_scores_categories_and_clean_false_alarms(tmp_path: Path) -> None:
    path = _policy_file(
        tmp_path,
        [
            {
                "text": "Studies show remote teams are 20% happier.",
                "expected": ["attribution"],
                "lang": "en",
            },
            {"text": "Never share your password, not even with us.", "expected": [], "lang": "en"},
            {"text": "Hafta sonu çok güzeldi, sahilde yürüdük.", "expected": [], "lang": "tr"},
            {
                "text": "Summer sandals, super cheap this week only",
                "expected": ["brand_voice"],
                "lang": "en",
                "account_type": "brand",
            },
        ],
    )
    result = CliRunner().invoke(cli, ["eval", "--task", "policy", "--json", str(path)])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["all"]["n"] == 4
    assert scores["all"]["clean"] == 3  # a wording suggestion alone is still a clean post
    assert scores["all"]["false_alarms"] == 0
    assert scores["en"]["categories"]["attribution"]["recall"] == 1.0
    assert scores["en"]["categories"]["brand_voice"]["tp"] == 1
    assert scores["tr"]["n"] == 1


def test_eval_policy_lists_errors(tmp_path: Path) -> None:
    path = _policy_file(
        tmp_path, [{"text": "Studies show we are the best.", "expected": [], "lang": "en"}]
    )
    result = CliRunner().invoke(cli, ["eval", "--task", "policy", "--errors", str(path)])
    assert result.exit_code == 0, result.output
    assert "clean FP rate=1.000" in result.output
    assert "extra=['attribution']: Studies show we are the best." in result.output


def test_eval_policy_rejects_unknown_category_with_line(tmp_path: Path) -> None:
    path = _policy_file(tmp_path, [{"text": "hello", "expected": ["rudeness"]}])
    result = CliRunner().invoke(cli, ["eval", "--task", "policy", str(path)])
    assert result.exit_code != 0
    assert "posts.jsonl:1: unknown categories ['rudeness']" in result.output
