# Two commands for a fresh machine: `make run` (the pipeline on data/raw) and `make test`.
# Both install uv (pinned) if missing and sync the locked environment into .venv/ first.
UV := python3 -m uv
UV_VERSION := 0.13.8
# `make run` and `make ui` share this Dagster home, so the UI shows the CLI's runs and their checks.
DAGSTER_HOME_DIR := $(CURDIR)/.dagster

.PHONY: setup run test lint eval ui report

setup:
	@$(UV) --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv==$(UV_VERSION)" \
		|| python3 -m pip install --quiet --break-system-packages "uv==$(UV_VERSION)"
	@$(UV) sync --frozen --quiet --compile-bytecode

run: setup
	@mkdir -p $(DAGSTER_HOME_DIR) && touch $(DAGSTER_HOME_DIR)/dagster.yaml
	@DAGSTER_HOME=$(DAGSTER_HOME_DIR) $(UV) run --frozen contested run

test: setup
	@$(UV) run --frozen pytest -q

lint: setup
	@$(UV) run --frozen ruff format --check .
	@$(UV) run --frozen ruff check .

eval: setup
	@$(UV) run --frozen contested eval ../shared/corpus/dev ../shared/corpus/wide

report: setup
	@$(UV) run --frozen contested report

ui: setup
	@mkdir -p $(DAGSTER_HOME_DIR) && touch $(DAGSTER_HOME_DIR)/dagster.yaml
	@DAGSTER_HOME=$(DAGSTER_HOME_DIR) $(UV) run --frozen dagster dev -m pipelines.definitions
