"""Records a table carries in its ``attrs``: shared between the frames pandas derives from it.

pandas copies a frame's ``attrs`` with ``copy.deepcopy`` into every frame or column an operation
returns (``NDFrame.__finalize__``: "Copies are always deep", ``DataFrame.attrs``, pandas 2.2 and
later). The public step leaves lists of records there: ``attrs["printed"]``, every cumulative
figure the public table prints (hundreds of dicts), and ``attrs["withheld"]``. Each column a
view read, each ``to_dict``, ``iterrows`` row and mask copied them all again: three quarters of
the CPU of the public quarterly report's cells, half of the public-audience property tests'.

``Records`` is a tuple whose copies, shallow or deep, are itself. The records are complete when
made and only read after: a step that adds or changes records makes a new ``Records`` (as
``status.performance`` does to name the withheld rows' files), never changes the dicts in place,
so a frame's copy of them could never differ from the original's. Records added to records or
to a list (``printed + more``, ``seen += more``) are a new plain list, the caller's own, as two
lists' sum was. Everything else in ``attrs`` is small (council, period, years, audience) and
pandas copies it as before."""

from __future__ import annotations


class Records(tuple):
    """An immutable sequence of records (dicts, read only) that ``copy.deepcopy`` shares."""

    __slots__ = ()

    def __copy__(self) -> Records:
        return self

    def __deepcopy__(self, memo: dict) -> Records:
        return self

    def __add__(self, other) -> list:
        return [*self, *other] if isinstance(other, list | tuple) else NotImplemented

    def __radd__(self, other) -> list:
        return [*other, *self] if isinstance(other, list | tuple) else NotImplemented
