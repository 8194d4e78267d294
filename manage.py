#!/usr/bin/env python
"""Django's command-line utility; `porchlight` is the same thing, installed."""

from porchlight.cli import main

if __name__ == "__main__":
    main()
