import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "porchlight.settings")

application = get_wsgi_application()

# Content, models and templates are loaded now, not by the first visitor (warmup.py).
from porchlight.warmup import warm_up  # noqa: E402  needs the apps loaded above

warm_up()
