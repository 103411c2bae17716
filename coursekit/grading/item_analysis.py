"""Item analysis of a graded exercise: how hard each item was and whether it separates.

Pure statistics on a table of scores and answers; gathering them from nbgrader and
writing the report is :mod:`coursekit.grading.report`'s job.

Per item:

- *facility*: the mean share of the item's maximum score, over learners with a score;
- *point-biserial* (corrected, Dutch "Rir"): Pearson's correlation between the item's
  score and the learner's score on the *other* items;
- *upper-lower*: the item's facility among the top 27 % minus that among the bottom
  27 %, ranked by the score on the other items (ties at the edge count in part).

The score on the other items is the mean share over those a learner has a score on;
with complete data that is the total divided by a constant, so both correlate alike.
A missing score (a failed autograde) is left out, never counted as 0. What cannot be
computed (too few learners, no variance) is ``None``, never 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from itertools import groupby

LOW_FACILITY = 0.3
LOW_DISCRIMINATION = 0.2
GROUP_SHARE = 0.27


class Flag(Enum):
    """Why an item deserves a second look."""

    LOW_FACILITY = "low-facility"
    LOW_DISCRIMINATION = "low-discrimination"


@dataclass(frozen=True)
class Item:
    """An autograded item: ``choices`` are the answer values a learner can give.

    ``options`` holds the text of each lettered option of a choice question.
    """

    id: str
    number: int
    kind: str
    text: str
    key: str | None
    choices: tuple[str, ...]
    options: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ItemScore:
    points: float
    max_points: float

    @property
    def share(self) -> float:
        """The share of the maximum reached, kept within [0, 1]."""
        if self.max_points <= 0:
            return 0.0
        return min(1.0, max(0.0, self.points / self.max_points))


@dataclass(frozen=True)
class Submission:
    """One learner: scores by item id (missing: no score) and answers (None: unknown)."""

    student: str
    scores: Mapping[str, ItemScore]
    answers: Mapping[str, str] | None


@dataclass(frozen=True)
class ItemStats:
    item: Item
    n: int
    facility: float | None
    point_biserial: float | None
    upper_lower: float | None
    counts: Mapping[str, int]
    no_answer: int
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Analysis:
    """``learners``: those with a score on some item; ``ungraded``: those without any."""

    learners: int
    ungraded: int
    items: tuple[ItemStats, ...]

    @property
    def flagged(self) -> tuple[ItemStats, ...]:
        return tuple(stats for stats in self.items if stats.flags)


def mean(values: Sequence[float]) -> float | None:
    return math.fsum(values) / len(values) if values else None


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Pearson's r, within [-1, 1]; None for fewer than two pairs or no variance."""
    if len(xs) != len(ys) or len(xs) < 2 or len(set(xs)) < 2 or len(set(ys)) < 2:
        return None
    mx, my = math.fsum(xs) / len(xs), math.fsum(ys) / len(ys)
    sxy = math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = math.fsum((x - mx) ** 2 for x in xs)
    syy = math.fsum((y - my) ** 2 for y in ys)
    if sxx <= 0 or syy <= 0:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


def group_size(n: int) -> int:
    """How many learners form the upper (and the lower) group: 27 %, rounded."""
    return math.floor(GROUP_SHARE * n + 0.5)


def upper_lower(pairs: Sequence[tuple[float, float]]) -> float | None:
    """Facility in the upper minus the lower group; pairs are (item share, rest score).

    Learners tied on the rest score at a group's edge count in part, each with the
    same weight, so the result never depends on the order of the learners.
    """
    size = group_size(len(pairs))
    if size < 1 or len({rest for _, rest in pairs}) < 2 or len({s for s, _ in pairs}) < 2:
        return None
    return _group_facility(pairs, size, highest=True) - _group_facility(pairs, size, highest=False)


def _group_facility(pairs: Sequence[tuple[float, float]], size: int, highest: bool) -> float:
    """Mean item share of the ``size`` learners with the highest (or lowest) rest scores."""
    ordered = sorted(pairs, key=lambda pair: pair[1], reverse=highest)
    total, taken = 0.0, 0
    for _, tied in groupby(ordered, key=lambda pair: pair[1]):
        shares = [share for share, _ in tied]
        take = min(len(shares), size - taken)
        total += take * math.fsum(shares) / len(shares)
        taken += take
        if taken == size:
            break
    return total / size


def rest_score(submission: Submission, item_id: str) -> float | None:
    """The learner's mean share on the items other than ``item_id``; None without any."""
    return mean([s.share for other, s in submission.scores.items() if other != item_id])


def _pairs(item: Item, submissions: Sequence[Submission]) -> list[tuple[float, float]]:
    """(item share, rest score) for every learner with both."""
    pairs = []
    for submission in submissions:
        score = submission.scores.get(item.id)
        rest = rest_score(submission, item.id)
        if score is not None and rest is not None:
            pairs.append((score.share, rest))
    return pairs


def answer_counts(item: Item, submissions: Sequence[Submission]) -> tuple[dict[str, int], int]:
    """How often each choice was given, and how often none, among known answers."""
    counts = dict.fromkeys(item.choices, 0)
    no_answer = 0
    for submission in submissions:
        if submission.answers is None:
            continue
        answer = submission.answers.get(item.id)
        if answer in counts:
            counts[answer] += 1
        else:
            no_answer += 1
    return counts, no_answer


def flags(facility: float | None, point_biserial: float | None) -> tuple[Flag, ...]:
    """The signals of an item, judged on the two decimals the report shows."""
    found = []
    if facility is not None and round(facility, 2) < LOW_FACILITY:
        found.append(Flag.LOW_FACILITY)
    if point_biserial is not None and round(point_biserial, 2) < LOW_DISCRIMINATION:
        found.append(Flag.LOW_DISCRIMINATION)
    return tuple(found)


def item_stats(item: Item, submissions: Sequence[Submission]) -> ItemStats:
    shares = [s.scores[item.id].share for s in submissions if item.id in s.scores]
    pairs = _pairs(item, submissions)
    facility = mean(shares)
    rir = pearson([share for share, _ in pairs], [rest for _, rest in pairs])
    counts, no_answer = answer_counts(item, submissions)
    return ItemStats(
        item=item,
        n=len(shares),
        facility=facility,
        point_biserial=rir,
        upper_lower=upper_lower(pairs),
        counts=counts,
        no_answer=no_answer,
        flags=flags(facility, rir),
    )


def analyse(items: Sequence[Item], submissions: Sequence[Submission]) -> Analysis:
    """The statistics of every item; scores of items not listed do not count."""
    ids = {item.id for item in items}
    kept = [
        Submission(s.student, {i: score for i, score in s.scores.items() if i in ids}, s.answers)
        for s in submissions
    ]
    graded = sum(1 for s in kept if s.scores)
    return Analysis(graded, len(kept) - graded, tuple(item_stats(item, kept) for item in items))
