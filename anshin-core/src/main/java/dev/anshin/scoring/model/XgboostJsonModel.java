package dev.anshin.scoring.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of an XGBoost 3.x JSON model that prediction needs, read with Jackson's streaming
 * parser straight into primitive arrays (a large model never becomes a tree of boxed objects).
 *
 * @param baseMargin base score on the margin scale (logit of the stored probability)
 * @param numFeature columns the model was trained on
 * @param featureNames names saved with the model ({@code learner.feature_names}), empty when none were set
 * @param trees      the trees in boosting order
 */
record XgboostJsonModel(float baseMargin, int numFeature, List<String> featureNames, List<Tree> trees) {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** One tree in XGBoost's array-of-nodes layout; {@code left[n] == -1} marks a leaf. */
    record Tree(int[] splitIndices, float[] splitConditions, int[] left, int[] right, boolean[] defaultLeft,
            float[] sumHessian) {

        int size() {
            return left.length;
        }
    }

    static XgboostJsonModel read(InputStream json) throws IOException {
        try (JsonParser parser = JSON.createParser(json)) {
            Reader reader = new Reader(parser);
            reader.root();
            return reader.model();
        }
    }

    /** Walks the document once, keeping only the fields it knows and skipping the rest. */
    private static final class Reader {

        private final JsonParser p;
        private String baseScore;
        private String objective;
        private String booster;
        private int numFeature = -1;
        private int numClass;
        private int numTarget = 1;
        private final List<Tree> trees = new ArrayList<>();
        private final List<String> featureNames = new ArrayList<>();
        private boolean sawTrees;

        Reader(JsonParser parser) {
            this.p = parser;
        }

        XgboostJsonModel model() throws IOException {
            if (booster == null || !sawTrees) {
                throw invalid("no learner.gradient_booster.model.trees found: not an XGBoost JSON model");
            }
            if (!"gbtree".equals(booster)) {
                throw invalid("booster '" + booster + "' is not supported (only gbtree)");
            }
            if (!"binary:logistic".equals(objective)) {
                throw invalid("objective '" + objective + "' is not supported (only binary:logistic)");
            }
            if (numClass > 1 || numTarget > 1) {
                throw invalid("multi-class or multi-target models are not supported");
            }
            if (baseScore == null) {
                throw invalid("learner.learner_model_param.base_score is missing");
            }
            float probability = parseBaseScore(baseScore);
            if (!(probability > 0 && probability < 1)) {
                throw invalid("base_score " + baseScore + " is not a probability in (0,1)");
            }
            // XGBoost stores the binary:logistic base score as a probability; ProbToMargin is
            // -logf(1.0f / p - 1.0f), in float arithmetic, which we repeat step by step.
            float odds = 1.0f / probability - 1.0f;
            float margin = (float) -Math.log(odds);
            return new XgboostJsonModel(margin, Math.max(numFeature, 0), List.copyOf(featureNames), List.copyOf(trees));
        }

        void root() throws IOException {
            expect(p.nextToken(), JsonToken.START_OBJECT, "document");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("learner".equals(field)) {
                    learner();
                } else {
                    p.skipChildren();
                }
            }
        }

        private void learner() throws IOException {
            expect(p.currentToken(), JsonToken.START_OBJECT, "learner");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "feature_names" -> strings(featureNames);
                    case "learner_model_param" -> learnerModelParam();
                    case "gradient_booster" -> gradientBooster();
                    case "objective" -> objective();
                    default -> p.skipChildren();
                }
            }
        }

        private void learnerModelParam() throws IOException {
            expect(p.currentToken(), JsonToken.START_OBJECT, "learner_model_param");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "base_score" -> baseScore = p.getText();
                    case "num_feature" -> numFeature = Integer.parseInt(p.getText());
                    case "num_class" -> numClass = Integer.parseInt(p.getText());
                    case "num_target" -> numTarget = Integer.parseInt(p.getText());
                    default -> p.skipChildren();
                }
            }
        }

        private void objective() throws IOException {
            expect(p.currentToken(), JsonToken.START_OBJECT, "objective");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("name".equals(field)) {
                    objective = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }

        private void gradientBooster() throws IOException {
            expect(p.currentToken(), JsonToken.START_OBJECT, "gradient_booster");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "name" -> booster = p.getText();
                    case "model" -> gbtreeModel();
                    default -> p.skipChildren();
                }
            }
        }

        private void gbtreeModel() throws IOException {
            expect(p.currentToken(), JsonToken.START_OBJECT, "gradient_booster.model");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("trees".equals(field)) {
                    expect(p.currentToken(), JsonToken.START_ARRAY, "trees");
                    sawTrees = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        trees.add(tree(trees.size()));
                    }
                } else {
                    // tree_info is all zeros for one output group, and num_parallel_tree needs no special
                    // handling: XGBoost sums every tree of a forest just like boosted ones.
                    p.skipChildren();
                }
            }
        }

        private Tree tree(int index) throws IOException {
            int[] splitIndices = null;
            float[] splitConditions = null;
            int[] left = null;
            int[] right = null;
            boolean[] defaultLeft = null;
            float[] sumHessian = null;
            int sizeLeafVector = 1;
            boolean categorical = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "split_indices" -> splitIndices = ints();
                    case "split_conditions" -> splitConditions = floats();
                    case "left_children" -> left = ints();
                    case "right_children" -> right = ints();
                    case "default_left" -> defaultLeft = booleans();
                    case "sum_hessian" -> sumHessian = floats();
                    case "split_type" -> {
                        for (int type : ints()) {
                            categorical |= type != 0;
                        }
                    }
                    case "categories_nodes" -> categorical |= ints().length > 0;
                    case "tree_param" -> sizeLeafVector = sizeLeafVector();
                    default -> p.skipChildren();
                }
            }
            if (categorical) {
                throw invalid("tree " + index + " has categorical splits, which are not supported");
            }
            if (sizeLeafVector > 1) {
                throw invalid("tree " + index + " has vector leaves, which are not supported");
            }
            if (splitIndices == null || splitConditions == null || left == null || right == null
                    || defaultLeft == null || sumHessian == null) {
                throw invalid("tree " + index + " lacks one of split_indices, split_conditions, left_children, "
                        + "right_children, default_left, sum_hessian");
            }
            int n = left.length;
            if (n == 0 || splitIndices.length != n || splitConditions.length != n || right.length != n
                    || defaultLeft.length != n || sumHessian.length != n) {
                throw invalid("tree " + index + " has node arrays of different lengths");
            }
            for (int node = 0; node < n; node++) {
                boolean leaf = left[node] == -1;
                if (!leaf && (left[node] <= node || left[node] >= n || right[node] <= node || right[node] >= n)) {
                    // Children always follow their parent in XGBoost's layout; this also rules out cycles.
                    throw invalid("tree " + index + " node " + node + " has invalid children");
                }
            }
            return new Tree(splitIndices, splitConditions, left, right, defaultLeft, sumHessian);
        }

        private int sizeLeafVector() throws IOException {
            int size = 1;
            expect(p.currentToken(), JsonToken.START_OBJECT, "tree_param");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("size_leaf_vector".equals(field)) {
                    size = Integer.parseInt(p.getText());
                } else {
                    p.skipChildren();
                }
            }
            return size;
        }

        private void strings(List<String> into) throws IOException {
            expect(p.currentToken(), JsonToken.START_ARRAY, "string array");
            while (p.nextToken() != JsonToken.END_ARRAY) {
                into.add(p.getText());
            }
        }

        private int[] ints() throws IOException {
            expect(p.currentToken(), JsonToken.START_ARRAY, "integer array");
            int[] values = new int[16];
            int size = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                values[size++] = p.getIntValue();
            }
            return Arrays.copyOf(values, size);
        }

        private float[] floats() throws IOException {
            expect(p.currentToken(), JsonToken.START_ARRAY, "number array");
            float[] values = new float[16];
            int size = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                // Decimal straight to float: going through double first can round differently.
                values[size++] = Float.parseFloat(p.getText());
            }
            return Arrays.copyOf(values, size);
        }

        /** default_left is written as 0/1 integers by XGBoost 2+, as booleans by some converters. */
        private boolean[] booleans() throws IOException {
            expect(p.currentToken(), JsonToken.START_ARRAY, "default_left");
            boolean[] values = new boolean[16];
            int size = 0;
            JsonToken token;
            while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                values[size++] = switch (token) {
                    case VALUE_TRUE -> true;
                    case VALUE_FALSE -> false;
                    case VALUE_NUMBER_INT -> p.getIntValue() != 0;
                    default -> throw invalid("default_left holds " + token);
                };
            }
            return Arrays.copyOf(values, size);
        }

        private void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
            if (actual != expected) {
                throw invalid(what + ": expected " + expected + " but found " + actual);
            }
        }

        private InvalidModelException invalid(String message) {
            return new InvalidModelException(message);
        }
    }

    /** "[5E-1]" (XGBoost 3.x writes a vector) or "5E-1". */
    static float parseBaseScore(String text) throws InvalidModelException {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.contains(",")) {
            throw new InvalidModelException("base_score " + text + " has several values (multi-output model)");
        }
        try {
            return Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new InvalidModelException("base_score " + text + " is not a number");
        }
    }
}
