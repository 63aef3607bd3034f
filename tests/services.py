"""Where the suite finds the services and tools some tests need (Chromium, axe-core, the Nu
HTML Checker); `conftest.py` skips or fails the tests whose service is missing."""

import os
from pathlib import Path

IN_CI = bool(os.environ.get("CI"))
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
