"""Splitting the gain of cooperation: Shapley value (exact or sampled), the proportional rule, and the
checks of individual rationality and the core."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass


def coalitions(n: int) -> list[tuple[int, ...]]:
    """Every non-empty coalition of players 0..n-1, smallest first."""
    return [c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)]


def shapley_exact(n: int, v) -> list[float]:
    """phi_i = sum over S not containing i of |S|! (n-|S|-1)! / n! * (v(S+i) - v(S)); v(()) = 0."""
    phi = [0.0] * n
    fact = math.factorial
    for i in range(n):
        others = [k for k in range(n) if k != i]
        for size in range(n):
            weight = fact(size) * fact(n - size - 1) / fact(n)
            for S in itertools.combinations(others, size):
                with_i = tuple(sorted(S + (i,)))
                phi[i] += weight * (v(with_i) - (v(S) if S else 0.0))
    return phi


def permutations_sample(n: int, samples: int, seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    out = []
    for _ in range(samples):
        order = list(range(n))
        rng.shuffle(order)
        out.append(order)
    return out


def prefixes(orders: list[list[int]]) -> set[tuple[int, ...]]:
    return {tuple(sorted(order[:k])) for order in orders for k in range(1, len(order) + 1)}


def shapley_sampled(n: int, v, orders: list[list[int]]) -> tuple[list[float], list[float]]:
    """Mean marginal contribution over sampled orders, and its standard error per player."""
    contrib = [[] for _ in range(n)]
    for order in orders:
        before: tuple[int, ...] = ()
        for i in order:
            after = tuple(sorted(before + (i,)))
            contrib[i].append(v(after) - (v(before) if before else 0.0))
            before = after
    mean = [sum(c) / len(c) for c in contrib]
    se = [math.sqrt(sum((x - mu) ** 2 for x in c) / (len(c) - 1) / len(c)) if len(c) > 1 else float("nan")
          for c, mu in zip(contrib, mean)]
    return mean, se


def proportional(gain: float, weights: list[float]) -> list[float]:
    total = sum(weights)
    return [gain * w / total if total else gain / len(weights) for w in weights]


@dataclass
class CoreCheck:
    in_core: bool
    worst: tuple[int, ...] | None  # coalition with the largest shortfall
    shortfall: float  # v(S) - sum of its members' allocations, at the worst coalition (> tol: blocks)
    checked: int  # coalitions checked


def core_check(values: dict[tuple[int, ...], float], allocation: list[float], tol: float) -> CoreCheck:
    """Every coalition S must get at least v(S): sum_{i in S} x_i >= v(S) - tol."""
    worst, shortfall = None, -math.inf
    for S, vS in values.items():
        short = vS - sum(allocation[i] for i in S)
        if short > shortfall:
            worst, shortfall = S, short
    return CoreCheck(shortfall <= tol, worst, shortfall, len(values))
