"""The HTTP server: SPARQL 1.1 endpoint, linked-data dereferencing and pages for people."""
