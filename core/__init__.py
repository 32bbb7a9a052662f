"""cepa-kg: a knowledge graph of the UN Committee of Experts on Public Administration.

The core package holds the settings, the store interface and the command line; the loaders
(`cepa_kg.loaders`) turn documents into RDF and the server (`cepa_kg.server`) serves it.
"""

__version__ = "0.1.0"
