#!/usr/bin/python3
"""Build the quickstart's data and model: scikit-learn's breast-cancer dataset as CSV and a
random-forest classifier trained on its training split, exported to ONNX by hand (no skl2onnx).

    /usr/bin/python3 examples/make_example.py

Reuses the tree export of tests/models/generate.py. Deterministic: same files every run.
"""

import csv
import os
import sys

import numpy as np
import onnx
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "models"))
import generate  # noqa: E402  (tree export helpers)


def column_name(feature):
    return feature.replace(" ", "_")


def main():
    data = load_breast_cancer()
    X, y = data.data, data.target
    names = [column_name(f) for f in data.feature_names]
    idx = np.arange(len(y))
    train_idx, _ = train_test_split(idx, test_size=0.3, random_state=0, stratify=y)
    train = np.zeros(len(y), dtype=bool)
    train[train_idx] = True

    rf = RandomForestClassifier(n_estimators=50, max_depth=6, random_state=0)
    rf.fit(X[train].astype(np.float32), y[train])

    model = generate.binary_forest_classifier_model(rf, X.shape[1], "breast_cancer_forest", producer="examples/make_example.py")
    onnx.checker.check_model(model)
    with open(os.path.join(HERE, "breast_cancer_forest.onnx"), "wb") as f:
        f.write(model.SerializeToString())

    # The engine must reproduce these: sklearn's own predictions on float32 features.
    X32 = X.astype(np.float32)
    predicted = rf.predict(X32)
    check = generate.np_eval_tree_ensemble(model.graph.node[0], X32)
    generate.assert_close("breast_cancer_forest proba", check, rf.predict_proba(X32))

    with open(os.path.join(HERE, "breast_cancer.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id"] + names + ["target", "split"])
        for i in range(len(y)):
            w.writerow([i + 1] + [generate.f32repr(v) for v in X[i]] + [int(y[i]), "train" if train[i] else "test"])

    proba = rf.predict_proba(X32)
    with open(os.path.join(HERE, "breast_cancer.sklearn.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "label", "probability_1"])
        for i in range(len(y)):
            w.writerow([i + 1, int(predicted[i]), repr(float(proba[i, 1]))])

    test = ~train
    print(f"breast_cancer.csv: {len(y)} rows, {X.shape[1]} features")
    print(f"sklearn accuracy: train {np.mean(predicted[train] == y[train]):.4f}, "
          f"test {np.mean(predicted[test] == y[test]):.4f}")


if __name__ == "__main__":
    main()
