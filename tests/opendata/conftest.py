import pytest
from django.core.cache import cache
from wagtail import hooks

from portal import extensions
from portal.datasets import LiveDataset


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path / "private")}},
    }


class Source:
    """A generator's data source that records how often it is read."""

    def __init__(self):
        self.reads = 0
        self.version = "1"
        self.data = [{"城市": "高雄", "人口": 2740000}, {"城市": "Kaohsiung", "人口": 1}]

    def rows(self):
        self.reads += 1
        return self.data


@pytest.fixture
def source():
    cache.clear()
    source = Source()
    dataset = LiveDataset("test-cities", rows=source.rows, version=lambda: source.version,
                          title="測試城市")
    with hooks.register_temporarily(extensions.LIVE_DATASETS, lambda: [dataset]):
        yield source
