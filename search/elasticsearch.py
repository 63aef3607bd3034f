"""Settings for Wagtail's `elasticsearch8` backend (see `search.elasticsearch_backend`),
with the same analysis as `search.analysis`: full/half-width folding (cjk_width), lower
case, Traditional→Simplified from the same OpenCC table (a mapping char_filter), CJK
bigrams with unigrams, English stems. The backend applies them to every index it creates."""

from .analysis import character_table

# "default" is what every text field without its own analyzer uses, at index time and
# (with no default_search) at query time.
ANALYZER = "default"
# Folding only (no bigrams): the query side of autocomplete, against edge n-grams.
FOLD_ANALYZER = "portal_fold"


def index_settings():
    mappings = [f"{source} => {target}" for source, target in sorted(character_table().items())]
    filters = ["cjk_width", "lowercase", "portal_bigram", "portal_stop", "portal_stemmer"]
    return {
        "settings": {
            "analysis": {
                "char_filter": {"portal_t2s": {"type": "mapping", "mappings": mappings}},
                "filter": {
                    "portal_bigram": {"type": "cjk_bigram", "output_unigrams": True},
                    "portal_stop": {"type": "stop", "stopwords": "_english_"},
                    "portal_stemmer": {"type": "stemmer", "language": "english"},
                },
                "analyzer": {
                    ANALYZER: {"type": "custom", "tokenizer": "standard",
                               "char_filter": ["portal_t2s"], "filter": filters},
                    FOLD_ANALYZER: {"type": "custom", "tokenizer": "standard",
                                    "char_filter": ["portal_t2s"],
                                    "filter": ["cjk_width", "lowercase"]},
                    # Autocomplete: the same folding before Wagtail's edge n-grams.
                    "edgengram_analyzer": {
                        "type": "custom", "tokenizer": "standard",
                        "char_filter": ["portal_t2s"],
                        "filter": ["cjk_width", "lowercase", "edgengram"],
                    },
                },
            }
        }
    }


def search_backends(elasticsearch_url=None, index_prefix="portal"):
    """WAGTAILSEARCH_BACKENDS as the settings write it (portal/settings/base.py), for a
    given server: Elasticsearch when a URL is given, else the database."""
    if elasticsearch_url:
        return {"default": {
            "BACKEND": "search.elasticsearch_backend",
            "URLS": [elasticsearch_url],
            "INDEX_PREFIX": f"{index_prefix}_",
            "TIMEOUT": 5,
        }}
    return {"default": {"BACKEND": "search.backends"}}
