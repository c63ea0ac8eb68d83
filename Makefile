# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test serve install migrate seed demo lint messages clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[test]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py load_seed

demo: migrate
	$(PY) manage.py demo_accounts

run: seed demo
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

serve: seed
	$(PY) manage.py collectstatic --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-0} $(VENV)/bin/gunicorn crm.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-4}

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

messages: install
	$(PY) manage.py makemessages --locale zh_Hans --ignore '.venv/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --locale zh_Hans --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
