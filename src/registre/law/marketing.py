"""The scope of the soft opt-in of CPCE L34-5 (regulation.md §5.3).

L34-5 al. 4 allows email prospecting without prior consent only where the details were collected from the
person on the occasion of a sale or a service, the prospecting « concerne des produits ou services analogues
fournis par la même personne physique ou morale », and an objection is offered at collection and in each message.
"The same person" is the controller itself: another company of its group, or a partner, is another person.
"""

from __future__ import annotations

# Whose products a channel may promote under the soft opt-in: the controller's own only.
SOFT_OPT_IN_PROMOTERS: frozenset[str] = frozenset({"own"})
SOFT_OPT_IN_SOURCE = ("CPCE L34-5 al. 4 (« produits ou services analogues fournis par la même personne physique ou "
                      "morale »)")
