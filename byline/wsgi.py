"""The WSGI application `byline serve` (granian) runs: Django, behind the page cache's fast
path, which answers anonymous readers' cached pages before Django builds a request."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byline.settings")
django_application = get_wsgi_application()

from byline.pagecache.fastpath import wrap  # noqa: E402 - needs the settings set up above

application = wrap(django_application)
