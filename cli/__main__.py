"""`python -m cepa_kg.cli`: the `cepa-kg` command."""

import sys

from cepa_kg.cli import main

sys.exit(main())
