# Packdesk: `make run` opens the app on a demo database, `make test` runs the whole suite.
# Both set everything up first: system packages (with apt-get when root, or named exactly
# when not), a virtual environment in .venv, the Python and npm test dependencies.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PACKDESK := $(VENV)/bin/packdesk
STAMPS := $(VENV)/.stamps

# Debian/Ubuntu packages: Qt's X11/EGL/font libraries for a real window, the PostgreSQL
# server binaries the tests start, Node.js for the independent ZPL renderer, socat for
# serial tests, poppler for PDF checks, CUPS (cupsd and its socket backend; lp, lpstat,
# lpadmin) for the cups:// tests, which start a private cupsd of their own; faketime
# for make test-next-year.
SYSTEM_PACKAGES := python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 \
	libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
	libxcb-xkb1 libnss3 libasound2 libpulse0 fontconfig fonts-dejavu-core \
	postgresql socat poppler-utils cups cups-client faketime
# Node.js and npm only when the machine has no npm (NodeSource's nodejs bundles its own)
NODE_PACKAGES := $(if $(shell command -v npm),,nodejs npm)

.PHONY: run test test-next-year bench lint typecheck venv node-deps clean translations dist \
	screenshots

run: venv
	$(PACKDESK) demo --if-empty  # (creates or upgrades the database as it opens it)
	$(PACKDESK) gui

test: venv node-deps
	$(VENV)/bin/ruff check app ui printers tests
	$(VENV)/bin/ruff format --check app ui printers tests
	$(VENV)/bin/mypy app printers ui
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

# the whole suite with the calendar a year ahead (libfaketime): no test may pass or fail
# with today's date. The monotonic clock stays real, so timed waits keep their length;
# tests/next_year/sitecustomize.py works around libfaketime's trouble with time.sleep
test-next-year: venv node-deps
	FAKETIME_DONT_FAKE_MONOTONIC=1 PYTHONPATH=tests/next_year QT_QPA_PLATFORM=offscreen \
		faketime -f '+365d' $(VENV)/bin/pytest -q -p no:cacheprovider

bench: venv node-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.benchmarks $(BENCH)

# PNGs of the board, an order's detail and the wall display at 1366x705 and 1920x1080,
# in English and Chinese, from a fresh demo database: look at them after a change
screenshots: venv
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.screenshots $(or $(OUT),screenshots)

lint: venv
	$(VENV)/bin/ruff check app ui printers tests

typecheck: venv
	$(VENV)/bin/mypy app printers ui

venv: $(STAMPS)/python

$(STAMPS)/system: Makefile
	@missing=""; for p in $(SYSTEM_PACKAGES) $(NODE_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing system packages:$$missing"; \
			apt-get -o DPkg::Lock::Timeout=300 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends $$missing; \
		else \
			echo "Packdesk needs these system packages; please run:"; \
			echo "  sudo apt-get install$$missing"; exit 1; \
		fi; \
	fi
	@mkdir -p $(STAMPS) && touch $@

$(STAMPS)/python: $(STAMPS)/system pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	@mkdir -p $(STAMPS) && touch $@

# the independent ZPL renderer used by the printing tests (npm, pinned by its lock file)
NODE_PROJECT := $(wildcard tests/printers/zpl/package.json)
node-deps: $(if $(NODE_PROJECT),$(STAMPS)/node)

$(STAMPS)/node: $(STAMPS)/system tests/printers/zpl/package.json
	cd tests/printers/zpl && npm ci --no-audit --no-fund --silent
	@mkdir -p $(STAMPS) && touch $@

clean:
	rm -rf $(VENV) tests/printers/zpl/node_modules

# after changing words in ui/: refresh the Chinese catalogue, translate, compile
translations: venv
	$(VENV)/bin/pyside6-lupdate ui/*.py ui/*/*.py -ts resources/translations/packdesk_zh_CN.ts -no-obsolete
	$(VENV)/bin/pyside6-lrelease resources/translations/packdesk_zh_CN.ts \
		-qm resources/translations/packdesk_zh_CN.qm

# a self-contained folder in dist/packdesk (PyInstaller); see installer/README.md
dist: venv
	$(PY) -m pip install -q pyinstaller
	$(VENV)/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build installer/packdesk.spec
