"""The built-in figures of the annual report, registered like any other app's."""

from palermo.reporting import sources


def register_built_in_figures() -> None:
    from palermo.reporting.figures import measures, prevention, prosecution, protection, quality

    sources.register(*prosecution.FIGURES, *protection.FIGURES, *prevention.FIGURES)
    sources.register(*quality.FIGURES)
    sources.register_trend(
        measures.PRESUMED,
        measures.IDENTIFIED,
        measures.INVESTIGATIONS,
        measures.PROSECUTED,
        measures.CONVICTED,
        measures.SCREENINGS,
    )
