"""Sentiment (negative / neutral / positive) with a probability per class."""

from __future__ import annotations

from herald.nlp.classifier import Prediction, load_classifier
from herald.nlp.features import Features


def sentiment_from_features(features: Features, lang: str) -> Prediction:
    return load_classifier("sentiment").predict_features(features, lang)


def classify_sentiment(text: str, lang: str) -> Prediction:
    classifier = load_classifier("sentiment")
    return classifier.predict_features(classifier.featurizer.extract(text, lang), lang)
