# The README's two commands are `make demo` and `make test`; CI runs `make test`.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test test-bare lint bench reliability app app-selftest clean

demo:
	bash scripts/bootstrap.sh gui
	$(VENV)/bin/expertscore demo

test:
	bash scripts/bootstrap.sh test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

# The suite again as on a newcomer's bare machine: no fonts at all, an empty home folder.
test-bare:
	bash scripts/bootstrap.sh test
	QT_QPA_PLATFORM=offscreen bash scripts/bare_machine.sh $(PY) -m pytest -p no:cacheprovider

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

bench:
	$(PY) -m bench

reliability:
	$(PY) -m bench.reliability

app:
	bash scripts/bootstrap.sh build
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN build.spec

# The built one-folder app runs the whole flow headless and opens its window offscreen.
app-selftest: app
	bash scripts/app_selftest.sh

clean:
	rm -rf $(VENV) build dist .pytest_cache demo-output
