"""Evaluation on material made independently of the readers (issue 14).

Each tier lives in its own module ``tier_<name>.py`` beside this file and exposes

    TIERS: tuple[str, ...]                      # the tier names it evaluates
    def evaluate(split: str, limit: int | None = None) -> list[TierResult]

``split`` is ``"dev"`` (look at it as much as you like), ``"frozen"``, ``"holdout"`` or ``"holdout2"`` (never
inspected page by page while developing: only their summary figures are printed). Generators draw their seeds from
their own seed space, disjoint between splits (see ``results.seed_range``). ``evaluate.py`` finds
the tier modules, runs them and prints the table.
"""
