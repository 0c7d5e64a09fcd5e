package dev.anshin.scoring.model;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Pure-Java evaluator of an XGBoost gradient-boosted tree ensemble read from XGBoost's JSON model
 * format ({@code booster.saveModel("model.json")}), binary:logistic objective.
 *
 * <p>Numerics follow XGBoost's CPU predictor: splits compare in float32 ({@code value < condition}
 * goes left, NaN takes the default branch) and leaf values are accumulated in float32 onto the base
 * margin, tree by tree, so margins agree with XGBoost bit for bit, not merely to a tolerance.
 *
 * <p>Speed: all trees live in one int array and a prediction allocates nothing. A tree walk is a
 * chain of dependent loads and a coin-toss comparison at every level, so it is latency-bound; the
 * walk is therefore branch-free (a leaf is a node that loops to itself, so a tree takes a fixed
 * number of steps) and four trees are walked side by side, letting the CPU overlap their chains.
 */
public final class TreeEnsemble implements RiskModel {

    /** Trees walked side by side. */
    private static final int LANES = 4;

    private final String version;
    private final List<String> featureNames;

    private final float baseMargin;
    private final int[] roots;
    /** Steps from the root to the deepest leaf, per tree. */
    private final int[] depth;
    /** The largest depth among each group of {@value #LANES} consecutive trees. */
    private final int[] laneDepth;
    /*
     * All nodes of all trees, one entry per node in each array: split feature; threshold; left child,
     * whose right sibling always follows it (nodes are renumbered breadth-first at load); where a
     * missing value goes, 0 left or 1 right. A leaf points to itself with a NaN threshold, so every
     * comparison keeps it where it is.
     */
    private final int[] feature;
    private final float[] threshold;
    private final int[] left;
    private final int[] missing;
    /**
     * Per node, the hessian-weighted mean of the leaves below it (XGBoost's FillNodeMeanValues, used
     * by approx contributions); for a leaf that is exactly its value.
     */
    private final float[] meanValue;

    private TreeEnsemble(String version, List<String> featureNames, XgboostJsonModel model) {
        this.version = version;
        this.featureNames = List.copyOf(featureNames);
        if (featureNames.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one feature name");
        }
        if (!model.featureNames().isEmpty() && !model.featureNames().equals(featureNames)) {
            // Columns are matched by position: a model saved with other names would read wrong columns.
            throw new IllegalArgumentException("model was saved with feature names " + model.featureNames()
                    + " but " + featureNames + " were given");
        }
        if (model.numFeature() > featureNames.size()) {
            throw new IllegalArgumentException("model was trained on " + model.numFeature()
                    + " features but " + featureNames.size() + " feature names were given");
        }
        this.baseMargin = model.baseMargin();
        int trees = model.trees().size();
        int total = model.trees().stream().mapToInt(XgboostJsonModel.Tree::size).sum();
        this.roots = new int[trees];
        this.depth = new int[trees];
        int[] features = new int[total];
        float[] thresholds = new float[total];
        int[] lefts = new int[total];
        int[] missings = new int[total];
        float[] means = new float[total];
        int offset = 0;
        for (int t = 0; t < trees; t++) {
            XgboostJsonModel.Tree tree = model.trees().get(t);
            float[] treeMeans = new float[tree.size()];
            fillMeanValues(tree, 0, treeMeans);
            // Breadth-first: order[k] is the original id of new node k, level[k] its depth.
            int[] order = new int[tree.size()];
            int[] level = new int[tree.size()];
            int size = 1;
            for (int k = 0; k < size; k++) {
                int old = order[k];
                int g = offset + k;
                means[g] = treeMeans[old];
                depth[t] = Math.max(depth[t], level[k]);
                if (tree.left()[old] == -1) {
                    thresholds[g] = Float.NaN;
                    lefts[g] = g;
                    continue;
                }
                int split = tree.splitIndices()[old];
                if (split < 0 || split >= featureNames.size()) {
                    throw new IllegalArgumentException("tree " + t + " splits on feature " + split
                            + " but only " + featureNames.size() + " feature names were given");
                }
                features[g] = split;
                thresholds[g] = tree.splitConditions()[old];
                lefts[g] = offset + size;
                missings[g] = tree.defaultLeft()[old] ? 0 : 1;
                level[size] = level[size + 1] = level[k] + 1;
                order[size++] = tree.left()[old];
                order[size++] = tree.right()[old];
            }
            roots[t] = offset;
            offset += size;
        }
        // Deleted (unreachable) nodes were dropped by the renumbering.
        this.feature = Arrays.copyOf(features, offset);
        this.threshold = Arrays.copyOf(thresholds, offset);
        this.left = Arrays.copyOf(lefts, offset);
        this.missing = Arrays.copyOf(missings, offset);
        this.meanValue = Arrays.copyOf(means, offset);
        this.laneDepth = new int[trees / LANES];
        for (int lane = 0; lane < laneDepth.length; lane++) {
            for (int i = 0; i < LANES; i++) {
                laneDepth[lane] = Math.max(laneDepth[lane], depth[lane * LANES + i]);
            }
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
        int t = 0;
        for (int lane = 0; lane < laneDepth.length; lane++, t += LANES) {
            int n0 = roots[t];
            int n1 = roots[t + 1];
            int n2 = roots[t + 2];
            int n3 = roots[t + 3];
            for (int step = laneDepth[lane]; step > 0; step--) {
                n0 = next(n0, features);
                n1 = next(n1, features);
                n2 = next(n2, features);
                n3 = next(n3, features);
            }
            sum += meanValue[n0];
            sum += meanValue[n1];
            sum += meanValue[n2];
            sum += meanValue[n3];
        }
        for (; t < roots.length; t++) {
            int node = roots[t];
            for (int step = depth[t]; step > 0; step--) {
                node = next(node, features);
            }
            sum += meanValue[node];
        }
        return sum;
    }

    @Override
    public double score(float[] features) {
        return 1.0 / (1.0 + Math.exp(-margin(features)));
    }

    @Override
    public double[] contributions(float[] features) {
        return explain(features).contributions();
    }

    /**
     * Score and contributions in one pass over the trees. Contributions are Saabas attributions, as
     * XGBoost's approx_contribs: each split on the path is credited with the change in the expected
     * value (hessian-weighted mean of the leaves below) it causes; the last element is the bias, the
     * base margin plus every root's expected value. They sum to the margin.
     */
    @Override
    public Explained explain(float[] features) {
        checkWidth(features);
        int width = featureNames.size();
        double[] contributions = new double[width + 1];
        double bias = baseMargin;
        float sum = baseMargin;
        int t = 0;
        for (int lane = 0; lane < laneDepth.length; lane++, t += LANES) {
            int n0 = roots[t];
            int n1 = roots[t + 1];
            int n2 = roots[t + 2];
            int n3 = roots[t + 3];
            bias += meanValue[n0];
            bias += meanValue[n1];
            bias += meanValue[n2];
            bias += meanValue[n3];
            // A leaf steps onto itself and adds exactly 0 to some feature: no branch needed.
            for (int step = laneDepth[lane]; step > 0; step--) {
                n0 = credit(n0, features, contributions);
                n1 = credit(n1, features, contributions);
                n2 = credit(n2, features, contributions);
                n3 = credit(n3, features, contributions);
            }
            sum += meanValue[n0];
            sum += meanValue[n1];
            sum += meanValue[n2];
            sum += meanValue[n3];
        }
        for (; t < roots.length; t++) {
            int node = roots[t];
            bias += meanValue[node];
            for (int step = depth[t]; step > 0; step--) {
                node = credit(node, features, contributions);
            }
            sum += meanValue[node];
        }
        contributions[width] = bias;
        return new Explained(1.0 / (1.0 + Math.exp(-(double) sum)), contributions);
    }

    /** One step down, crediting the split's feature with the change in expected value. */
    private int credit(int node, float[] features, double[] contributions) {
        int child = next(node, features);
        contributions[feature[node]] += meanValue[child] - meanValue[node];
        return child;
    }

    /** One step down: left when value < threshold, the default way when NaN, else right. */
    private int next(int node, float[] features) {
        float value = features[feature[node]];
        // Selects, not branches, so the JIT can use conditional moves: the branch predictor would lose
        // on every coin-toss split. NaN fails both comparisons.
        int right = value >= threshold[node] ? 1 : 0;
        int nan = value != value ? missing[node] : 0;
        return left[node] + (right | nan);
    }

    private void checkWidth(float[] features) {
        if (features.length != featureNames.size()) {
            throw new IllegalArgumentException(
                    "expected " + featureNames.size() + " features, got " + features.length);
        }
    }

    /** XGBoost's FillNodeMeanValues: leaves keep their value, inner nodes the hessian-weighted mean. */
    private static float fillMeanValues(XgboostJsonModel.Tree tree, int node, float[] means) {
        float value;
        if (tree.left()[node] == -1) {
            value = tree.splitConditions()[node];
        } else {
            int l = tree.left()[node];
            int r = tree.right()[node];
            value = fillMeanValues(tree, l, means) * tree.sumHessian()[l];
            value += fillMeanValues(tree, r, means) * tree.sumHessian()[r];
            value /= tree.sumHessian()[node];
        }
        means[node] = value;
        return value;
    }
}
