"""``python -m migdal_core``: see :mod:`migdal_core.cli`."""

import sys

from migdal_core.cli import main

sys.exit(main())
