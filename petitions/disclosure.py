"""Statistical disclosure control for published counts: which counts to withhold so that
no count below a threshold can be worked out, even from the sums published beside it.

Hiding the small counts alone is not enough: when a table also publishes its totals, a
total minus the counts shown gives a hidden one back. So, as statistical offices do, more
counts are withheld ("secondary suppression") until no small count can be pinned down:

- the reader is assumed to know every published count, every sum the figures make (each
  given as `(total, members)`: total = sum of members), and that a small hidden count lies
  between 1 and the threshold less one, a withheld larger one at or above the threshold;
- from these, bounds are tightened through every sum until nothing changes (interval
  propagation: an audit a little weaker than linear programming, the usual practice);
- while a small count's bounds meet, the smallest non-zero count still shown in a sum
  near it is withheld too (a part of a sum rather than a total), and the audit runs again.
  A small count that could be worked out even with every count withheld, as when two
  hidden 1s make a hidden 2, is left to its "<3": only merging cells would protect it.

That greedy choice, alone, can spread through a table with totals on both sides until
every month is withheld. For such a table `withheld_table` first withholds, around each
small count, the cheapest cycle of counts that could all change with it, every total still
right (a rectangle when there is one, as in the hypercube method of statistical offices):
the table with that change is as possible as the true one, so the small count cannot be
worked out. The audit after catches what the cycles leave.
"""

import heapq
import math


def _sums_of(sums):
    """{key: indexes of the sums it is in}."""
    index = {}
    for number, (total, members) in enumerate(sums):
        for key in (total, *members):
            index.setdefault(key, []).append(number)
    return index


def _bounds(values, sums, sums_of, hidden, threshold):
    """{key: [lowest, highest]} the reader can work out for each hidden count, tightened
    through the sums with a hidden count until none changes (a work list of sums)."""
    def start(key):
        if key not in hidden:
            return [values[key], values[key]]
        return [1, threshold - 1] if values[key] < threshold else [threshold, math.inf]

    bounds = {}
    waiting = {number for key in hidden for number in sums_of.get(key, ())}
    while waiting:
        total, members = sums[waiting.pop()]
        for key in (total, *members):
            if key not in bounds:
                bounds[key] = start(key)
        lows = sum(bounds[member][0] for member in members)
        unbounded = sum(bounds[member][1] == math.inf for member in members)
        highs = sum(bounds[member][1] for member in members if bounds[member][1] != math.inf)
        changed = [total] if _tighten(bounds[total], lows,
                                      math.inf if unbounded else highs) else []
        low_total, high_total = bounds[total]
        for member in members:
            low, high = bounds[member]
            others_high = (math.inf if unbounded - (high == math.inf)
                           else highs - (0 if high == math.inf else high))
            if _tighten(bounds[member], low_total - others_high, high_total - (lows - low)):
                changed.append(member)
        for key in changed:
            waiting.update(sums_of[key])
    return bounds


def _tighten(bound, low, high):
    if low > bound[0] or high < bound[1]:
        bound[0], bound[1] = max(bound[0], low), min(bound[1], high)
        return True
    return False


def _pinned(values, sums, sums_of, hidden, threshold):
    """The small hidden counts the reader can work out exactly."""
    bounds = _bounds(values, sums, sums_of, hidden, threshold)
    return sorted((key for key in hidden
                   if values[key] < threshold and key in bounds
                   and bounds[key][0] == bounds[key][1]), key=repr)


def _nearest_shown(values, sums, sums_of, hidden, key):
    """The smallest non-zero count still shown among the parts of a sum with `key`, or,
    failing that, of a sum with those, and so on outwards; a total only when no part is
    left, as totals are the figures most read."""
    for parts_only in (True, False):
        reached, frontier = {key}, {key}
        while frontier:
            near = [sums[number] for number in
                    {number for other in frontier for number in sums_of.get(other, ())}]
            parts = {member for _total, members in near for member in members}
            keys = parts | {total for total, _members in near}
            shown = [other for other in (parts if parts_only else keys)
                     if other not in hidden and values[other] > 0]
            if shown:
                return min(shown, key=lambda other: (values[other], repr(other)))
            frontier = keys - reached
            reached |= keys
    return None


def _components(sums):
    """The sums in groups that share no count, each of which can be audited alone."""
    parent = {}

    def root(key):
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for total, members in sums:
        for member in members:
            parent[root(member)] = root(total)
    groups = {}
    for one_sum in sums:
        groups.setdefault(root(one_sum[0]), []).append(one_sum)
    return list(groups.values())


def _none_alone(values, sums, hidden):
    """Withholds, in a sum with one hidden count, which the others would give back, a
    second: the cheap first pass of the rule, before the audits."""
    changed = True
    while changed:
        changed = False
        for total, members in sums:
            if sum(key in hidden for key in (total, *members)) == 1:
                shown = ([member for member in members
                          if member not in hidden and values[member] > 0]
                         or [total] * (total not in hidden and values[total] > 0))
                if shown:
                    hidden.add(min(shown, key=lambda key: (values[key], repr(key))))
                    changed = True


TOTAL = None  # the row or column index of a table's totals


def table(cells):
    """A table of counts {(row, column): count} with its totals, as `withheld` reads it:
    the counts with each row's total (row, TOTAL), each column's (TOTAL, column) and the
    whole table's (TOTAL, TOTAL), and the sums these make."""
    rows, columns = {row for row, _column in cells}, {column for _row, column in cells}
    values = dict(cells)
    for row in rows:
        values[row, TOTAL] = sum(count for (at, _column), count in cells.items() if at == row)
    for column in columns:
        values[TOTAL, column] = sum(count for (_row, at), count in cells.items()
                                    if at == column)
    values[TOTAL, TOTAL] = sum(cells.values())
    sums = ([((row, TOTAL), [key for key in cells if key[0] == row]) for row in rows]
            + [((TOTAL, column), [key for key in cells if key[1] == column])
               for column in columns]
            + [((TOTAL, TOTAL), [(row, TOTAL) for row in rows]),
               ((TOTAL, TOTAL), [(TOTAL, column) for column in columns])])
    return values, sums


def _cycles(values, threshold):
    """For each small count of a table (as `table` gives it), the counts of the cheapest
    cycle through it that could change with it by one, every total still right and every
    count still possible (a small one from 1 to threshold - 1, a larger one at or above
    the threshold; none that is 0, as a count of no case is published as such). Walked
    as in a graph of the rows and columns, a count joining its row to its column: in a
    row (or a column) two counts change, against each other, or with the total they
    make. Cheapest: the fewest counts not already withheld, a total only when no cycle
    has none, never the table's total (the audit after finds its own way round)."""
    hidden = {key for key, value in values.items() if 0 < value < threshold}
    on_row, on_column = {}, {}
    for key, value in values.items():
        if value > 0:
            on_row.setdefault(key[0], []).append(key)
            on_column.setdefault(key[1], []).append(key)

    def sign(index):
        return -1 if index is TOTAL else 1

    def possible(key, change):
        value = values[key] + change
        return 0 < value < threshold if values[key] < threshold else value >= threshold

    def cost(key):
        if key in hidden:
            return 0
        return 1 + 1000 * (TOTAL in key) + 0.001 * values[key]

    for small in sorted(hidden.copy(), key=repr):
        found = []
        for change in (1, -1):
            if not possible(small, change):
                continue
            # Walk from the small count's column back to its row; a step: (cost, tie,
            # at a row?, the row or column reached, the count arrived by, its change, path).
            steps = [(0, 0, False, small[1], small, change, {small: change})]
            reached, tie = set(), 0
            while steps:
                spent, _tie, at_row, index, arrived, moved, path = heapq.heappop(steps)
                if at_row and index == small[0]:
                    # Back at its row: the two counts there must change against each other.
                    if sign(small[1]) * change + sign(arrived[1]) * moved == 0:
                        found.append((spent, path))
                        break
                    continue
                if (at_row, index, moved) in reached or len(path) > 8:
                    continue
                reached.add((at_row, index, moved))
                for key in (on_row if at_row else on_column)[index]:
                    if key in path or key == (TOTAL, TOTAL):
                        continue
                    # Along a row the columns' signs, along a column the rows'.
                    side = 1 if at_row else 0
                    change_here = -sign(arrived[side]) * sign(key[side]) * moved
                    if not possible(key, change_here):
                        continue
                    tie += 1
                    heapq.heappush(steps, (spent + cost(key), tie, not at_row,
                                           key[0] if not at_row else key[1], key,
                                           change_here, {**path, key: change_here}))
        if found:
            hidden |= min(found, key=lambda one: one[0])[1].keys()
    return hidden


def withheld_table(cells, threshold):
    """`withheld` for a table of counts {(row, column): count} published with its totals
    (keys as `table` gives them), with the cycles around each small count first."""
    values, sums = table(cells)
    return withheld(values, sums, threshold, _cycles(values, threshold))


def withheld(values, sums, threshold, hidden=()):
    """The keys of `values` (counts) not to publish: those from 1 to threshold - 1, those
    in `hidden`, and as many more as it takes that none of those can be worked out
    through `sums`, unless it can be whatever is withheld (two 1s under a total of 2 tell
    themselves)."""
    hidden = {*hidden, *(key for key, value in values.items() if 0 < value < threshold)}
    for group in _components(sums):
        sums_of = _sums_of(group)
        _none_alone(values, group, hidden)
        beyond = None
        while exposed := _pinned(values, group, sums_of, hidden, threshold):
            if beyond is None:
                beyond = set(_pinned(values, group, sums_of,
                                     {key for key in sums_of if values[key]}, threshold))
            # One more count for each exposed one, then the audit again.
            more = {_nearest_shown(values, group, sums_of, hidden, key)
                    for key in exposed if key not in beyond}
            more.discard(None)
            if not more:
                break
            hidden |= more
    return hidden
