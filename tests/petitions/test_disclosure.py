"""Which counts are withheld so that no count under 3 can be worked out from the sums
published beside it (petitions.disclosure)."""

import itertools
import random

import pytest

from petitions.disclosure import TOTAL, withheld, withheld_table


def test_a_total_would_give_back_the_one_small_count_beside_it():
    assert withheld({"year": 5, "march": 4, "april": 1}, [("year", ["march", "april"])],
                    3) == {"march", "april"}


def test_small_counts_whose_sum_tells_them_apart_are_not_left_alone():
    # 12 - 10 = 2 could only be 1 + 1.
    values = {"year": 12, "march": 10, "april": 1, "may": 1}
    assert withheld(values, [("year", ["march", "april", "may"])], 3) == {
        "march", "april", "may"}
    # 10 - 5 = 5 could be 1 + 2 + 2 in any order: nothing more is needed.
    values = {"year": 10, "march": 5, "april": 2, "may": 1, "june": 2}
    assert withheld(values, [("year", ["march", "april", "may", "june"])], 3) == {
        "april", "may", "june"}


def table(cells):
    """The counts and sums of a table of rows, with row, column and grand totals."""
    values = {(row, column): value for row, line in enumerate(cells)
              for column, value in enumerate(line)}
    rows, columns = range(len(cells)), range(len(cells[0]))
    values |= {("row", row): sum(cells[row]) for row in rows}
    values |= {("column", column): sum(line[column] for line in cells) for column in columns}
    values["total"] = sum(map(sum, cells))
    sums = ([(("row", row), [(row, column) for column in columns]) for row in rows]
            + [(("column", column), [(row, column) for row in rows]) for column in columns]
            + [("total", [("row", row) for row in rows]),
               ("total", [("column", column) for column in columns])])
    return values, sums


def test_a_table_with_totals_withholds_a_rectangle_and_keeps_its_totals():
    values, sums = table([[1, 5], [4, 4]])
    assert withheld(values, sums, 3) == {(0, 0), (0, 1), (1, 0), (1, 1)}


def possible_tables(values, cells, hidden):
    """Every table of counts that agrees with what is published (a small hidden count is
    1 or 2, a larger one 3 or more): worked out by trying them all, row by row, each row
    against its total when that is shown. Hidden cells are tried up to 9, three more than
    any cell holds: a count with two values among these has two among all."""
    rows, columns = len(cells), len(cells[0])
    top = 9

    def fits(key, value):
        if key not in hidden:
            return value == values[key]
        return 0 < value < 3 if values[key] < 3 else value >= 3

    def choices(key):
        if key not in hidden:
            return [values[key]]
        return [1, 2] if values[key] < 3 else range(3, top + 1)

    def fill(row):
        if row == rows:
            yield []
            return
        for line in itertools.product(*(choices((row, column)) for column in range(columns))):
            if fits(("row", row), sum(line)):
                for rest in fill(row + 1):
                    yield [list(line), *rest]

    for guess in fill(0):
        if (all(fits(("column", column), sum(line[column] for line in guess))
                for column in range(columns))
                and fits("total", sum(map(sum, guess)))):
            yield guess


def withheld_by_cycles(cells):
    """`withheld_table`'s answer for the cells, in `table`'s keys."""
    named = {(TOTAL, TOTAL): "total"}
    for row, line in enumerate(cells):
        named[row, TOTAL] = ("row", row)
        for column, _value in enumerate(line):
            named[TOTAL, column] = ("column", column)
            named[row, column] = (row, column)
    counts = {(row, column): value for row, line in enumerate(cells)
              for column, value in enumerate(line) if value}
    return {named[key] for key in withheld_table(counts, 3)}


def test_the_cycles_withhold_the_one_rectangle_a_small_count_needs():
    # The 1 at the top left, with the 4 beside it, the 5 under it and the 4 across.
    assert withheld_by_cycles([[1, 4, 7], [5, 4, 9], [8, 3, 6]]) == {
        (0, 0), (0, 1), (1, 0), (1, 1)}
    # An agency with one case in all, in the second month: no other of its months could
    # change with it, so the cycle goes through its year's total and another agency's
    # (13, of 6 and 7), and that agency's second month; every month's total and the
    # whole table's stay published.
    assert withheld_by_cycles([[0, 1], [5, 0], [6, 7]]) == {
        (0, 1), ("row", 0), ("row", 2), (2, 1)}


@pytest.mark.parametrize("method", ["audit", "cycles"])
@pytest.mark.parametrize("seed", range(40))
def test_no_small_count_can_be_worked_out_by_trying_every_possibility(seed, method):
    chooser = random.Random(seed)  # noqa: S311 (test data, not a secret)
    cells = [[chooser.choice([0, 1, 2, 3, 4, 6]) for _column in range(3)] for _row in range(2)]
    values, sums = table(cells)
    hidden = withheld(values, sums, 3) if method == "audit" else withheld_by_cycles(cells)
    assert {key for key, value in values.items() if 0 < value < 3} <= hidden
    possible = list(possible_tables(values, cells, hidden))
    assert cells in possible
    # What no suppression can hide (1 + 1 under a total of "<3", and what follows from
    # it) is left as it is.
    everything = {key for key, value in values.items() if value}
    every_table = list(possible_tables(values, cells, everything))
    beyond = {key for key in everything if values[key] < 3
              and len({guess_value(guess, key) for guess in every_table}) == 1}
    for row, column in itertools.product(range(2), range(3)):
        if 0 < cells[row][column] < 3 and (row, column) not in beyond:
            found = {guess_value(guess, (row, column)) for guess in possible}
            assert len(found) > 1, (cells, (row, column), hidden)
    for key in ("row", 0), ("row", 1), ("column", 0), ("column", 1), ("column", 2), "total":
        if 0 < values[key] < 3 and key not in beyond:
            found = {guess_value(guess, key) for guess in possible}
            assert len(found) > 1, (cells, key, hidden)


def guess_value(guess, key):
    """A count of a table guessed: a cell (row, column), a row's or a column's total, or
    the grand total."""
    if key == "total":
        return sum(map(sum, guess))
    if key[0] == "row":
        return sum(guess[key[1]])
    if key[0] == "column":
        return sum(line[key[1]] for line in guess)
    return guess[key[0]][key[1]]
