"""Every user-facing GUI string is translatable and translated to English; the English build loads."""

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

ROOT = Path(__file__).resolve().parents[1]


def test_every_gui_string_has_an_english_translation():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def test_english_translation_is_used_when_the_language_is_english(qapp, desk, clerk):
    from ui.app import install_translator
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner

    translator = install_translator(qapp, "en")
    try:
        assert translator is not None
        tasks = TaskRunner()
        window = MainWindow(desk, tasks, clerk)
        assert window.tabs.tabText(0) == "Receive dossier (F2)"
        window.close()
        tasks.wait_idle()
    finally:
        QCoreApplication.removeTranslator(translator)
