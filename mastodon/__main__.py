"""``python -m mastodon``: the command line (see :mod:`mastodon.cli`)."""
import sys

from mastodon.cli import main

sys.exit(main())
