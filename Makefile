# Two commands matter: `make run` (start the app) and `make test` (run the whole suite).
# Both set everything up first, and both are idempotent.

VENV   := .venv
PYTHON ?= python3
STAMP  := $(VENV)/.installed

.PHONY: run test setup system-deps translations benchmarks clean

setup: system-deps $(STAMP)

system-deps:
	@bash scripts/setup-system.sh

# Re-install only when the dependency list changes.
$(STAMP): pyproject.toml
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --upgrade pip
	$(VENV)/bin/python -m pip install -q -e '.[test]'
	@touch $(STAMP)

# Starts the GUI on the embedded default (SQLite in the user's data folder, training mode).
# On a machine without a screen it uses a virtual one (Xvfb) so the app still starts.
run: setup
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then $(VENV)/bin/desk-app gui; \
	else echo "Không có màn hình: chạy trên màn hình ảo Xvfb"; xvfb-run -a $(VENV)/bin/desk-app gui; fi

test: setup
	$(VENV)/bin/python -m pytest

translations: setup
	$(VENV)/bin/python scripts/update_translations.py

benchmarks: setup
	$(VENV)/bin/python -m pip install -q -e '.[test,bench]'
	@echo "Xem docs/PERFORMANCE.md: mỗi số liệu kèm lệnh đo của nó (benchmarks/*.py)."

clean:
	rm -rf $(VENV) .pytest_cache
