"""Loaders: detect a document's kind, parse it to a small model, map the model to RDF."""
