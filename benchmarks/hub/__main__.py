"""``python -m benchmarks.hub``: measure (or read saved results), print, write the docs."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from benchmarks import results_file
from benchmarks.common import say
from benchmarks.hub import doc
from benchmarks.hub.results import HubResults
from benchmarks.performance_doc import shown, write_section
from benchmarks.results_file import add_output_options

NAME = "hub"


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.hub",
        description="JupyterHub: geheugen en processor per vrijwilliger",
    )
    parser.add_argument("--volunteers", type=int, default=4, help="per pad")
    parser.add_argument("--idle", type=float, default=30.0, help="s om stilstand te meten")
    parser.add_argument("--hand-ins", type=int, default=5, help="keer inleveren per vrijwilliger")
    parser.add_argument(
        "--groups", type=int, nargs="*", default=[10, 30], help="groepen die tegelijk inloggen"
    )
    add_output_options(parser)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.from_results:
        results = results_file.load(NAME, HubResults, args.from_results)
    else:
        from benchmarks.hub.measure import measure

        results = measure(args.volunteers, args.idle, args.hand_ins, tuple(args.groups))
        if args.save_results:
            results_file.save(NAME, results, args.save_results)
            say(f"bewaard: {args.save_results}")
    text = doc.section(results)
    print(text)
    if args.write_docs:
        write_section(doc.HEADING, text, args.write_docs)
        say(f"geschreven: {shown(args.write_docs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
