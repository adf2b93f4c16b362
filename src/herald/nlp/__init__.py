"""Text classifiers shipped with Herald: offensive language, sentiment and scam messages.

Pure functions over bundled model files (plain numpy arrays and JSON); nothing is
downloaded and nothing but numpy is needed at run time.
"""
