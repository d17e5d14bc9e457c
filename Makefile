# Two commands set everything up on a fresh machine with Python 3.11+:
#   make run   – virtualenv, install, migrate, load all content, serve on http://127.0.0.1:8000
#   make test  – the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DJANGO_DEBUG ?= 1

.PHONY: run test test-preflight vnu install migrate content lint backup restore bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

content: migrate
	$(BIN)/python manage.py load_content

run: content
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# The Nu HTML Checker for the HTML-validity tests (tests/e2e), project-local and gitignored;
# .ci/run installs it the same way (make vnu).
VNU_VERSION := 26.9.27
VNU_JAR := .cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar

vnu:
	@if [ ! -f $(VNU_JAR) ]; then \
	  if command -v npm >/dev/null; then \
	    echo "== Installing the Nu HTML Checker (vnu-jar $(VNU_VERSION))"; \
	    npm install --prefix .cache/vnu --no-save --no-package-lock --no-audit --no-fund \
	      --ignore-scripts --loglevel=error vnu-jar@$(VNU_VERSION) >/dev/null \
	      || echo "make: could not install vnu-jar (no network?)"; \
	  fi; \
	fi

# One line for each group of tests this machine cannot run, naming the Debian package to add.
test-preflight:
	@command -v java >/dev/null && [ -f $(VNU_JAR) ] || echo "make test: SKIPPING the HTML-validity \
	tests: $$(command -v java >/dev/null || echo 'no Java: apt-get install default-jre-headless; ')\
	$$([ -f $(VNU_JAR) ] || echo 'no vnu.jar: apt-get install npm, then make vnu')"
	@[ -x /usr/bin/chromium ] || echo "make test: SKIPPING the browser tests: no Chromium \
	(apt-get install chromium)"

test: install vnu
	@DJANGO_DEBUG=0 $(BIN)/python -m pytest; status=$$?; \
	  $(MAKE) --no-print-directory test-preflight; exit $$status

# The checks pre-commit runs (.pre-commit-config.yaml) and CI runs first (.ci/run): every one
# runs, and lint fails if any of them finds anything. Templates are indented two spaces.
TEMPLATE_DIRS := $(strip templates $(wildcard */templates))
LINT_CHECKS := "ruff check ." "ruff format --check ." \
	"djhtml --check --tabwidth 2 $(TEMPLATE_DIRS)" "lint-imports" "python tests/test_code_shape.py"

lint: install
	@status=0; for check in $(LINT_CHECKS); do \
	  echo "== $$check"; $(BIN)/$$check || status=1; \
	done; exit $$status

# Benchmark against the physical limit; writes bench/results.md (see bench/README.md).
bench: install
	$(BIN)/python bench/run.py

# Backups (README "Backups"). On PostgreSQL (DATABASE_URL=postgres://…) a pg_dump of the whole
# database; otherwise a dumpdata JSON of the content apps and the accounts they refer to.
# Which apps: core.registry.backup_apps() (the base, every registered content type's app, the
# curators' records, tags and accounts), so a new content type needs no change here.
BACKUP_DIR ?= backups
PRINT_BACKUP_APPS = $(BIN)/python manage.py shell --no-imports --verbosity 0 \
	-c "from core.registry import backup_apps; print(*backup_apps())"

backup: install
	@mkdir -p $(BACKUP_DIR) && chmod 700 $(BACKUP_DIR)
	@stamp=$$(date +%Y%m%d-%H%M%S); umask 077; \
	case "$$DATABASE_URL" in \
	  postgres*) file=$(BACKUP_DIR)/library-$$stamp.pgdump; \
	    pg_dump --format=custom --no-owner --no-privileges --dbname="$$DATABASE_URL" \
	      --file="$$file" ;; \
	  *) file=$(BACKUP_DIR)/library-$$stamp.json; \
	    apps=$$($(PRINT_BACKUP_APPS)) && test -n "$$apps" && \
	    $(BIN)/python manage.py dumpdata $$apps --natural-foreign \
	      --indent 1 --output "$$file" ;; \
	esac && echo "Backed up to $$file"

# loaddata with history recording off: the backup already holds every history row, and
# simple_history would add one more for each many-to-many link loaddata sets.
export RESTORE_JSON = import os; from django.core.management import call_command; \
from django.test.utils import override_settings; \
override_settings(SIMPLE_HISTORY_ENABLED=False).enable(); \
call_command("loaddata", os.environ["RESTORE_FILE"])

restore: install
	@test -n "$(FILE)" || { echo "Usage: make restore FILE=backups/library-<stamp>.json|.pgdump"; exit 2; }
	@case "$(FILE)" in \
	  *.pgdump) pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction \
	      --dbname="$$DATABASE_URL" "$(FILE)" ;; \
	  *) $(BIN)/python manage.py migrate --noinput && \
	     RESTORE_FILE="$(FILE)" $(BIN)/python manage.py shell -c "$$RESTORE_JSON" ;; \
	esac
	@$(BIN)/python manage.py shell -c "from core.cache import bump_content_generation as b; b()"
	@echo "Restored $(FILE)"
