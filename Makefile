# credbot: `make run` and `make test` are all a new user needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCALES := locales
DOMAIN := credbot

.PHONY: install run test lint i18n i18n-compile bench clean

install: $(STAMP) i18n-compile

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Compiled catalogues are build products: always rebuilt from the .po files.
i18n-compile: $(STAMP)
	$(BIN)/pybabel compile --domain $(DOMAIN) --directory $(LOCALES) --statistics

run: install
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ]; then $(BIN)/credbot run; else $(BIN)/credbot chat; fi

# One test process per core, a test module's tests in the same one (its fixtures are made once).
test: install
	$(BIN)/python -m pytest -q -n auto --dist loadscope

lint: install
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/mypy --strict bot
	$(BIN)/lint-imports

# Extract strings from the code, merge them into both catalogues, compile.
i18n: $(STAMP)
	$(BIN)/pybabel extract --mapping babel.cfg --keywords N_ --keywords ngettext:1,2 --add-comments TRANSLATORS: \
		--project credbot --copyright-holder "credbot contributors" --no-location --sort-output --width 100 \
		--output-file $(LOCALES)/$(DOMAIN).pot bot
	@# A fixed creation date: the date of each extraction made every two branches conflict.
	sed -i 's/^"POT-Creation-Date: .*"$$/"POT-Creation-Date: 2026-01-01 00:00+0000\\n"/' $(LOCALES)/$(DOMAIN).pot
	$(BIN)/pybabel update --domain $(DOMAIN) --input-file $(LOCALES)/$(DOMAIN).pot --output-dir $(LOCALES) \
		--no-fuzzy-matching --ignore-obsolete --width 100
	$(BIN)/python $(LOCALES)/fill_english.py $(LOCALES)/en/LC_MESSAGES/$(DOMAIN).po
	$(MAKE) i18n-compile

bench: install
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) build *.egg-info
