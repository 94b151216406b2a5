# Two commands on a fresh machine:
#   make run    install and start the app (SQLite, one process, demo kit)
#   make test   install everything the tests need and run all of them
.PHONY: run test lint vendor i18n

run:
	bash scripts/setup.sh
	.venv/bin/facilitator serve

test:
	bash scripts/setup.sh --test
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/python -m pytest

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

vendor:
	python3 scripts/vendor.py

i18n:
	bash scripts/i18n.sh
