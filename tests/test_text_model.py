"""The JSON text model scores in plain Python exactly as scikit-learn scored it when trained."""

from __future__ import annotations

import json

import pytest

from analysis import text_model

pytest.importorskip("sklearn")

TEXTS = [
    ("the staff were kind and listened to me", "good"),
    ("my worker was really helpful and kind", "good"),
    ("boxing was great and i loved it", "good"),
    ("they listened and helped me a lot", "good"),
    ("nobody listened to me it was rubbish", "bad"),
    ("the sessions were boring and too long", "bad"),
    ("they never rang me back, awful", "bad"),
    ("it was a waste of time, nobody helped", "bad"),
]


def _trained(tmp_path, labels=None, **options):
    texts = [t for t, _ in TEXTS]
    labels = labels or [label for _, label in TEXTS]
    data = text_model.fit(texts, labels, name="toy", version="t1", min_df=1, **options)
    path = tmp_path / "toy.json"
    text_model.save(data, path)
    return data, text_model.load(path)


def test_saved_model_is_readable_json_and_round_trips(tmp_path):
    data, model = _trained(tmp_path)
    stored = json.loads((tmp_path / "toy.json").read_text())
    assert stored["vocabulary"] == data["vocabulary"]
    assert model.classes == ("bad", "good")
    assert "w:listened" in model.idf


def test_plain_python_scores_match_scikit_learn(tmp_path):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression

    data, model = _trained(tmp_path)
    vocabulary = data["vocabulary"]
    vectoriser = DictVectorizer(sort=True).fit([dict.fromkeys(vocabulary, 1)])
    counts = [
        {n: v for n, v in text_model.features(t).items() if n in set(vocabulary)} for t, _ in TEXTS
    ]
    matrix = TfidfTransformer(sublinear_tf=True).fit_transform(vectoriser.transform(counts))
    reference = LogisticRegression(C=4.0, class_weight="balanced", max_iter=5000)
    reference.fit(matrix, [label for _, label in TEXTS])
    for row, (text, _) in enumerate(TEXTS):
        expected = reference.predict_proba(matrix[row])[0][1]
        assert model.probability(text) == pytest.approx(expected, abs=1e-3)


def test_prediction_names_the_words_that_moved_it(tmp_path):
    _, model = _trained(tmp_path)
    prediction = model.predict("nobody listened, it was rubbish and boring")
    assert prediction.label == "bad"
    assert prediction.reasons
    assert all(reason.weight > 0 for reason in prediction.reasons)
    assert {"rubbish", "boring", "nobody"} & {r.text for r in prediction.reasons}


def test_extra_features_are_scored_and_shown_as_rules(tmp_path):
    texts = [t for t, _ in TEXTS]
    labels = [label for _, label in TEXTS]
    extras = [["flagged"] if label == "bad" else [] for label in labels]
    data = text_model.fit(texts, labels, extras, name="toy", version="t2", min_df=1)
    model = text_model.from_dict(data)
    prediction = model.predict("an ordinary sentence", extra=["flagged"])
    assert prediction.label == "bad"
    assert any(r.kind == "rule" and r.text == "flagged" for r in prediction.reasons)


def test_three_classes_use_softmax(tmp_path):
    labels = ["good", "good", "ok", "ok", "bad", "bad", "bad", "ok"]
    _, model = _trained(tmp_path, labels=labels)
    prediction = model.predict("boxing was great and i loved it")
    assert set(prediction.probabilities) == {"bad", "good", "ok"}
    assert sum(prediction.probabilities.values()) == pytest.approx(1.0)


def test_words_are_normalised_as_children_type_them():
    assert text_model.words("I DON’T wanna gooo") == ["i", "dont", "wanna", "go"]
    assert "c:<cut" in text_model.features("cuttin")
    assert "w:i dont" in text_model.features("i don't")


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="format"):
        text_model.from_dict({"format": 99})
