package dev.anshin.scoring.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Pure-Java evaluator of an XGBoost gradient-boosted tree ensemble read from XGBoost's JSON model
 * format ({@code booster.saveModel("model.json")}), binary:logistic objective.
 *
 * <p>All trees are flattened into parallel primitive arrays indexed by a global node number, so a
 * prediction walks arrays and allocates nothing. Numerics follow XGBoost's CPU predictor: splits
 * compare in float32 ({@code value < condition} goes left, NaN takes the default branch) and leaf
 * values are accumulated in float32 onto the base margin, tree by tree, so margins agree with
 * XGBoost to the last bit or so rather than merely to a tolerance.
 */
public final class TreeEnsemble implements RiskModel {

    private final String version;
    private final List<String> featureNames;

    private final float baseMargin;
    private final int[] roots;
    /** Split feature of each node, or -1 for a leaf. */
    private final int[] splitFeature;
    /** Split threshold of an inner node, or the (learning-rate-scaled) value of a leaf. */
    private final float[] threshold;
    private final int[] left;
    private final int[] right;
    /** Where a missing (NaN) value goes. */
    private final int[] missing;
    /** Hessian-weighted mean of the leaves below each node, as XGBoost's approx contributions use. */
    private final float[] meanValue;

    private TreeEnsemble(String version, List<String> featureNames, XgboostJsonModel model) {
        this.version = version;
        this.featureNames = List.copyOf(featureNames);
        if (model.numFeature() > featureNames.size()) {
            throw new IllegalArgumentException("model was trained on " + model.numFeature()
                    + " features but " + featureNames.size() + " feature names were given");
        }
        this.baseMargin = model.baseMargin();
        int trees = model.trees().size();
        int nodes = model.trees().stream().mapToInt(XgboostJsonModel.Tree::size).sum();
        this.roots = new int[trees];
        this.splitFeature = new int[nodes];
        this.threshold = new float[nodes];
        this.left = new int[nodes];
        this.right = new int[nodes];
        this.missing = new int[nodes];
        this.meanValue = new float[nodes];
        int offset = 0;
        for (int t = 0; t < trees; t++) {
            XgboostJsonModel.Tree tree = model.trees().get(t);
            roots[t] = offset;
            for (int n = 0; n < tree.size(); n++) {
                int g = offset + n;
                boolean leaf = tree.left()[n] == -1;
                threshold[g] = tree.splitConditions()[n];
                if (leaf) {
                    splitFeature[g] = -1;
                    left[g] = right[g] = missing[g] = -1;
                } else {
                    int feature = tree.splitIndices()[n];
                    if (feature < 0 || feature >= featureNames.size()) {
                        throw new IllegalArgumentException("tree " + t + " splits on feature " + feature
                                + " but only " + featureNames.size() + " feature names were given");
                    }
                    splitFeature[g] = feature;
                    left[g] = offset + tree.left()[n];
                    right[g] = offset + tree.right()[n];
                    missing[g] = tree.defaultLeft()[n] ? left[g] : right[g];
                }
            }
            fillMeanValues(tree, offset, 0);
            offset += tree.size();
        }
    }

    /** Reads an XGBoost JSON model; {@code featureNames} give the column order it was trained on. */
    public static TreeEnsemble fromXgboostJson(String version, List<String> featureNames, InputStream json)
            throws IOException {
        return new TreeEnsemble(version, featureNames, XgboostJsonModel.read(json));
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    /** Number of trees in the ensemble. */
    public int treeCount() {
        return roots.length;
    }

    /** The raw margin (log-odds), base score included. */
    public double margin(float[] features) {
        checkWidth(features);
        // float32 accumulation in tree order, starting from the base margin: XGBoost's CPU predictor.
        float sum = baseMargin;
        for (int root : roots) {
            sum += threshold[leaf(root, features)];
        }
        return sum;
    }

    @Override
    public double score(float[] features) {
        return 1.0 / (1.0 + Math.exp(-margin(features)));
    }

    @Override
    public double[] contributions(float[] features) {
        checkWidth(features);
        int width = featureNames.size();
        double[] contributions = new double[width + 1];
        double bias = baseMargin;
        for (int root : roots) {
            // Saabas attribution, as XGBoost's approx_contribs: each split on the path is credited with
            // the change in the expected value it causes.
            int node = root;
            float nodeValue = meanValue[node];
            bias += nodeValue;
            while (splitFeature[node] >= 0) {
                int feature = splitFeature[node];
                node = next(node, features[feature]);
                float childValue = splitFeature[node] >= 0 ? meanValue[node] : threshold[node];
                contributions[feature] += childValue - nodeValue;
                nodeValue = childValue;
            }
        }
        contributions[width] = bias;
        return contributions;
    }

    private int leaf(int root, float[] features) {
        int node = root;
        while (splitFeature[node] >= 0) {
            node = next(node, features[splitFeature[node]]);
        }
        return node;
    }

    private int next(int node, float value) {
        if (value < threshold[node]) {
            return left[node];
        }
        return Float.isNaN(value) ? missing[node] : right[node];
    }

    private void checkWidth(float[] features) {
        if (features.length != featureNames.size()) {
            throw new IllegalArgumentException(
                    "expected " + featureNames.size() + " features, got " + features.length);
        }
    }

    /** XGBoost's FillNodeMeanValues: leaves keep their value, inner nodes the hessian-weighted mean. */
    private float fillMeanValues(XgboostJsonModel.Tree tree, int offset, int node) {
        float value;
        if (tree.left()[node] == -1) {
            value = tree.splitConditions()[node];
        } else {
            int l = tree.left()[node];
            int r = tree.right()[node];
            value = fillMeanValues(tree, offset, l) * tree.sumHessian()[l]
                    + fillMeanValues(tree, offset, r) * tree.sumHessian()[r];
            value /= tree.sumHessian()[node];
        }
        meanValue[offset + node] = value;
        return value;
    }
}
