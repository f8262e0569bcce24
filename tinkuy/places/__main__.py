"""``python -m tinkuy.places --population N PATH`` builds a gazetteer index (``tinkuy.places.build``)."""

from .build import main

main()
