import sys

from codingplan.launch import main

sys.exit(main())
