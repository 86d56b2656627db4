"""Qt's own dialogs in the UI language: file and print dialogs, context menus, standard buttons.

Qt ships base translations (``qtbase_<lang>.qm`` in ``QLibraryInfo.TranslationsPath``) for some
languages but not Vietnamese, so :func:`install_qt_translations` loads

1. Qt's ``qtbase_<lang>.qm`` where the wheel has one (English, French, …), then
2. our ``resources/translations/qt_<lang>.qm`` over it — the Vietnamese of Qt's context strings
   (QFileDialog, QFileSystemModel, QPrintDialog, QPrintPreviewDialog, QPageSetupWidget,
   QPrintSettingsOutput, QLineEdit / QWidgetTextControl context menus, QPlatformTheme and
   QDialogButtonBox buttons, QMessageBox, QWizard, QInputDialog).

To change a Vietnamese string edit ``resources/translations/qt_vi.ts`` (Qt Linguist, or by hand) and
compile it: ``.venv/bin/pyside6-lrelease resources/translations/qt_vi.ts``. (Where the desktop
supplies its own native file or print dialog, the desktop translates it.)
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from resources import RESOURCES_DIR


def _candidates(language: str) -> list[str]:
    """"vi_VN" → ["vi_VN", "vi"]."""
    language = (language or "vi").replace("-", "_")
    base = language.split("_")[0]
    return [language, base] if base != language else [language]


def install_qt_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install Qt's base translations and ours for *language*; returns the translators installed."""
    installed: list[QTranslator] = []
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = RESOURCES_DIR / "translations"
    for prefix, folder in (("qtbase_", qt_folder), ("qt_", str(ours))):
        for name in _candidates(language):
            translator = QTranslator(app)
            if translator.load(prefix + name, folder):
                app.installTranslator(translator)
                installed.append(translator)
                break
    return installed
