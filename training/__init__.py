"""Herald's model training pipeline: from ../shared/data to src/herald/nlp/models."""
