"""``python -m tests.fakellm``: serve the fake upstream (default replies)."""

from tests.fakellm.server import main

main()
