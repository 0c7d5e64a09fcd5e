package dev.anshin.scoring.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Writes small models in XGBoost 3.x's JSON layout, for tests. */
final class XgboostJsonFixture {

    /** One tree as XGBoost stores it; leaves have children -1 and their value in splitConditions. */
    record Tree(int[] splitIndices, double[] splitConditions, int[] left, int[] right, int[] defaultLeft,
            double[] sumHessian) {

        static Tree leaf(double value) {
            return new Tree(new int[] {0}, new double[] {value}, new int[] {-1}, new int[] {-1}, new int[] {0},
                    new double[] {1});
        }
    }

    /**
     * Tree 1: f0 < 1.5 → leaf 0.2, else f1 < 0.5 (missing goes left) → leaf -0.1 / leaf 0.4.
     * Tree 2: a single leaf 0.05. Hessians 10 / 4, 6 / 3, 3.
     */
    static final List<Tree> TWO_TREES = List.of(
            new Tree(new int[] {0, 0, 1, 0, 0}, new double[] {1.5, 0.2, 0.5, -0.1, 0.4},
                    new int[] {1, -1, 3, -1, -1}, new int[] {2, -1, 4, -1, -1}, new int[] {0, 0, 1, 0, 0},
                    new double[] {10, 4, 6, 3, 3}),
            Tree.leaf(0.05));

    private XgboostJsonFixture() {
    }

    static String json(String baseScore, String objective, List<Tree> trees) {
        String treeJson = trees.stream().map(XgboostJsonFixture::tree).collect(Collectors.joining(","));
        return """
                {"learner":{"attributes":{},"feature_names":[],"feature_types":[],
                 "gradient_booster":{"model":{"gbtree_model_param":{"num_parallel_tree":"1","num_trees":"%d"},
                   "iteration_indptr":[0],"tree_info":[%s],"trees":[%s]},"name":"gbtree"},
                 "learner_model_param":{"base_score":"%s","boost_from_average":"1","num_class":"0",
                   "num_feature":"0","num_target":"1"},
                 "objective":{"name":"%s","reg_loss_param":{"scale_pos_weight":"1"}}},
                 "version":[3,4,0]}
                """.formatted(trees.size(), String.join(",", java.util.Collections.nCopies(trees.size(), "0")),
                treeJson, baseScore, objective);
    }

    static TreeEnsemble load(String json) throws IOException {
        return TreeEnsemble.fromXgboostJson("m-test", List.of("f0", "f1"), stream(json));
    }

    static InputStream stream(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String tree(Tree t) {
        int n = t.left().length;
        return """
                {"base_weights":%s,"categories":[],"categories_nodes":[],"categories_segments":[],
                 "categories_sizes":[],"default_left":%s,"id":0,"left_children":%s,"loss_changes":%s,
                 "parents":%s,"right_children":%s,"split_conditions":%s,"split_indices":%s,
                 "split_type":%s,"sum_hessian":%s,
                 "tree_param":{"num_deleted":"0","num_feature":"0","num_nodes":"%d","size_leaf_vector":"1"}}
                """.formatted(doubles(t.splitConditions()), ints(t.defaultLeft()), ints(t.left()),
                doubles(new double[n]), ints(new int[n]), ints(t.right()), doubles(t.splitConditions()),
                ints(t.splitIndices()), ints(new int[n]), doubles(t.sumHessian()), n);
    }

    private static String ints(int[] values) {
        return Arrays.toString(values);
    }

    private static String doubles(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Float.toString((float) v)).collect(Collectors.joining(",", "[", "]"));
    }
}
