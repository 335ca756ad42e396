"""`palermo export ctdc|dp-tables|budget`: releases to partners, and the committee's ε budget."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from palermo.audit.log import record_event
from palermo.exchange.exports import ReleaseRefused, export_ctdc, export_dp_tables
from palermo.exchange.files import report_path
from palermo.exchange.management.commands._common import acting_user, add_actor_argument, share
from palermo.exchange.models import REGISTRY_DATASET, PrivacyBudget
from palermo_analytics.disclosure import Policy
from palermo_analytics.progress import stage_progress_bar


class Command(BaseCommand):
    help = (
        "Release the registry's data to partners: a k-anonymous, l-diverse CTDC file "
        "(ctdc), differentially private count tables (dp-tables), or set the privacy budget "
        "(budget)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        kinds = parser.add_subparsers(dest="kind", required=True)
        ctdc = kinds.add_parser("ctdc", help="one CTDC row per victim, k-anonymous and l-diverse")
        _years_and_out(ctdc)
        ctdc.add_argument("--k", type=int, default=11, help="smallest class size (CTDC: 11)")
        ctdc.add_argument("--l", type=int, default=2, help="distinct sensitive values per class")
        ctdc.add_argument("--suppress-max", default="5%", help="largest share of rows dropped")
        add_actor_argument(ctdc)
        tables = kinds.add_parser("dp-tables", help="differentially private count tables")
        _years_and_out(tables)
        tables.add_argument("--epsilon", type=float, required=True, help="ε for all tables")
        add_actor_argument(tables)
        budget = kinds.add_parser("budget", help="set the ε the committee allows for a year")
        budget.add_argument("--year", type=int, required=True)
        budget.add_argument("--epsilon", type=float, required=True)
        add_actor_argument(budget)

    def handle(self, *args: Any, **options: Any) -> None:
        user = acting_user(options)
        if options["kind"] == "budget":
            self._set_budget(user, options)
            return
        years = range(options["from"], options["to"] + 1)
        if not years:
            raise CommandError(f"--from {options['from']} is after --to {options['to']}")
        out: Path = options["out"]
        try:
            with stage_progress_bar(f"export {options['kind']}") as progress:
                if options["kind"] == "ctdc":
                    self._ctdc(user, years, out, options, progress)
                else:
                    self._dp(user, years, out, options, progress)
        except (ReleaseRefused, ValidationError) as error:
            message = error.messages[0] if isinstance(error, ValidationError) else str(error)
            raise CommandError(f"refused, nothing written: {message}") from None

    def _ctdc(
        self, user: Any, years: range, out: Path, options: dict[str, Any], progress: Any
    ) -> None:
        if options["k"] < 2 or options["l"] < 1:
            raise CommandError("--k must be 2 or more and --l 1 or more")
        policy = Policy(options["k"], options["l"], share(options["suppress_max"]))
        export = export_ctdc(user, years, policy, out, progress)
        done = export.report["transformation"]
        check = export.report["independent_check"]
        self.stdout.write(
            f"{export.reference}: {export.released:,} of {export.persons:,} victims released to "
            f"{out} ({done['share_suppressed']:.1%} suppressed)\n"
            f"  generalisation: "
            + ", ".join(f"{name}: {level}" for name, level in done["levels"].items())
            + f"\n  discernibility {done['discernibility']:,.0f}, average class size "
            f"{done['average_class_size']:.2f} × k\n"
            f"  {check['checker']}: k = {check['k']}, l = {check['l']} — "
            f"{'passes' if check['passes'] else 'FAILS'}\n"
            f"  SHA-256 {export.sha256}; report in {report_path(out)}"
        )

    def _dp(
        self, user: Any, years: range, out: Path, options: dict[str, Any], progress: Any
    ) -> None:
        release = export_dp_tables(user, years, options["epsilon"], out, progress)
        count = len(release.report["tables"])
        lines = [f"{release.reference}: ε = {release.epsilon} over {count} tables, in {out}"]
        for table in release.report["tables"]:
            lines.append(
                f"  {table['name']}: {table['cells']:,} cells, ε = {table['epsilon']:.4g}, "
                f"{table['mechanism']} (scale {table['scale']:.3g}), "
                f"95% accuracy ± {table['accuracy_95']:.2f}"
            )
        lines.append(f"  SHA-256 {release.sha256}; report in {report_path(out)}")
        self.stdout.write("\n".join(lines))

    def _set_budget(self, user: Any, options: dict[str, Any]) -> None:
        if options["epsilon"] < 0:
            raise CommandError("--epsilon must be 0 or more")
        budget, _ = PrivacyBudget.objects.update_or_create(
            dataset=REGISTRY_DATASET,
            year=options["year"],
            defaults={"epsilon": options["epsilon"], "set_by": user},
        )
        if budget.spent() > budget.epsilon:
            self.stderr.write(f"note: ε {budget.spent():g} is already spent on {budget.year}")
        record_event(
            user,
            "set_budget",
            "privacy_budget",
            f"{budget.dataset}-{budget.year}",
            changes={"epsilon": budget.epsilon},
        )
        self.stdout.write(f"privacy budget of {budget.dataset} {budget.year}: ε {budget.epsilon:g}")


def _years_and_out(parser: ArgumentParser) -> None:
    parser.add_argument("--from", type=int, required=True, help="first year of registration")
    parser.add_argument("--to", type=int, required=True, help="last year of registration")
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write (0600)")
