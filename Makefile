# Two commands do all the set-up: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test

.PHONY: demo test postgres bench lint clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,postgres,dev]'
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/borderdesk demo

# The suite runs on SQLite files and, through BORDERDESK_TEST_PG, on the local PostgreSQL server.
test: $(STAMP) postgres
	BORDERDESK_TEST_PG=$(PG_URL) BORDERDESK_ALLOW_PRIVATE_NETWORKS=1 $(PY) -m pytest -q -p no:cacheprovider

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || \
	  (pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -n1) main start && sleep 2) || \
	  echo "warning: could not start PostgreSQL; its tests will fail"

bench: $(STAMP)
	$(PY) bench/analyze.py
	$(PY) bench/poll.py --feeds 1000
	$(PY) bench/commands.py --scale 0.1

lint: $(STAMP)
	$(VENV)/bin/ruff check bot handlers tests bench
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) build *.egg-info
