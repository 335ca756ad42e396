"""What each estimator assumes, and when a table is too sparse for any of them."""

from types import MappingProxyType

import numpy as np

from palermo_analytics.estimation._design import observed_on_pairs
from palermo_analytics.estimation._table import CaptureHistories

# Fewer people than this on two or more lists leaves every method guessing at the overlaps; fewer
# than FEW_RECAPTURED gives intervals that rest on the model more than on the data.
MIN_RECAPTURED = 10
FEW_RECAPTURED = 30

ASSUMPTIONS = MappingProxyType(
    {
        "stepwise": (
            "log-linear model (SparseMSE): everyone on a list has the same chance of being on "
            "it, apart from the two-list dependences that the stepwise test (p < threshold) "
            "adds; no three-list effects; heterogeneous visibility biases it downwards"
        ),
        "main-effects": (
            "log-linear model with no interactions: lists capture independently and everyone is "
            "equally visible; rarely true, shown as a reference"
        ),
        "aic": "log-linear model, interactions chosen by AIC; otherwise as stepwise",
        "bic": "log-linear model, interactions chosen by BIC; otherwise as stepwise",
        "all-pairs": (
            "log-linear model with every two-list interaction the table can support, however "
            "weak: the dependence heterogeneous visibility creates is kept, not tested away; "
            "no three-list effects; wider intervals than stepwise"
        ),
        "heterogeneity": (
            "log-linear model with every two-list interaction the table can support and "
            "Rcapture's Poisson heterogeneity term (2^k - 1 for people on k lists): the excess "
            "of people on many lists that uneven visibility creates is read as visibility, not "
            "as dependence; much wider intervals than all-pairs, and usually a higher estimate"
        ),
        "latent-class": (
            "Bayesian latent-class model (LCMCR, Manrique-Vallier 2016): people fall into "
            "unobserved classes of different visibility, and within a class the lists capture "
            "independently; handles heterogeneity and the dependence it causes, not direct "
            "referrals between lists within a class; prior p(N) ~ 1/N"
        ),
        "bma": (
            "Bayesian model averaging over every decomposable graphical log-linear model "
            "(Madigan & York 1997, R's dga): list dependences of any order, including those "
            "heterogeneous visibility creates, weighted by how well each model fits; 3 to 6 "
            "lists; hyper-Dirichlet prior (delta = 2^-lists per cell), prior p(N) ~ 1/N"
        ),
        "stratified": (
            "the chosen method applied separately within each stratum (e.g. sex, form of "
            "exploitation) and the estimates added: removes heterogeneity that the strata "
            "explain; each stratum needs enough overlaps of its own"
        ),
        "compare": (
            "every method above on the same table; the range runs from the lowest lower bound "
            "to the highest upper bound, and is the honest answer when the methods disagree"
        ),
    }
)


def people_on_several_lists(table: CaptureHistories) -> int:
    """How many people are on two or more lists: all that any method learns the unseen from."""
    counts = table.cell_counts
    codes = np.arange(1, counts.size + 1)
    return int(counts[np.array([bin(code).count("1") > 1 for code in codes])].sum())


def sparsity_warnings(table: CaptureHistories) -> list[str]:
    """Why no method can say much: too few people seen twice, or lists that never overlap."""
    t = len(table.lists)
    counts = table.cell_counts.astype(np.float64)
    on_pairs = observed_on_pairs(t, counts)
    on_several = people_on_several_lists(table)
    if on_several == 0:
        return [
            "too sparse for any method: nobody is on two lists, so the lists say nothing about "
            "whom they all missed"
        ]
    if on_several < MIN_RECAPTURED:
        return [
            f"too sparse for any method: only {on_several} people are on two or more lists "
            f"(fewer than {MIN_RECAPTURED}); any estimate is a guess"
        ]
    if on_several < FEW_RECAPTURED:
        return [
            f"sparse data: only {on_several} people are on two or more lists; every interval "
            "rests on its model's assumptions more than on the data"
        ]
    if int(np.sum(on_pairs > 0)) < t - 1:
        return [
            "sparse data: most pairs of lists share nobody; estimates lean on the model's "
            "assumptions more than on the data"
        ]
    return []
