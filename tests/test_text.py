import unicodedata

from desk_app.text import fold, nfc


def test_nfc_normalises_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh Tuyết")
    assert decomposed != "Nguyễn Thị Ánh Tuyết"
    assert nfc(f"  {decomposed} ") == "Nguyễn Thị Ánh Tuyết"


def test_fold_removes_diacritics_including_d_bar():
    assert fold("Đặng Văn Ấn") == "dang van an"
    assert fold("NGUYỄN   văn  AN") == "nguyen van an"
    assert fold(None) == ""
