"""The comparison basket: the items chosen so far, checked against what is published."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Basket:
    slugs: tuple
    labels: dict
    messages: tuple


def check(finder, state):
    """The basket's published items (one query), and a message for each slug that is not."""
    if not state.basket:
        return Basket((), {}, ())
    labels = finder.basket_labels(list(state.basket))
    messages = tuple(
        f"We removed “{slug}” from your comparison: there is no such published {finder.noun[0]}."
        for slug in state.basket
        if slug not in labels
    )
    return Basket(tuple(s for s in state.basket if s in labels), labels, messages)
