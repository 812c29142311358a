# The README's two commands are `make demo` and `make test`; CI runs `make test`.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test lint bench clean

demo:
	bash scripts/bootstrap.sh gui
	$(VENV)/bin/expertscore demo

test:
	bash scripts/bootstrap.sh test
	$(VENV)/bin/ruff check .
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench:
	$(PY) -m bench

clean:
	rm -rf $(VENV) build dist .pytest_cache
