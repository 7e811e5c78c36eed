"""Policy packs: the published numbers of each source, as data only."""
