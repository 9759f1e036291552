"""Graph -> files: RDF (rdflib) and an offline interactive HTML page (pyvis). Imports graph/, never extract/."""
from .html import show, to_html, write_html
from .jsonl import write_jsonl
from .rdf import to_rdf, write_rdf

__all__ = ["show", "to_html", "to_rdf", "write_html", "write_jsonl", "write_rdf"]
