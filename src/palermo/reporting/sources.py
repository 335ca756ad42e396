"""The figure-source registry: every figure the annual report shows is registered here.

An app adds its figures from its AppConfig.ready(), so the report picks them up without a change
to this app, and this app needs no change to the other:

    class CoordinationConfig(AppConfig):
        def ready(self) -> None:
            from palermo.reporting import sources
            from palermo.coordination.statistics import FIGURES, TREND_MEASURES

            sources.register(*FIGURES)
            sources.register_trend(*TREND_MEASURES)

See CONTRIBUTING.md, "How to add a report figure".
"""

from palermo.reporting.definitions import Figure, Measure, Section

SECTION_ORDER = [
    Section.PROSECUTION,
    Section.PROTECTION,
    Section.PREVENTION,
    Section.FUNDING,
    Section.QUALITY,
]

_figures: dict[str, Figure] = {}
_trend_measures: dict[str, Measure] = {}


def register(*figures: Figure) -> None:
    """Add figures to the report; registering a key again replaces it (reloads stay harmless)."""
    for figure in figures:
        _figures[figure.key] = figure


def register_trend(*measures: Measure) -> None:
    """Add measures to the five-year trend table and chart."""
    for measure in measures:
        _trend_measures[measure.code] = measure


def figures() -> list[Figure]:
    """Every registered figure, section by section, in the order registered."""
    return sorted(_figures.values(), key=lambda f: SECTION_ORDER.index(f.section))


def figure(key: str) -> Figure | None:
    return _figures.get(key)


def trend_measures() -> list[Measure]:
    return list(_trend_measures.values())


def unregister(key: str) -> None:
    """Take a figure out (tests that register one of their own clean up with this)."""
    _figures.pop(key, None)
    _trend_measures.pop(key, None)
