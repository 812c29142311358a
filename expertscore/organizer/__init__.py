"""The organizer: roster from key cards, assignments, organizer-set values, signed batch."""
