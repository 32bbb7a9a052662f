"""The CLI's user-error type (its own module so that `python -m cepa_kg.cli` and the installed
`cepa-kg` script raise and catch the same class)."""


class CliError(Exception):
    """A user error: printed as `cepa-kg: error: ...`, exit status 2."""
