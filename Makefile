# One file for the everyday tasks. Each target sets up .venv itself when needed.
DEMO_DB ?= demo.db
PERIOD ?= 2024-01
PORTFOLIO = .venv/bin/portfolio --db $(DEMO_DB)

.PHONY: demo test lint format bench setup clean

setup:
	@scripts/bootstrap

## The main job: the demo portfolio in a local SQLite file and its board report for January 2024,
## in the terminal, as one HTML file, as the PDF board pack and as an Excel workbook.
demo: setup
	@$(PORTFOLIO) db upgrade
	@$(PORTFOLIO) demo
	@mkdir -p out
	@$(PORTFOLIO) report build --period $(PERIOD) --format html -o out/virksomhetsrapport-$(PERIOD).html --force
	@$(PORTFOLIO) report build --period $(PERIOD) --format pdf -o out/virksomhetsrapport-$(PERIOD).pdf --force
	@$(PORTFOLIO) report build --period $(PERIOD) --format xlsx -o out/virksomhetsrapport-$(PERIOD).xlsx --force
	@$(PORTFOLIO) report build --period $(PERIOD)

## The whole test suite, on SQLite and (when a server answers) PostgreSQL.
test:
	@scripts/run-tests

## ruff, then mypy on the core and the five section plugins ([tool.mypy] in pyproject.toml lists them).
lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy

## The benchmark suite: each figure beside its baseline (see docs/performance.md).
bench: setup
	.venv/bin/python -m benchmarks --sizes 1000,10000,100000

format: setup
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

clean:
	rm -rf .venv $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
