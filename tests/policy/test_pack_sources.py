"""Where a pack's ``extends`` may lead: never out of the pack's directory, never to a device,
and from an upload or a stored version never to the file system at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from herald import PolicyError, Problem, load_policy, validate_policy

SECRET = "root:SECRET-LINE:0:0\n"


def _codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "outside" / "shadow.yaml"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


@pytest.mark.parametrize("target", ["/etc/passwd", "/dev/zero", "/proc/self/environ"])
def test_an_upload_cannot_extend_a_file(target: str) -> None:
    problems = validate_policy("upload.yaml", text=f"herald: 1\nextends: {target}\n")
    assert _codes(problems) == ["extends_upload"]
    assert (problems[0].line, problems[0].column) == (2, 10)
    assert "root:" not in str(problems[0].message("en"))


def test_an_upload_cannot_extend_a_relative_path(
    secret_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(secret_file.parent)
    problems = validate_policy("upload.yaml", text="herald: 1\nextends: shadow.yaml\n")
    assert _codes(problems) == ["extends_upload"]


def test_a_file_on_disk_cannot_extend_outside_its_directory(
    tmp_path: Path, secret_file: Path
) -> None:
    pack = tmp_path / "pack" / "a.yaml"
    pack.parent.mkdir()
    for ref in (str(secret_file), "../outside/shadow.yaml", "~/x.yaml"):
        pack.write_text(f"herald: 1\nextends: {ref}\n", encoding="utf-8")
        problems = validate_policy(pack)
        assert _codes(problems) == ["extends_outside"], ref
        assert all("SECRET" not in p.message("en") for p in problems)


def test_a_symbolic_link_out_of_the_directory_is_refused(tmp_path: Path, secret_file: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "parent.yaml").symlink_to(secret_file)
    (pack / "a.yaml").write_text("herald: 1\nextends: parent.yaml\n", encoding="utf-8")
    assert _codes(validate_policy(pack / "a.yaml")) == ["extends_outside"]


def test_devices_and_fifos_are_refused_without_reading(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(pack / "fifo.yaml")  # opening it for reading would block this test for ever
    for name in ("zero.yaml", "fifo.yaml"):
        (pack / "a.yaml").write_text(f"herald: 1\nextends: {name}\n", encoding="utf-8")
        problems = validate_policy(pack / "a.yaml")
        assert "not_regular_file" in _codes(problems) or "extends_outside" in _codes(problems)
    assert _codes(validate_policy(pack / "fifo.yaml")) == ["not_regular_file"]
    assert _codes(validate_policy(Path("/dev/zero"))) == ["not_regular_file"]


def test_a_file_inside_the_directory_still_extends(tmp_path: Path) -> None:
    (tmp_path / "base.yaml").write_text(
        "herald: 1\nextends: herald:default\nname: Base\n", encoding="utf-8"
    )
    (tmp_path / "a.yaml").write_text("herald: 1\nextends: base.yaml\n", encoding="utf-8")
    policy = load_policy(tmp_path / "a.yaml")
    assert policy.name == "Base"
    assert any(f.startswith("herald:default/") for f in policy.files)
    assert len(policy.texts) == len(policy.files)


def test_a_stored_version_resolves_among_its_own_files_only(secret_file: Path) -> None:
    files = {
        "team/a.yaml": "herald: 1\nextends: base.yaml\n",
        "team/base.yaml": "herald: 1\nextends: herald:default\nname: Stored base\n",
    }
    assert load_policy("team/a.yaml", files=files).name == "Stored base"
    for ref in (str(secret_file), "../../outside/shadow.yaml"):
        hostile = {"a.yaml": f"herald: 1\nextends: {ref}\n"}
        with pytest.raises(PolicyError) as info:
            load_policy("a.yaml", files=hostile)
        assert "SECRET" not in str(info.value)
        assert "extends_outside" in _codes(info.value.problems)


def test_built_in_names_cannot_climb_out_of_the_packs() -> None:
    for ref in ("herald:../../etc", "herald:", "herald:default/../default"):
        problems = validate_policy("upload.yaml", text=f"herald: 1\nextends: '{ref}'\n")
        assert _codes(problems) == ["unknown_builtin_pack"], ref
