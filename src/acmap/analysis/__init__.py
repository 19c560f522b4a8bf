"""What acmap concludes from loaded maps: health and priority, partner presence, map changes."""
