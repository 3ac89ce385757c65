from tests.utils.stack import fake, stack  # noqa: F401  (fixtures)
