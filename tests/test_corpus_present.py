"""The corpus tests are parametrized over the manifest: without the corpus they would
collect nothing and pass vacuously. This test makes the absence loud."""

from support import corpus_manifest


def test_corpus_manifest_is_present_and_complete(corpus):
    rows = corpus_manifest()
    assert len(rows) >= 140  # the manifest lists 149 exports
    missing = [r["file"] for r in rows if not (corpus / r["kind"] / r["local_name"]).exists()]
    assert missing == []
