"""The organizer's window: the authority's export, the panel roster, the organizer-set
values and the assignment become the signed batch package of a review round.

A client of ``expertscore.organizer``: every check and every message comes from the core.
"""
