"""`python -m mirror`: serve the local mirror until Ctrl-C."""

from mirror.server import main

raise SystemExit(main())
