#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    # Development defaults, so every README command works without a prefix; production sets
    # DJANGO_DEBUG=0 in its environment (deploy/env.example), and the WSGI entry point
    # (config/wsgi.py) defaults to production.
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
