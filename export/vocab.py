"""RDF namespaces and terms, declared once: every exporter, the ontology loader and the tests take IRIs from here.

The ontology (`ontology.ttl`) and the SHACL shapes (`shapes.ttl`) ship beside this module and spell the same
namespaces in their own prefix lines; `tests/test_rdf.py` checks that they agree.
"""
from importlib import resources

from rdflib import Namespace, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

GEOKG = Namespace("https://w3id.org/geokg/ontology#")
CATEGORY = Namespace("https://w3id.org/geokg/category/")
STATUS = Namespace("https://w3id.org/geokg/status/")
SHAPES = Namespace("https://w3id.org/geokg/shapes#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

# The ontology document; in N-Quads and TriG exports `--with-ontology` puts its triples in a graph of this name.
ONTOLOGY = URIRef("https://w3id.org/geokg/ontology")

# Where the data's own IRIs (events, actors, articles, reports) live unless the user gives another base.
# w3id.org gives permanent IRIs; a team publishing its own data should pass a base it controls (--base-iri).
DEFAULT_BASE_IRI = "https://w3id.org/geokg/id/"

PREFIXES = {"geokg": GEOKG, "cat": CATEGORY, "status": STATUS, "sem": SEM, "schema": SCHEMA, "wd": WD,
            "prov": PROV, "owl": OWL, "skos": SKOS, "xsd": XSD, "rdfs": RDFS, "rdf": RDF}


def packaged(name: str) -> str:
    """The text of a file shipped in this package: `ontology.ttl` or `shapes.ttl`."""
    return resources.files("geokg.export").joinpath(name).read_text(encoding="utf-8")
