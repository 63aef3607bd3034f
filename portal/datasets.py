"""Live datasets: tables an app computes from its own content, which the open-data app
publishes as files (CSV, JSON, ODS) and keeps current. An app declares them as a
LIVE_DATASETS hook in its wagtail_hooks.py, so that it need not import the open-data app:

    @hooks.register(extensions.LIVE_DATASETS)
    def live_datasets():
        return [LiveDataset("sister-cities", rows=data.city_rows, version=data.version,
                            title=_("Sister and partner cities"))]

`rows()` returns a list of flat dicts (one per row, same keys in the same order);
`version()` returns a string that changes whenever the underlying content changes.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import extensions


@dataclass(frozen=True)
class LiveDataset:
    name: str
    rows: Callable[[], list[dict]]
    version: Callable[[], str]
    title: str = ""


def live_datasets():
    """Every declared dataset by name."""
    return {dataset.name: dataset for dataset in extensions.collect(extensions.LIVE_DATASETS)}
