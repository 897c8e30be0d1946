"""A tour of the grammar the front end must take apart."""
from __future__ import annotations
import sqlalchemy as sa

type Pair[T] = tuple[T, T]


@decorator(arg=1)
class Box[T](Base, metaclass=Meta):
    x: int = 0

    async def run(self, /, a, *args, b: int = 2, **kw) -> None:
        async with ctx() as (c, d), other():
            async for i in aiter():
                await c
        if (n := len(args)) > 1 and not a or b is not None:
            yield from args
        lambda x, *, y=1: x @ y


match command.split():
    case [action, *rest] if action in {"go", "stop"}:
        pass
    case {"k": 1, **others} | Point(x=0, y=_) as p:
        pass
    case _:
        pass

try:
    raise ValueError("x") from None
except* (TypeError, ValueError) as group:
    del group
finally:
    global_value = [i ** 2 for i in range(10) if i % 2] + [*a, *b]

s = f"{x!r:>{width}} {y=} {'nested' + f'{z}'}" rb'\d' u"é" """tri
ple""" '\N{BULLET}\x41\u00e9\U0001F600\
'
n = 0x_FF + 0o17 + 0b1010 + 1_000.5e-3j + .5
