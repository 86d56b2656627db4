"""desk-app read-id / extract-form."""

from __future__ import annotations

import json
import random

import pytest

from desk_app.cli import main


def _card_images(tmp_path, seed: int = 41):
    from benchmarks.identity_corpus import draw_back, draw_front, flatbed, make_person

    rng = random.Random(seed)
    person = make_person(rng)
    folder = tmp_path / "Thẻ căn cước"
    folder.mkdir()
    front, back = folder / "mặt trước.png", folder / "mặt sau.png"
    flatbed(draw_front(person, rng), rng).save(front)
    flatbed(draw_back(person, rng), rng).save(back)
    return person, front, back


@pytest.mark.slow
def test_read_id_front_and_back(tmp_path, capsys):
    person, front, back = _card_images(tmp_path)
    assert main(["read-id", str(front), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == "qr"
    assert data["id_number"] == person.id_number
    assert data["full_name"] == person.full_name
    assert data["dob"] == person.dob.isoformat()
    assert data["gender"] == person.gender
    assert data["place_of_residence"] == person.place_of_residence
    assert data["issue_date"] == person.issue_date.isoformat()
    assert data["warnings"] == []
    assert set(data) <= {"source", "id_number", "old_id", "full_name", "dob", "gender", "place_of_residence",
                         "issue_date", "expiry_date", "mrz_valid", "warnings"}
    assert ("old_id" in data) == bool(person.old_id)

    assert main(["read-id", str(back), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == "mrz" and data["mrz_valid"] is True
    assert data["id_number"] == person.id_number
    assert data["dob"] == person.dob.isoformat()
    assert ("expiry_date" in data) == bool(person.expiry_date)
    assert "place_of_residence" not in data and "issue_date" not in data


def test_read_id_on_a_blank_page_is_a_user_error(tmp_path, capsys):
    from PIL import Image

    path = tmp_path / "trắng.png"
    Image.new("RGB", (800, 500), "white").save(path)
    assert main(["read-id", str(path), "--json"]) == 2
    assert "Không đọc được" in capsys.readouterr().err


def test_extract_form_unknown_procedure(tmp_path, capsys):
    from PIL import Image

    path = tmp_path / "tờ khai.png"
    Image.new("L", (100, 100), 255).save(path)
    assert main(["extract-form", str(path), "--procedure", "9.999999", "--json"]) == 2
    assert "9.999999" in capsys.readouterr().err


@pytest.mark.slow
def test_extract_form_json(tmp_path, capsys):
    from benchmarks.identity_corpus import draw_declaration, make_declaration_values

    rng = random.Random(5)
    values = make_declaration_values(rng)
    path = tmp_path / "tờ khai.png"
    draw_declaration(values, rng).save(path)
    assert main(["extract-form", str(path), "--procedure", "1.001193", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"fields", "confidence", "sure", "photographed"}
    assert data["photographed"] is False          # a scan: what the reader is sure of is filled in
    assert set(data["fields"]) == set(data["confidence"]) == set(data["sure"])
    assert all(0 <= c <= 1 for c in data["confidence"].values())
    assert data["fields"]["father_id_number"] == values["father_id_number"]


def test_a_front_alone_is_not_searched_for_an_mrz_but_both_sides_on_one_scan_are(tmp_path, monkeypatch):
    """The QR of a front says everything: the seconds an MRZ search costs are spent only when the image
    shows three lines that may be the zone (a back beside the front on one scan adds the expiry date).
    Some fronts' own text passes that quick look (4 of 12 drawn fronts): those are searched as before."""
    from PIL import Image

    from desk_app.eforms import id_card

    person, front, back = _card_images(tmp_path, seed=40)   # a front whose text does not pass for an MRZ
    searched = []
    real = id_card.read_mrz
    monkeypatch.setattr(id_card, "read_mrz", lambda image, today=None: searched.append(1) or real(image, today))
    reading = id_card.read_card_image(front)
    assert reading.id_number == person.id_number and searched == []

    both = tmp_path / "Thẻ căn cước" / "hai mặt.png"
    with Image.open(front) as a, Image.open(back) as b:
        page = Image.new("RGB", (max(a.width, b.width), a.height + b.height + 40), "white")
        page.paste(a, (0, 0))
        page.paste(b, (0, a.height + 40))
        page.save(both)
    reading = id_card.read_card_image(both)
    assert searched == [1] and reading.mrz_valid
    assert reading.expiry_date == person.expiry_date
