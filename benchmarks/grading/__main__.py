"""``python -m benchmarks.grading``: measure (or read saved results), check, write the docs."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from benchmarks import results_file
from benchmarks.common import say
from benchmarks.grading import doc
from benchmarks.grading.results import GradingResults
from benchmarks.performance_doc import shown, write_section
from benchmarks.results_file import add_output_options

NAME = "grading"


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.grading",
        description="Nakijken: coursekit grade tegen nbgrader autograde",
    )
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 4, 6])
    add_output_options(parser)
    return parser.parse_args(argv)


def problems(results: GradingResults) -> list[str]:
    """A line per run that failed, submission left ungraded, or score that differs."""
    lines = [
        f"FOUT: {run.method} -w {run.workers} gaf exitcode {run.returncode}"
        for run in results.failures()
    ]
    ungraded = results.ungraded()
    if ungraded:
        lines.append(f"FOUT: niet nagekeken door nbgrader autograde: {', '.join(ungraded[:10])}")
    baseline = results.runs[0].scores
    lines += [
        f"FOUT: {student} ({results.kinds[student]}): nbgrader autograde "
        f"{baseline.get(student)}, {run.method} -w {run.workers} {run.scores.get(student)}"
        for run, student in results.mismatches()[:20]
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    if args.from_results:
        results = results_file.load(NAME, GradingResults, args.from_results)
    else:
        from benchmarks.grading.measure import measure

        results = measure(args.submissions, args.workers)
        if args.save_results:
            results_file.save(NAME, results, args.save_results)
            say(f"bewaard: {args.save_results}")
    print()
    print(doc.summary(results))
    errors = problems(results)
    if errors:
        print("\n" + "\n".join(errors))
        return 1
    if args.write_docs:
        write_section(doc.SECTION, doc.section(results), args.write_docs)
        say(f"geschreven: {shown(args.write_docs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
