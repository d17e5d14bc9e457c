"""WSGI entry point (gunicorn -c deploy/gunicorn.conf.py config.wsgi).

Production defaults: it sets nothing but the settings module, so DEBUG is off unless the
environment says otherwise (manage.py, for development, defaults DJANGO_DEBUG to 1).
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
