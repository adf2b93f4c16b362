"""Text handling shared by the engine, detectors and models: folding, terms, language."""
