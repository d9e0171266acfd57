import pytest


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    """Turn the page cache on, as in production, in a folder of this test's own."""
    settings.PAGE_CACHE_SECONDS = 86400
    settings.PAGE_CACHE_LOCATION = str(tmp_path / "pagecache")
