"""One catalogue of errors.  Every message names the input and what to do."""

from __future__ import annotations


class DetenteError(Exception):
    """An error a user can act on: ``code``, the message, and the input it concerns."""

    def __init__(self, code: str, message: str, *, input: str | None = None, field: str | None = None):
        self.code = code
        self.message = message
        self.input = input
        self.field = field
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.input:
            where = f"{self.input}: "
        if self.field:
            where += f"{self.field}: "
        return f"{where}{self.message}"


class InputError(DetenteError):
    """Bad input: a file, URL, manifest line or parameter that cannot be used."""

    def __init__(self, input: str, message: str, *, field: str | None = None, code: str = "E100"):
        super().__init__(code, message, input=input, field=field)


class StoreError(DetenteError):
    """The store cannot be opened, migrated or written."""

    def __init__(self, message: str, *, input: str | None = None, code: str = "E200"):
        super().__init__(code, message, input=input)
