import sys

from codingplan.cli import main

sys.exit(main())
