"""Which scanned page is the declaration, and that it is read once per procedure and page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from PySide6.QtCore import QObject, Signal

from desk_app.eforms.schema import load_schema
from desk_app.services.page_components import PageInfo
from ui.eform_declaration import DeclarationReader


class _Signals(QObject):
    pageTextRead = Signal(str, str)
    assignmentsChanged = Signal()
    pagesChanged = Signal()
    procedureChosen = Signal(object)


class _Tasks:
    def __init__(self) -> None:
        self.jobs = []

    def run_work(self, fn, on_done, on_error):  # noqa: ANN001, ANN201
        self.jobs.append(fn)
        try:
            on_done(fn())
        except Exception as exc:  # noqa: BLE001 - as the work lane reports it
            on_error(exc)


def _panel(qapp, texts, assignments=None):  # noqa: ANN001, ANN202
    signals = _Signals()
    pages = [SimpleNamespace(page_id=f"p{i}", path=Path(f"/spool/p{i}.png"), blank=False) for i in range(len(texts))]
    scan = SimpleNamespace(pageTextRead=signals.pageTextRead, assignmentsChanged=signals.assignmentsChanged,
                           pagesChanged=signals.pagesChanged, pages=lambda: pages,
                           page_infos=lambda: [PageInfo(p.page_id, t) for p, t in zip(pages, texts)],
                           page_assignments=lambda: dict(assignments or {}))
    used = []
    status = SimpleNamespace(text="", setText=lambda t: setattr(status, "text", t))
    panel = QObject()
    panel.scan_panel = scan
    panel.picker = SimpleNamespace(procedureChosen=signals.procedureChosen)
    panel.eform = SimpleNamespace(schema=load_schema("1.001193"))
    panel.procedure = SimpleNamespace(code="1.001193")
    panel.counter_pages = SimpleNamespace(slots=[SimpleNamespace(code="GT01", name="Tờ khai đăng ký khai sinh theo mẫu"),
                                                 SimpleNamespace(code="GT02", name="Giấy chứng sinh")])
    panel.tasks = _Tasks()
    panel.status_label = status
    panel.use_declaration = lambda result, code: used.append((code, result))
    return panel, signals, used


def test_the_page_carrying_the_forms_title_is_read_once(qapp):
    texts = ["GIẤY CHỨNG SINH ...", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỜ KHAI ĐĂNG KÝ KHAI SINH\nKính gửi: ..."]
    panel, signals, used = _panel(qapp, texts)
    reads = []
    reader = DeclarationReader(panel, reader=lambda path, code: reads.append((str(path), code)) or
                               {"child_name": ("Phạm Minh An", 0.95, True)})
    signals.pageTextRead.emit("p1", texts[1])
    assert reads == [("/spool/p1.png", "1.001193")]
    assert used and used[0][0] == "1.001193"
    assert panel.status_label.text.startswith("Đã đọc tờ khai đã quét: 1 giá trị")
    signals.pagesChanged.emit()
    assert len(reads) == 1, "the same page for the same procedure is not read again"
    assert reader is not None


def test_a_page_assigned_to_the_declaration_component_wins(qapp):
    texts = ["TỜ KHAI ĐĂNG KÝ KHAI SINH (bản cũ)", "chữ viết tay khó đọc"]
    panel, signals, _used = _panel(qapp, texts, assignments={"p1": "GT01"})
    reads = []
    DeclarationReader(panel, reader=lambda path, code: reads.append(str(path)) or {})
    signals.assignmentsChanged.emit()
    assert reads == ["/spool/p1.png"]


def test_a_page_that_cannot_be_read_leaves_a_message(qapp):
    from scanning.form_extraction import FormExtractionError

    texts = ["TỜ KHAI ĐĂNG KÝ KHAI SINH"]
    panel, signals, used = _panel(qapp, texts)

    def broken(path, code):  # noqa: ANN001, ANN202
        raise FormExtractionError("Ảnh quá mờ.")

    DeclarationReader(panel, reader=broken)
    signals.pageTextRead.emit("p0", texts[0])
    assert not used
    assert panel.status_label.text == "Không đọc được tờ khai đã quét (Ảnh quá mờ.); hãy nhập các trường."


def test_no_procedure_or_no_declaration_reads_nothing(qapp):
    panel, signals, _used = _panel(qapp, ["GIẤY CHỨNG SINH"])
    reads = []
    DeclarationReader(panel, reader=lambda path, code: reads.append(path) or {})
    signals.pageTextRead.emit("p0", "GIẤY CHỨNG SINH")
    panel.procedure = None
    signals.procedureChosen.emit(None)
    assert reads == []


def test_a_photographed_declaration_says_every_value_is_for_the_clerk_to_confirm(qapp):
    from scanning.form_extraction import ExtractionResult

    texts = ["TỜ KHAI ĐĂNG KÝ KHAI SINH\nKính gửi: ..."]
    panel, signals, used = _panel(qapp, texts)
    photo = ExtractionResult(values={"child_name": "Phạm Minh An", "child_gender": "Nam"},
                             confidence={"child_name": 0.6, "child_gender": 0.6},
                             sure={"child_name": False, "child_gender": False}, photographed=True)
    DeclarationReader(panel, reader=lambda path, code: photo)
    signals.pageTextRead.emit("p0", texts[0])
    assert used and used[0][1] is photo
    assert panel.status_label.text.startswith("Đã đọc ảnh chụp tờ khai: 2 giá trị, tất cả là ô vàng")
