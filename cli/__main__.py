"""`python -m cli` is the `sct` command."""

import sys

from cli.main import main

sys.exit(main())
