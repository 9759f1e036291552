"""RDF namespaces and terms, declared once: every exporter and test takes its IRIs from here."""
from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

GEOKG = Namespace("https://w3id.org/geokg/ontology#")
CATEGORY = Namespace("https://w3id.org/geokg/category/")
STATUS = Namespace("https://w3id.org/geokg/status/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

# Where the data's own IRIs (events, actors, articles) live unless the user gives another base.
DEFAULT_BASE_IRI = "https://w3id.org/geokg/id/"

PREFIXES = {"geokg": GEOKG, "cat": CATEGORY, "status": STATUS, "sem": SEM, "schema": SCHEMA, "wd": WD,
            "prov": PROV, "owl": OWL, "skos": SKOS, "xsd": XSD, "rdfs": RDFS, "rdf": RDF}
