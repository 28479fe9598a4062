"""``python -m newsframe`` is the ``newsframe`` command."""

from .cli import main

raise SystemExit(main())
