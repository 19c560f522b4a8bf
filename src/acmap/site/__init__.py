"""`acmap site`: the portfolio as a static website that works from file:// with no network.

build.py is the pipeline (which pages are stale, who draws them, what is written); account.py
makes one account's page in the worker that loaded its map; sections.py holds one small
function per part of that page; portfolio.py the pages made from every account's summary
(index, owners, partners, the search index); manifest.py what the last build saw; names.py the
only way a file name or an anchor is made from an id; diagram.py the inline SVG; pages.py the
Jinja2 environment (autoescape on everything).
"""
