#!/usr/bin/python3
"""Generate the ONNX test models and golden data used by the C# scoring tests.

Run with Debian's interpreter (needs python3-onnx, python3-sklearn, python3-numpy):

    /usr/bin/python3 tests/models/generate.py

Everything is written next to this script. The script is deterministic (fixed
random_state everywhere) and idempotent: running it twice yields identical files.

There is no ONNX runtime available in Python here, so every graph is built by hand
with onnx.helper from the fitted scikit-learn parameters, validated with
onnx.checker, and then its math is re-evaluated with a small numpy interpreter that
reads the parameters back *from the saved ONNX file* (float32 arithmetic, like an
ONNX runtime). That result must match scikit-learn's own predictions, which are the
values written to the golden *.expected.csv files.
"""

import csv
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.neural_network import MLPRegressor

import sklearn

HERE = os.path.dirname(os.path.abspath(__file__))
N_GOLDEN = 50
OPSET_DEFAULT = 15
OPSET_ML = 3
# Tolerance for the in-script sanity check (float32 graph math vs. sklearn float64).
CHECK_RTOL = 1e-5
# Tolerance recommended to consumers of the golden files (float outputs).
GOLDEN_RTOL = 1e-4
GOLDEN_ATOL = 1e-4  # for expected values near 0 (probabilities, bench_linear30)

MODELS = []  # entries of models.json

ELEM_NAMES = {
    TensorProto.FLOAT: "float",
    TensorProto.DOUBLE: "double",
    TensorProto.INT64: "int64",
    TensorProto.INT32: "int32",
    TensorProto.INT8: "int8",
    TensorProto.UINT8: "uint8",
    TensorProto.BOOL: "bool",
    TensorProto.STRING: "string",
}


# --------------------------------------------------------------------------- helpers

def path(name):
    return os.path.join(HERE, name)


def f32repr(v):
    """Text of a value rounded to float32, so the reader parses the same float32."""
    return repr(float(np.float32(v)))


def frepr(v):
    return repr(float(v))


def make_model(graph, producer="tests/models/generate.py", ml=False):
    opsets = [helper.make_opsetid("", OPSET_DEFAULT)]
    if ml:
        opsets.append(helper.make_opsetid("ai.onnx.ml", OPSET_ML))
    model = helper.make_model(graph, opset_imports=opsets, producer_name=producer,
                              producer_version="1")
    model.ir_version = 8
    return model


def save_model(model, filename, strict_inference=True):
    onnx.checker.check_model(model)
    # also run strict shape/type inference to catch type errors in the graph. onnx 1.12's
    # inference cannot merge a declared sequence<map> output ("type case unsupported"),
    # so the ZipMap model only gets the checker.
    if strict_inference:
        onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    data = model.SerializeToString()
    with open(path(filename), "wb") as f:
        f.write(data)
    # read back and re-check the file itself
    loaded = onnx.load(path(filename))
    onnx.checker.check_model(loaded)
    return loaded


def write_csv(filename, header, rows):
    with open(path(filename), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)


def assert_close(what, got, want, rtol=CHECK_RTOL):
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        raise AssertionError(f"{what}: shape {got.shape} != {want.shape}")
    # relative error, with magnitudes below 1 treated as 1 (values near 0)
    err = np.abs(got - want) / np.maximum(np.abs(want), 1.0)
    worst = float(err.max()) if err.size else 0.0
    if not worst <= rtol:
        i = int(np.argmax(err))
        raise AssertionError(
            f"{what}: mismatch {worst:.3g} > {rtol} at flat index {i}: "
            f"{got.ravel()[i]!r} vs {want.ravel()[i]!r}")
    print(f"  check {what}: max scaled error {worst:.3g}")
    return worst


def vi(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def io_desc(value_infos):
    out = []
    for v in value_infos:
        t = v.type
        if t.HasField("tensor_type"):
            shape = [d.dim_param if d.dim_param else (d.dim_value if d.HasField("dim_value") else None)
                     for d in t.tensor_type.shape.dim]
            shape = [None if (s == "" or s == "N") else s for s in shape]
            out.append({"name": v.name, "type": "tensor",
                        "elem_type": ELEM_NAMES[t.tensor_type.elem_type], "shape": shape})
        elif t.HasField("sequence_type"):
            m = t.sequence_type.elem_type.map_type
            out.append({"name": v.name, "type": "sequence<map<%s,%s>>" % (
                ELEM_NAMES[m.key_type], ELEM_NAMES[m.value_type.tensor_type.elem_type]),
                "shape": [None]})
    return out


def register(filename, model, dataset, estimator, params, inputs_csv, expected_csv,
             tolerance, golden_rows, notes=None, expected_columns=None, row_indices=None):
    entry = {
        "file": filename,
        "dataset": dataset,
        "estimator": estimator,
        "params": params,
        "opset": {"": OPSET_DEFAULT, **({"ai.onnx.ml": OPSET_ML} if any(
            o.domain == "ai.onnx.ml" for o in model.opset_import) else {})},
        "inputs": io_desc(model.graph.input),
        "outputs": io_desc(model.graph.output),
        "golden": {"inputs": inputs_csv, "expected": expected_csv, "rows": golden_rows,
                   "dataset_row_indices": row_indices,
                   "expected_columns": expected_columns},
        "tolerance": tolerance,
        "size_bytes": os.path.getsize(path(filename)),
    }
    if notes:
        entry["notes"] = notes
    MODELS.append(entry)


def node_attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def initializers(model):
    return {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}


FLOAT_TOL = {"rtol": GOLDEN_RTOL, "atol": GOLDEN_ATOL,
             "rule": "abs(actual - expected) <= atol + rtol * abs(expected)"}
EXACT_TOL = {"rtol": 0.0, "atol": 0.0, "rule": "exact"}


# ------------------------------------------------------------ numpy reference eval

def np_eval_dense_graph(model, feeds):
    """Tiny float32 interpreter for the standard ops used in these graphs."""
    env = dict(feeds)
    env.update(initializers(model))
    for n in model.graph.node:
        a = node_attrs(n)
        x = [env[i] for i in n.input]
        if n.op_type == "Concat":
            y = np.concatenate(x, axis=a["axis"])
        elif n.op_type == "MatMul":
            y = np.matmul(x[0].astype(np.float32), x[1].astype(np.float32))
        elif n.op_type == "Add":
            y = (x[0] + x[1]).astype(np.float32)
        elif n.op_type == "Mul":
            y = (x[0] * x[1]).astype(x[0].dtype)
        elif n.op_type == "Relu":
            y = np.maximum(x[0], np.float32(0))
        elif n.op_type == "Identity":
            y = x[0].copy()
        elif n.op_type == "ReduceSum":
            y = np.sum(x[0], axis=tuple(int(v) for v in x[1]),
                       keepdims=bool(a.get("keepdims", 1))).astype(x[0].dtype)
        else:
            raise NotImplementedError(n.op_type)
        env[n.output[0]] = y
    return {o.name: env[o.name] for o in model.graph.output}


def np_eval_tree_ensemble(node, X):
    """Evaluate a TreeEnsembleRegressor/Classifier node from its attributes (float32)."""
    a = node_attrs(node)
    X = X.astype(np.float32)
    treeids = np.array(a["nodes_treeids"])
    nodeids = np.array(a["nodes_nodeids"])
    feats = np.array(a["nodes_featureids"])
    vals = np.array(a["nodes_values"], dtype=np.float32)
    modes = [m.decode() for m in a["nodes_modes"]]
    tru = np.array(a["nodes_truenodeids"])
    fal = np.array(a["nodes_falsenodeids"])
    index = {(int(t), int(n)): i for i, (t, n) in enumerate(zip(treeids, nodeids))}
    trees = sorted(set(int(t) for t in treeids))
    if node.op_type == "TreeEnsembleRegressor":
        prefix, n_out = "target", int(a["n_targets"])
    else:
        prefix, n_out = "class", len(a["classlabels_int64s"])
    leaf_w = {}
    for t, nid, cid, w in zip(a[prefix + "_treeids"], a[prefix + "_nodeids"],
                              a[prefix + "_ids"], a[prefix + "_weights"]):
        leaf_w.setdefault((int(t), int(nid)), []).append((int(cid), np.float32(w)))
    out = np.zeros((X.shape[0], n_out), dtype=np.float32)
    for r in range(X.shape[0]):
        for t in trees:
            i = index[(t, 0)]
            while modes[i] != "LEAF":
                if modes[i] != "BRANCH_LEQ":
                    raise NotImplementedError(modes[i])
                nxt = tru[i] if X[r, feats[i]] <= vals[i] else fal[i]
                i = index[(t, int(nxt))]
            for cid, w in leaf_w[(t, int(nodeids[i]))]:
                out[r, cid] = np.float32(out[r, cid] + w)
    if node.op_type == "TreeEnsembleClassifier" and n_out == 2 and \
            all(int(c) == 0 for c in a["class_ids"]):
        out[:, 1] = out[:, 0]  # binary: the weights are P(class 1) ...
        out[:, 0] = np.float32(1) - out[:, 1]  # ... and the runtime completes P(class 0)
    if node.op_type == "TreeEnsembleRegressor":
        agg = a.get("aggregate_function", b"SUM").decode()
        if agg == "AVERAGE":
            out = (out / np.float32(len(trees))).astype(np.float32)
        elif agg != "SUM":
            raise NotImplementedError(agg)
        base = a.get("base_values")
        if base:
            out = out + np.array(base, dtype=np.float32)
    return out


# --------------------------------------------------------------- tree conversion

def threshold_f32(t):
    """Largest float32 <= t.

    ONNX runtimes compare float32 features with float32 thresholds. sklearn compares
    float32 features (as float64) with the float64 threshold. For every float32 x,
    x <= t  <=>  x <= floor32(t), so rounding down keeps the split decisions identical
    (plain round-to-nearest could move a threshold onto a training value)."""
    f = np.float32(t)
    if float(f) > t:
        f = np.nextafter(f, np.float32(-np.inf))
    return float(f)


def forest_nodes(estimators, classifier=False, n_classes=0):
    """Flatten sklearn trees into ai.onnx.ml TreeEnsemble attribute lists."""
    n = {k: [] for k in ("treeids", "nodeids", "featureids", "values", "modes",
                         "truenodeids", "falsenodeids", "hitrates", "missing")}
    leaf = {"treeids": [], "nodeids": [], "ids": [], "weights": []}
    n_trees = len(estimators)
    for t_id, est in enumerate(estimators):
        tree = est.tree_
        for i in range(tree.node_count):
            left, right = int(tree.children_left[i]), int(tree.children_right[i])
            n["treeids"].append(t_id)
            n["nodeids"].append(i)
            n["hitrates"].append(1.0)
            n["missing"].append(0)
            if left == -1:  # leaf
                n["featureids"].append(0)
                n["values"].append(0.0)
                n["modes"].append("LEAF")
                n["truenodeids"].append(0)
                n["falsenodeids"].append(0)
                if classifier:
                    counts = np.asarray(tree.value[i, 0, :n_classes], dtype=np.float64)
                    frac = counts / counts.sum()  # per-tree predict_proba
                    # Binary classifiers carry one weight per leaf, P(class 1), under class
                    # id 0, as skl2onnx writes them: ONNX Runtime then labels by p1 > 0.5 and
                    # outputs [1 - p1, p1]. With weights for both classes its binary path
                    # labels every row whose class-1 score is positive as class 1.
                    votes = [(0, frac[1])] if n_classes == 2 else list(enumerate(frac))
                    for c, weight in votes:
                        leaf["treeids"].append(t_id)
                        leaf["nodeids"].append(i)
                        leaf["ids"].append(c)
                        leaf["weights"].append(float(np.float32(weight / n_trees)))
                else:
                    leaf["treeids"].append(t_id)
                    leaf["nodeids"].append(i)
                    leaf["ids"].append(0)
                    leaf["weights"].append(float(np.float32(tree.value[i, 0, 0])))
            else:
                n["featureids"].append(int(tree.feature[i]))
                n["values"].append(threshold_f32(float(tree.threshold[i])))
                n["modes"].append("BRANCH_LEQ")
                n["truenodeids"].append(left)   # x <= threshold -> left child
                n["falsenodeids"].append(right)
    return n, leaf


def tree_common_attrs(n):
    return dict(
        nodes_treeids=n["treeids"], nodes_nodeids=n["nodeids"],
        nodes_featureids=n["featureids"], nodes_values=n["values"],
        nodes_modes=n["modes"], nodes_truenodeids=n["truenodeids"],
        nodes_falsenodeids=n["falsenodeids"], nodes_hitrates=n["hitrates"],
        nodes_missing_value_tracks_true=n["missing"], post_transform="NONE")


def forest_regressor_model(rf, n_features, graph_name):
    n, leaf = forest_nodes(rf.estimators_)
    node = helper.make_node(
        "TreeEnsembleRegressor", ["input"], ["variable"], domain="ai.onnx.ml",
        n_targets=1, aggregate_function="AVERAGE",
        target_treeids=leaf["treeids"], target_nodeids=leaf["nodeids"],
        target_ids=leaf["ids"], target_weights=leaf["weights"],
        **tree_common_attrs(n))
    graph = helper.make_graph(
        [node], graph_name,
        [vi("input", TensorProto.FLOAT, [None, n_features])],
        [vi("variable", TensorProto.FLOAT, [None, 1])])
    return make_model(graph, ml=True)


def binary_forest_classifier_model(rf, n_features, graph_name, producer="tests/models/generate.py"):
    """A two-class RandomForestClassifier: input [N,F] float -> label int64 [N], probabilities [N,2]."""
    n, leaf = forest_nodes(rf.estimators_, classifier=True, n_classes=2)
    node = helper.make_node(
        "TreeEnsembleClassifier", ["input"], ["label", "probabilities"], domain="ai.onnx.ml",
        classlabels_int64s=[0, 1],
        class_treeids=leaf["treeids"], class_nodeids=leaf["nodeids"],
        class_ids=leaf["ids"], class_weights=leaf["weights"],
        **tree_common_attrs(n))
    graph = helper.make_graph(
        [node], graph_name,
        [vi("input", TensorProto.FLOAT, [None, n_features])],
        [vi("label", TensorProto.INT64, [None]),
         vi("probabilities", TensorProto.FLOAT, [None, 2])])
    return make_model(graph, producer=producer, ml=True)


# ------------------------------------------------------------------- data & golden

def float_matrix_inputs_csv(filename, X):
    header = [f"input_{j}" for j in range(X.shape[1])]
    write_csv(filename, header, [[f32repr(v) for v in row] for row in X])
    return header


def expected_csv(filename, columns):
    """columns: list of (name, list_of_values, kind) with kind in float|int|str."""
    header = [c[0] for c in columns]
    n = len(columns[0][1])
    rows = []
    for r in range(n):
        row = []
        for _, values, kind in columns:
            v = values[r]
            if kind == "float":
                row.append(frepr(v))
            elif kind == "int":
                row.append(str(int(v)))
            else:
                row.append(str(v))
        rows.append(row)
    write_csv(filename, header, rows)
    return header


def diabetes():
    d = load_diabetes()  # already mean-centred and scaled (scaled=True)
    return d.data, d.target, list(d.feature_names)


def breast_cancer():
    d = load_breast_cancer()
    return d.data, d.target


# ----------------------------------------------------------------------- models

def build_linear_percol():
    print("linear_percol.onnx")
    X, y, names = diabetes()
    est = LinearRegression().fit(X, y)
    X32 = X[:N_GOLDEN].astype(np.float32)
    want = est.predict(X32)

    coef = numpy_helper.from_array(est.coef_.astype(np.float32).reshape(-1, 1), "coef")
    icpt = numpy_helper.from_array(np.array([est.intercept_], dtype=np.float32), "intercept")
    nodes = [
        helper.make_node("Concat", names, ["features"], axis=1),
        helper.make_node("MatMul", ["features", "coef"], ["matmul_out"]),
        helper.make_node("Add", ["matmul_out", "intercept"], ["score"]),
    ]
    graph = helper.make_graph(
        nodes, "linear_percol",
        [vi(nm, TensorProto.FLOAT, [None, 1]) for nm in names],
        [vi("score", TensorProto.FLOAT, [None, 1])],
        initializer=[coef, icpt])
    model = save_model(make_model(graph), "linear_percol.onnx")

    got = np_eval_dense_graph(model, {nm: X32[:, [j]] for j, nm in enumerate(names)})["score"]
    assert_close("linear_percol", got[:, 0], want)

    write_csv("linear_percol.inputs.csv", names, [[f32repr(v) for v in row] for row in X32])
    cols = expected_csv("linear_percol.expected.csv", [("score", want, "float")])
    register("linear_percol.onnx", model, "sklearn.datasets.load_diabetes (first 50 rows)",
             "sklearn.linear_model.LinearRegression", {},
             "linear_percol.inputs.csv", "linear_percol.expected.csv", FLOAT_TOL, N_GOLDEN,
             notes="one [N,1] float input per feature, concatenated in dataset feature order",
             expected_columns=cols)


def build_tree_regressor():
    print("tree_regressor.onnx")
    X, y, _ = diabetes()
    params = dict(n_estimators=10, max_depth=5, random_state=0)
    rf = RandomForestRegressor(**params).fit(X, y)
    X32 = X[:N_GOLDEN].astype(np.float32)
    want = rf.predict(X32)

    model = save_model(forest_regressor_model(rf, X.shape[1], "tree_regressor"),
                       "tree_regressor.onnx")
    got = np_eval_tree_ensemble(model.graph.node[0], X32)
    assert_close("tree_regressor", got[:, 0], want)
    # also check on the whole data set
    assert_close("tree_regressor (all rows)",
                 np_eval_tree_ensemble(model.graph.node[0], X.astype(np.float32))[:, 0],
                 rf.predict(X.astype(np.float32)))

    float_matrix_inputs_csv("tree_regressor.inputs.csv", X32)
    cols = expected_csv("tree_regressor.expected.csv", [("variable", want, "float")])
    register("tree_regressor.onnx", model, "sklearn.datasets.load_diabetes (first 50 rows)",
             "sklearn.ensemble.RandomForestRegressor", params,
             "tree_regressor.inputs.csv", "tree_regressor.expected.csv", FLOAT_TOL, N_GOLDEN,
             expected_columns=cols)


def build_tree_classifier():
    print("tree_classifier.onnx")
    X, y = breast_cancer()
    params = dict(n_estimators=10, max_depth=5, random_state=0)
    rf = RandomForestClassifier(**params).fit(X, y)
    assert list(rf.classes_) == [0, 1]
    X32 = X[:N_GOLDEN].astype(np.float32)
    want_p = rf.predict_proba(X32)
    want_l = rf.predict(X32)

    model = save_model(binary_forest_classifier_model(rf, X.shape[1], "tree_classifier"), "tree_classifier.onnx")

    got = np_eval_tree_ensemble(model.graph.node[0], X32)
    assert_close("tree_classifier proba", got, want_p)
    got_l = np.argmax(got, axis=1)
    if not np.array_equal(got_l, want_l):
        raise AssertionError("tree_classifier labels differ")
    Xa = X.astype(np.float32)
    assert_close("tree_classifier proba (all rows)",
                 np_eval_tree_ensemble(model.graph.node[0], Xa), rf.predict_proba(Xa))

    float_matrix_inputs_csv("tree_classifier.inputs.csv", X32)
    cols = expected_csv("tree_classifier.expected.csv", [
        ("label", want_l, "int"),
        ("probabilities_0", want_p[:, 0], "float"),
        ("probabilities_1", want_p[:, 1], "float")])
    register("tree_classifier.onnx", model,
             "sklearn.datasets.load_breast_cancer (first 50 rows)",
             "sklearn.ensemble.RandomForestClassifier", params,
             "tree_classifier.inputs.csv", "tree_classifier.expected.csv",
             {"label": EXACT_TOL, "probabilities": FLOAT_TOL}, N_GOLDEN,
             notes="no ZipMap; probabilities = mean over trees of leaf class fractions",
             expected_columns=cols)


def build_zipmap_classifier():
    print("zipmap_classifier.onnx")
    d = load_iris()
    X = d.data
    y = np.array([str(d.target_names[t]) for t in d.target])
    params = dict(max_iter=1000)
    est = LogisticRegression(**params).fit(X, y)
    labels = [str(c) for c in est.classes_]
    assert labels == ["setosa", "versicolor", "virginica"]
    # iris is sorted by class, so the first 50 rows are all 'setosa'. Use every third
    # row instead (rows 0, 3, ..., 147: still 50 rows, all three classes present).
    golden_idx = np.arange(0, X.shape[0], 3)[:N_GOLDEN]
    assert len(golden_idx) == N_GOLDEN
    X32 = X[golden_idx].astype(np.float32)
    want_p = est.predict_proba(X32)
    want_l = est.predict(X32)

    lin = helper.make_node(
        "LinearClassifier", ["input"], ["label", "probabilities"], domain="ai.onnx.ml",
        classlabels_strings=labels,
        coefficients=[float(np.float32(v)) for v in est.coef_.ravel()],  # [C, F] row-major
        intercepts=[float(np.float32(v)) for v in est.intercept_],
        multi_class=1, post_transform="SOFTMAX")
    zm = helper.make_node("ZipMap", ["probabilities"], ["output_probability"],
                          domain="ai.onnx.ml", classlabels_strings=labels)
    # onnx 1.12 has no helper.make_map_type_proto: build map<string, float> by hand
    map_type = onnx.TypeProto()
    map_type.map_type.key_type = TensorProto.STRING
    map_type.map_type.value_type.CopyFrom(
        helper.make_tensor_type_proto(TensorProto.FLOAT, None))
    seq_map = helper.make_sequence_type_proto(map_type)
    graph = helper.make_graph(
        [lin, zm], "zipmap_classifier",
        [vi("input", TensorProto.FLOAT, [None, X.shape[1]])],
        [vi("label", TensorProto.STRING, [None]),
         helper.make_value_info("output_probability", seq_map)])
    model = save_model(make_model(graph, ml=True), "zipmap_classifier.onnx",
                       strict_inference=False)

    # numpy re-evaluation from the saved attributes
    a = node_attrs(model.graph.node[0])
    C = len(a["classlabels_strings"])
    W = np.array(a["coefficients"], dtype=np.float32).reshape(C, -1)
    b = np.array(a["intercepts"], dtype=np.float32)
    s = X32 @ W.T + b
    e = np.exp(s - s.max(axis=1, keepdims=True))
    got = e / e.sum(axis=1, keepdims=True)
    assert_close("zipmap_classifier proba", got, want_p)
    got_l = np.array([a["classlabels_strings"][i].decode() for i in np.argmax(got, axis=1)])
    if not np.array_equal(got_l, want_l):
        raise AssertionError("zipmap_classifier labels differ")

    float_matrix_inputs_csv("zipmap_classifier.inputs.csv", X32)
    cols = [("label", want_l, "str")] + [
        (f"output_probability_{lab}", want_p[:, k], "float") for k, lab in enumerate(labels)]
    cols = expected_csv("zipmap_classifier.expected.csv", cols)
    register("zipmap_classifier.onnx", model,
             "sklearn.datasets.load_iris (50 rows: every third row, 0, 3, ..., 147)",
             "sklearn.linear_model.LogisticRegression", params,
             "zipmap_classifier.inputs.csv", "zipmap_classifier.expected.csv",
             {"label": EXACT_TOL, "output_probability": FLOAT_TOL}, N_GOLDEN,
             row_indices=[int(i) for i in golden_idx],
             notes="string class labels; golden rows are iris rows 0, 3, ..., 147 "
                   "(the first 50 iris rows would all be 'setosa'); LinearClassifier(SOFTMAX, multinomial) -> ZipMap(classlabels_strings)",
             expected_columns=cols)


def build_mlp_regressor():
    print("mlp_regressor.onnx")
    X, y, _ = diabetes()
    params = dict(hidden_layer_sizes=(16, 8), random_state=0, max_iter=500)
    import warnings
    from sklearn.exceptions import ConvergenceWarning
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        est = MLPRegressor(**params).fit(X, y)
    assert est.activation == "relu" and est.out_activation_ == "identity"
    X32 = X[:N_GOLDEN].astype(np.float32)
    want = est.predict(X32)

    nodes, inits = [], []
    cur = "input"
    n_layers = len(est.coefs_)
    for k, (W, b) in enumerate(zip(est.coefs_, est.intercepts_)):
        inits.append(numpy_helper.from_array(W.astype(np.float32), f"W{k}"))
        inits.append(numpy_helper.from_array(b.astype(np.float32), f"B{k}"))
        nodes.append(helper.make_node("MatMul", [cur, f"W{k}"], [f"mm{k}"]))
        last = k == n_layers - 1
        out = "variable" if last else f"lin{k}"
        nodes.append(helper.make_node("Add", [f"mm{k}", f"B{k}"], [out]))
        if not last:
            nodes.append(helper.make_node("Relu", [out], [f"act{k}"]))
            cur = f"act{k}"
    graph = helper.make_graph(
        nodes, "mlp_regressor",
        [vi("input", TensorProto.FLOAT, [None, X.shape[1]])],
        [vi("variable", TensorProto.FLOAT, [None, 1])], initializer=inits)
    model = save_model(make_model(graph), "mlp_regressor.onnx")

    got = np_eval_dense_graph(model, {"input": X32})["variable"]
    assert_close("mlp_regressor", got[:, 0], want)

    float_matrix_inputs_csv("mlp_regressor.inputs.csv", X32)
    cols = expected_csv("mlp_regressor.expected.csv", [("variable", want, "float")])
    register("mlp_regressor.onnx", model, "sklearn.datasets.load_diabetes (first 50 rows)",
             "sklearn.neural_network.MLPRegressor", params,
             "mlp_regressor.inputs.csv", "mlp_regressor.expected.csv", FLOAT_TOL, N_GOLDEN,
             notes="load_diabetes features are already mean-centred/scaled; no scaler in graph; "
                   f"training stops at max_iter={params['max_iter']} (ConvergenceWarning "
                   "suppressed)",
             expected_columns=cols)


TYPES = [  # (input name, TensorProto type, numpy dtype, kind)
    ("f32", TensorProto.FLOAT, np.float32, "float"),
    ("f64", TensorProto.DOUBLE, np.float64, "float"),
    ("i64", TensorProto.INT64, np.int64, "int"),
    ("i32", TensorProto.INT32, np.int32, "int"),
    ("i8", TensorProto.INT8, np.int8, "int"),
    ("u8", TensorProto.UINT8, np.uint8, "int"),
    ("b", TensorProto.BOOL, np.bool_, "bool"),
    ("s", TensorProto.STRING, object, "str"),
]

TYPE_ROWS = {
    "f32": [-1.5, 0.0, 3.4028234663852886e38, 1.401298464324817e-45, 0.1],
    "f64": [-2.5, 0.0, 1.7976931348623157e308, 5e-324, 0.1],
    "i64": [-9223372036854775808, 0, 9223372036854775807, -1, 42],
    "i32": [-2147483648, 0, 2147483647, -1, 42],
    "i8": [-128, 0, 127, -1, 42],
    "u8": [0, 1, 255, 128, 42],
    "b": [True, False, True, False, True],
    "s": ["hello", "", "h\u00e9llo", "with space", "\u65e5\u672c"],
}


def fmt_typed(kind, v, dtype):
    if kind == "float":
        return repr(float(dtype(v)))
    if kind == "int":
        return str(int(v))
    if kind == "bool":
        return "1" if v else "0"
    return str(v)


def build_types_identity():
    print("types_identity.onnx")
    nodes = [helper.make_node("Identity", [n], [n + "_out"]) for n, *_ in TYPES]
    graph = helper.make_graph(
        nodes, "types_identity",
        [vi(n, t, [None]) for n, t, _, _ in TYPES],
        [vi(n + "_out", t, [None]) for n, t, _, _ in TYPES])
    model = save_model(make_model(graph), "types_identity.onnx")

    # sanity: values are representable in their dtype without change
    for n, _, dt, kind in TYPES:
        if kind in ("float", "int"):
            arr = np.array(TYPE_ROWS[n], dtype=dt)
            if [fmt_typed(kind, v, dt) for v in arr] != [fmt_typed(kind, v, dt) for v in TYPE_ROWS[n]]:
                raise AssertionError(f"types_identity: value of {n} not representable")
    feeds = {n: np.array(TYPE_ROWS[n], dtype=dt) for n, _, dt, _ in TYPES}
    outs = np_eval_dense_graph(model, feeds)
    for n, _, dt, kind in TYPES:
        if list(outs[n + "_out"]) != list(feeds[n]):
            raise AssertionError(f"types_identity: {n}")

    rows_in = [[fmt_typed(kind, TYPE_ROWS[n][r], dt) for n, _, dt, kind in TYPES]
               for r in range(5)]
    write_csv("types_identity.inputs.csv", [n for n, *_ in TYPES], rows_in)
    write_csv("types_identity.expected.csv", [n + "_out" for n, *_ in TYPES], rows_in)
    register("types_identity.onnx", model, "hand-picked edge values (5 rows)",
             None, {}, "types_identity.inputs.csv", "types_identity.expected.csv",
             EXACT_TOL, 5,
             notes="Identity per element type; bool written as 1/0; row 2 of 's' is the "
                   "empty string (empty CSV field); CSV files are UTF-8",
             expected_columns=[n + "_out" for n, *_ in TYPES])


def build_matrix_out():
    print("matrix_out.onnx")
    two = numpy_helper.from_array(np.array(2.0, dtype=np.float32), "two")
    axes = numpy_helper.from_array(np.array([1], dtype=np.int64), "axes")
    nodes = [
        helper.make_node("Mul", ["x", "two"], ["y"]),
        helper.make_node("ReduceSum", ["x", "axes"], ["rowsum"], keepdims=0),
    ]
    graph = helper.make_graph(
        nodes, "matrix_out",
        [vi("x", TensorProto.FLOAT, [None, 3])],
        [vi("y", TensorProto.FLOAT, [None, 3]), vi("rowsum", TensorProto.FLOAT, [None])],
        initializer=[two, axes])
    model = save_model(make_model(graph), "matrix_out.onnx")

    x = np.array([[1.0, 2.0, 3.0],
                  [-1.5, 0.0, 1.5],
                  [0.0, 0.0, 0.0],
                  [0.1, 0.2, 0.3],
                  [1e6, -2.5e-3, 123.456]], dtype=np.float32)
    out = np_eval_dense_graph(model, {"x": x})
    y, rs = out["y"], out["rowsum"]
    assert_close("matrix_out y", y, x.astype(np.float64) * 2)
    assert_close("matrix_out rowsum", rs, x.astype(np.float64).sum(axis=1))
    write_csv("matrix_out.inputs.csv", ["x_0", "x_1", "x_2"],
              [[f32repr(v) for v in row] for row in x])
    # expected values: float32 results of the graph (exact for y, float32 sum for rowsum)
    cols = expected_csv("matrix_out.expected.csv",
                        [(f"y_{j}", y[:, j], "float") for j in range(3)] +
                        [("rowsum", rs, "float")])
    register("matrix_out.onnx", model, "hand-picked values (5 rows)", None, {},
             "matrix_out.inputs.csv", "matrix_out.expected.csv", FLOAT_TOL, 5,
             notes="input columns are named x_0..x_2 (input 'x' is [N,3]); "
                   "expected values are the float32 results of the graph computed with numpy",
             expected_columns=cols)


def build_bench_linear30():
    print("bench_linear30.onnx")
    X, y = breast_cancer()
    est = LinearRegression().fit(X, y.astype(np.float64))
    X32 = X[:N_GOLDEN].astype(np.float32)
    want = est.predict(X32)
    coef = numpy_helper.from_array(est.coef_.astype(np.float32).reshape(-1, 1), "coef")
    icpt = numpy_helper.from_array(np.array([est.intercept_], dtype=np.float32), "intercept")
    nodes = [helper.make_node("MatMul", ["input", "coef"], ["matmul_out"]),
             helper.make_node("Add", ["matmul_out", "intercept"], ["variable"])]
    graph = helper.make_graph(
        nodes, "bench_linear30",
        [vi("input", TensorProto.FLOAT, [None, 30])],
        [vi("variable", TensorProto.FLOAT, [None, 1])], initializer=[coef, icpt])
    model = save_model(make_model(graph), "bench_linear30.onnx")
    got = np_eval_dense_graph(model, {"input": X32})["variable"]
    assert_close("bench_linear30", got[:, 0], want)

    float_matrix_inputs_csv("bench_linear30.inputs.csv", X32)
    cols = expected_csv("bench_linear30.expected.csv", [("variable", want, "float")])
    register("bench_linear30.onnx", model,
             "sklearn.datasets.load_breast_cancer (first 50 rows; target as float)",
             "sklearn.linear_model.LinearRegression", {},
             "bench_linear30.inputs.csv", "bench_linear30.expected.csv", FLOAT_TOL, N_GOLDEN,
             notes="benchmark model; valid for any float input of shape [N,30]",
             expected_columns=cols)


def build_bench_forest100():
    print("bench_forest100.onnx")
    X, y = breast_cancer()
    params = dict(n_estimators=100, max_depth=8, random_state=0)
    rf = RandomForestRegressor(**params).fit(X, y.astype(np.float64))
    X32 = X[:N_GOLDEN].astype(np.float32)
    want = rf.predict(X32)
    model = save_model(forest_regressor_model(rf, 30, "bench_forest100"),
                       "bench_forest100.onnx")
    got = np_eval_tree_ensemble(model.graph.node[0], X32)
    assert_close("bench_forest100", got[:, 0], want)

    float_matrix_inputs_csv("bench_forest100.inputs.csv", X32)
    cols = expected_csv("bench_forest100.expected.csv", [("variable", want, "float")])
    register("bench_forest100.onnx", model,
             "sklearn.datasets.load_breast_cancer (first 50 rows; target as float)",
             "sklearn.ensemble.RandomForestRegressor", params,
             "bench_forest100.inputs.csv", "bench_forest100.expected.csv", FLOAT_TOL, N_GOLDEN,
             notes="benchmark model; valid for any float input of shape [N,30]",
             expected_columns=cols)


def build_corrupt_files():
    print("truncated.onnx, not_onnx.bin")
    with open(path("tree_classifier.onnx"), "rb") as f:
        data = f.read()
    cut = int(len(data) * 0.4)
    with open(path("truncated.onnx"), "wb") as f:
        f.write(data[:cut])
    try:
        onnx.load_model_from_string(data[:cut])
        print("  note: protobuf parser accepted the truncated bytes")
        truncated_parses = True
    except Exception:
        truncated_parses = False
    text = b"this is not an onnx model ... " 
    blob = (text * 3)[:64]
    assert len(blob) == 64
    with open(path("not_onnx.bin"), "wb") as f:
        f.write(blob)
    MODELS.append({"file": "truncated.onnx", "corrupt": True,
                   "notes": f"first 40% ({cut} of {len(data)} bytes) of tree_classifier.onnx; "
                            "loading must fail"
                            + (" (note: python protobuf parsed it)" if truncated_parses else ""),
                   "size_bytes": cut})
    MODELS.append({"file": "not_onnx.bin", "corrupt": True,
                   "notes": "64 bytes of ASCII text; loading must fail", "size_bytes": 64})


def main():
    np.random.seed(0)
    build_linear_percol()
    build_tree_regressor()
    build_tree_classifier()
    build_zipmap_classifier()
    build_mlp_regressor()
    build_types_identity()
    build_matrix_out()
    build_bench_linear30()
    build_bench_forest100()
    build_corrupt_files()
    meta = {
        "generator": "tests/models/generate.py",
        "regenerate": "/usr/bin/python3 tests/models/generate.py",
        "versions": {"onnx": onnx.__version__, "scikit-learn": sklearn.__version__,
                     "numpy": np.__version__},
        "csv": {"encoding": "utf-8", "float_format": "Python repr; inputs are float32-rounded",
                "bool_format": "1/0",
                "column_naming": "[N] or [N,1] -> <name>; [N,K] -> <name>_0..<name>_{K-1}; "
                                 "ZipMap -> <name>_<key> in label order"},
        "models": MODELS,
    }
    with open(path("models.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(meta, f, indent=2, ensure_ascii=False)
        f.write("\n")
    total = sum(os.path.getsize(path(p)) for p in os.listdir(HERE)
                if os.path.isfile(path(p)))
    print(f"done; directory size {total} bytes")
    if total > 8 * 1024 * 1024:
        print("directory larger than 8 MB", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
