"""A malformed or inconsistent declaration is answered with problems that name file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from registre.declarations.service import load
from registre.errors import DeclarationInvalid, NotFound, Problem
from tests.conftest import minimal_data

Write = Callable[..., Path]


def problems(path: Path) -> list[Problem]:
    """The problems of the declaration at `path` (it must not load)."""
    with pytest.raises(DeclarationInvalid) as caught:
        load(path)
    return caught.value.problems


def line_of(path: Path, text: str) -> int:
    """The 1-based line of the first line of `path` containing `text`."""
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_mistyped_field_is_named_with_its_line_and_a_suggestion(write_declaration: Write) -> None:
    data = minimal_data()
    data["activities"][0]["legal_base"] = data["activities"][0].pop("legal_bases")
    path = write_declaration(data)
    [problem] = problems(path)
    assert problem.place.file == str(path)
    assert problem.place.line == line_of(path, "legal_base:")
    assert problem.place.field == "activities[0].legal_base"
    assert "legal_bases" in problem.text("en")
    assert "vouliez-vous dire" in problem.text("fr")


def test_a_value_outside_the_allowed_list_names_the_allowed_values(write_declaration: Write) -> None:
    data = minimal_data()
    data["activities"][1]["legal_bases"][0]["basis"] = "consentement"
    [problem] = problems(write_declaration(data))
    assert problem.place.field == "activities[1].legal_bases[0].basis"
    assert "legitimate_interests" in problem.text("en")
    assert "« consentement » n'est pas admis" in problem.text("fr")


def test_a_duration_without_a_unit_is_explained(write_declaration: Write) -> None:
    data = minimal_data()
    data["activities"][0]["retention"][0]["duration"] = "3"
    [problem] = problems(write_declaration(data))
    assert problem.place.field == "activities[0].retention[0].duration"
    assert "3 years" in problem.text("en")


def test_a_missing_required_field_is_named(write_declaration: Write) -> None:
    data = minimal_data()
    del data["activities"][0]["purpose"]
    [problem] = problems(write_declaration(data))
    assert problem.place.field == "activities[0].purpose"
    assert problem.text("fr") == "Ce champ est obligatoire et manque."


def test_an_unknown_reference_is_named_with_what_is_declared(write_declaration: Write) -> None:
    data = minimal_data()
    data["activities"][0]["recipients"].append("marketing")
    path = write_declaration(data)
    [problem] = problems(path)
    assert problem.place.field == "activities[0].recipients[2]"
    assert problem.place.line == line_of(path, "- marketing")
    assert problem.text("en") == "'marketing' is not a declared recipient; declared: sales, host."


def test_a_legal_basis_for_a_subject_outside_the_activity_is_refused(write_declaration: Write) -> None:
    data = minimal_data()
    data["activities"][0]["legal_bases"][0]["subjects"] = ["prospect"]
    [problem] = problems(write_declaration(data))
    assert problem.place.field == "activities[0].legal_bases[0].subjects[0]"


def test_a_custom_data_category_needs_a_label_and_a_register_row(write_declaration: Write) -> None:
    data = minimal_data()
    data["data_categories"].append("whatsapp_exchanges")
    found = problems(write_declaration(data))
    assert {p.place.field for p in found} == {"data_categories[3]"}
    assert len(found) == 2


def test_an_unknown_retention_event_is_refused(write_declaration: Write) -> None:
    data = minimal_data()
    data["activities"][0]["retention"][0]["from"] = "end_of_time"
    [problem] = problems(write_declaration(data))
    assert problem.place.field == "activities[0].retention[0].from"
    assert "last_connection" in problem.text("en")


def test_an_unknown_country_is_refused(write_declaration: Write) -> None:
    data = minimal_data()
    data["activities"][0]["transfers"] = [{"country": "Atlantis", "safeguards": ["scc"]}]
    [problem] = problems(write_declaration(data))
    assert problem.place.field == "activities[0].transfers[0].country"


def test_yaml_syntax_errors_give_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("policy:\n  version: [1\ncontroller: x\n")
    [problem] = problems(path)
    assert problem.place.line is not None
    assert "not valid YAML" in problem.text("en")


def test_a_file_that_is_not_a_mapping_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n")
    [problem] = problems(path)
    assert "mapping" in problem.text("en")


def test_a_missing_path_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFound):
        load(tmp_path / "nowhere.yaml")


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    problems(tmp_path)


class TestFolder:
    def split(self, folder: Path, write: Write) -> dict[str, Any]:
        data = minimal_data()
        second = {"activities": [data["activities"].pop()], "marketing": data.pop("marketing")}
        folder.mkdir()
        write(data, "folder/a-organisation.yaml")
        write(second, "folder/b-newsletter.yaml")
        return data

    def test_files_of_a_folder_are_merged(self, tmp_path: Path, write_declaration: Write) -> None:
        self.split(tmp_path / "folder", write_declaration)
        declared = load(tmp_path / "folder")
        assert [a.id for a in declared.declaration.activities] == ["orders", "newsletter"]

    def test_problems_in_a_merged_file_name_that_file_and_its_line(self, tmp_path: Path,
                                                                    write_declaration: Write) -> None:
        self.split(tmp_path / "folder", write_declaration)
        second = tmp_path / "folder" / "b-newsletter.yaml"
        second.write_text(second.read_text().replace("basis: consent", "basis: nope"))
        [problem] = problems(tmp_path / "folder")
        assert problem.place.file == str(second)
        assert problem.place.line == line_of(second, "basis: nope")
        assert problem.place.field == "activities[1].legal_bases[0].basis"

    def test_a_field_given_in_two_files_is_refused(self, tmp_path: Path, write_declaration: Write) -> None:
        self.split(tmp_path / "folder", write_declaration)
        (tmp_path / "folder" / "c.yaml").write_text("controller:\n  name: Autre SAS\n")
        [problem] = problems(tmp_path / "folder")
        assert problem.place.file.endswith("c.yaml")
        assert "a-organisation.yaml" in problem.text("en")
