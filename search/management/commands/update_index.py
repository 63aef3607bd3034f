"""Wagtail's update_index with a tqdm progress bar (objects done of the total per model)
instead of rows of dots."""

from modelsearch.management.commands.rebuild_modelsearch_index import (
    Command as RebuildCommand,
)
from tqdm import tqdm


class Command(RebuildCommand):
    def queryset_chunks(self, qs, chunk_size=1000):
        self._total = qs.count()
        self._label = qs.model._meta.label
        yield from super().queryset_chunks(qs, chunk_size)

    def print_iter_progress(self, iterable):
        chunks = iter(iterable)
        first = next(chunks, None)  # starts the queryset, which sets the total
        if first is None:
            return
        self.stderr.ending = ""  # tqdm redraws the bar with "\r", not line by line
        with tqdm(total=self._total, unit="obj", desc=self._label, file=self.stderr,
                  disable=self.verbosity == 0) as bar:
            yield first
            bar.update(len(first))
            for chunk in chunks:
                yield chunk
                bar.update(len(chunk))
