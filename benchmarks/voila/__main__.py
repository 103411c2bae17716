"""``python -m benchmarks.voila``: measure (or read saved results), print, write the docs."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from benchmarks import results_file
from benchmarks.common import say
from benchmarks.performance_doc import shown, write_section
from benchmarks.results_file import add_output_options
from benchmarks.voila import doc
from benchmarks.voila.results import Settings, VoilaResults

NAME = "voila"


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.voila",
        description="Voila: eerste pagina, klik tot feedback en belasting",
    )
    parser.add_argument("--quick", action="store_true", help="minder pagina's en cursisten")
    parser.add_argument("--loads", type=int, default=10, help="verse pagina's per pagina")
    parser.add_argument("--clicks", type=int, default=20)
    parser.add_argument("--learners", type=int, nargs="+", default=[10, 25, 50])
    parser.add_argument("--burst", type=int, default=50, help="cursisten tegelijk (0: niet)")
    parser.add_argument(
        "--nagle",
        type=int,
        default=50,
        help="cursisten zonder TCP_NODELAY, ter vergelijking (0: niet)",
    )
    parser.add_argument("--items", type=int, default=20, help="uitspraken per cursist")
    parser.add_argument("--ramp", type=float, default=30.0, help="s waarin cursisten binnenkomen")
    parser.add_argument("--think", type=float, nargs=2, default=[1.0, 3.0], metavar=("MIN", "MAX"))
    parser.add_argument("--timeout", type=float, default=30.0, help="s per klik of stap")
    parser.add_argument("--quiet-wait", type=float, default=120.0, help="max s wachten op rust")
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["tti", "click", "load", "phone", "bytes", "class"],
    )
    parser.add_argument("--phone-loads", type=int, default=3, help="rondes op het telefoonnetwerk")
    parser.add_argument(
        "--needs",
        choices=["all", "other", "none"],
        default="all",
        help="welke requests van een module één voor één blokkeren (other: geen scripts)",
    )
    parser.add_argument("--class-size", type=int, default=30, help="cursisten in de klas")
    parser.add_argument(
        "--class-spread", type=float, default=1.0, help="s waarin de klas binnenkomt"
    )
    parser.add_argument(
        "--server-arg",
        action="append",
        default=[],
        help="extra voila-optie voor onze servers (om instellingen te proberen)",
    )
    add_output_options(parser)
    return parser.parse_args(argv)


def settings_from(args: argparse.Namespace) -> Settings:
    settings = Settings(
        quick=args.quick,
        loads=args.loads,
        clicks=args.clicks,
        learners=list(args.learners),
        burst=args.burst,
        nagle=args.nagle,
        items=args.items,
        ramp=args.ramp,
        think=(args.think[0], args.think[1]),
        timeout=args.timeout,
        quiet_wait=args.quiet_wait,
        skip=list(args.skip),
        server_args=list(args.server_arg),
        phone_loads=args.phone_loads,
        needs=args.needs,
        class_size=args.class_size,
        class_spread=args.class_spread,
    )
    if settings.quick:
        settings.loads = min(settings.loads, 3)
        settings.clicks = min(settings.clicks, 10)
        settings.learners = [5, 10]
        settings.burst = min(settings.burst, 10)
        settings.nagle = min(settings.nagle, 10)
        settings.items = min(settings.items, 10)
        settings.ramp = min(settings.ramp, 5.0)
        settings.phone_loads = min(settings.phone_loads, 1)
        settings.needs = "other" if settings.needs == "all" else settings.needs
        settings.class_size = min(settings.class_size, 10)
    return settings


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.from_results:
        results = results_file.load(NAME, VoilaResults, args.from_results)
    else:
        from benchmarks.voila.measure import measure

        results = measure(settings_from(args))
        if args.save_results:
            results_file.save(NAME, results, args.save_results)
            say(f"bewaard: {args.save_results}")
    print()
    print(doc.summary(results))
    if args.write_docs:
        if not results.complete():
            raise SystemExit("--write-docs heeft alle metingen nodig (geen --skip)")
        write_section(doc.SECTION, doc.section(results), args.write_docs)
        say(f"geschreven: {shown(args.write_docs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
