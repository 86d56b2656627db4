import sys

from desk_app.cli import main

# Guarded: worker processes started with "spawn" (OCR, SANE) re-import the main module.
if __name__ == "__main__":
    sys.exit(main())
