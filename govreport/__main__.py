"""``python -m govreport``."""
from .cli import main

raise SystemExit(main())
