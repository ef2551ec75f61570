"""`python -m bot.analysis` = `borderdesk analyze`."""
from __future__ import annotations

import sys

from bot.analysis.report import main

sys.exit(main(sys.argv[1:]))
