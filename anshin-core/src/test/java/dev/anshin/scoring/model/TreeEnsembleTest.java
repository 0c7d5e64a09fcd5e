package dev.anshin.scoring.model;

import static dev.anshin.scoring.model.XgboostJsonFixture.TWO_TREES;
import static dev.anshin.scoring.model.XgboostJsonFixture.json;
import static dev.anshin.scoring.model.XgboostJsonFixture.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeEnsembleTest {

    private static final String BINARY = "binary:logistic";

    @Test
    void sumsTheLeafOfEveryTreeOntoTheBaseMargin() throws Exception {
        TreeEnsemble model = load(json("[5E-1]", BINARY, TWO_TREES));

        assertThat(model.treeCount()).isEqualTo(2);
        assertThat(model.margin(new float[] {1f, 0f})).isCloseTo(0.2 + 0.05, within(1e-6));
        assertThat(model.margin(new float[] {2f, 0f})).isCloseTo(-0.1 + 0.05, within(1e-6));
        assertThat(model.margin(new float[] {2f, 1f})).isCloseTo(0.4 + 0.05, within(1e-6));
    }

    @Test
    void goesLeftOnlyWhenStrictlyBelowTheSplit() throws Exception {
        TreeEnsemble model = load(json("[5E-1]", BINARY, TWO_TREES));

        assertThat(model.margin(new float[] {1.5f, 1f})).isCloseTo(0.45, within(1e-6));
        assertThat(model.margin(new float[] {Math.nextDown(1.5f), 1f})).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void sendsMissingValuesTheDefaultWay() throws Exception {
        TreeEnsemble model = load(json("[5E-1]", BINARY, TWO_TREES));

        // Root: default right; second split: default left.
        assertThat(model.margin(new float[] {Float.NaN, Float.NaN})).isCloseTo(-0.1 + 0.05, within(1e-6));
    }

    @Test
    void turnsTheBaseScoreProbabilityIntoALogitMargin() throws Exception {
        TreeEnsemble vector = load(json("[2.5E-1]", BINARY, List.of(XgboostJsonFixture.Tree.leaf(0))));
        TreeEnsemble scalar = load(json("2.5E-1", BINARY, List.of(XgboostJsonFixture.Tree.leaf(0))));

        double logit = Math.log(0.25 / 0.75);
        assertThat(vector.margin(new float[2])).isCloseTo(logit, within(1e-6));
        assertThat(scalar.margin(new float[2])).isCloseTo(logit, within(1e-6));
        assertThat(vector.score(new float[2])).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void scoresTheSigmoidOfTheMargin() throws Exception {
        TreeEnsemble model = load(json("[5E-1]", BINARY, TWO_TREES));
        float[] row = {2f, 1f};

        assertThat(model.score(row)).isCloseTo(1 / (1 + Math.exp(-0.45)), within(1e-7));
    }

    @Test
    void attributesEachSplitTheChangeInExpectedValueItCauses() throws Exception {
        TreeEnsemble model = load(json("[5E-1]", BINARY, TWO_TREES));

        double[] contributions = model.contributions(new float[] {2f, Float.NaN});

        // Mean of node 2 = (-0.1*3 + 0.4*3)/6 = 0.15; root = (0.2*4 + 0.15*6)/10 = 0.17.
        assertThat(contributions).hasSize(3);
        assertThat(contributions[0]).isCloseTo(0.15 - 0.17, within(1e-6));
        assertThat(contributions[1]).isCloseTo(-0.1 - 0.15, within(1e-6));
        assertThat(contributions[2]).isCloseTo(0.17 + 0.05, within(1e-6));
        assertThat(Arrays.stream(contributions).sum()).isCloseTo(model.margin(new float[] {2f, Float.NaN}),
                within(1e-6));
    }

    @Test
    void refusesObjectivesOtherThanBinaryLogistic() {
        assertThatThrownBy(() -> load(json("[5E-1]", "reg:squarederror", TWO_TREES)))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("reg:squarederror");
    }

    @Test
    void refusesAModelSplittingOnMoreFeaturesThanNamed() {
        assertThatThrownBy(() -> TreeEnsemble.fromXgboostJson("m", List.of("f0"),
                XgboostJsonFixture.stream(json("[5E-1]", BINARY, TWO_TREES))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesFeatureNamesOtherThanTheOnesSavedWithTheModel() throws Exception {
        String named = json("[5E-1]", BINARY, TWO_TREES).replace("\"feature_names\":[]", "\"feature_names\":[\"f1\",\"f0\"]");

        assertThatThrownBy(() -> load(named))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[f1, f0]");
        assertThat(TreeEnsemble.fromXgboostJson("m", List.of("f1", "f0"), XgboostJsonFixture.stream(named))
                .treeCount()).isEqualTo(2);
    }

    @Test
    void refusesADocumentThatIsNotAModel() {
        assertThatThrownBy(() -> load("{\"hello\":[1,2,3]}"))
                .isInstanceOf(InvalidModelException.class)
                .hasMessageContaining("not an XGBoost JSON model");
    }

    @Test
    void refusesARowOfTheWrongWidth() throws Exception {
        TreeEnsemble model = load(json("[5E-1]", BINARY, TWO_TREES));

        assertThatThrownBy(() -> model.margin(new float[3])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsDefaultLeftWrittenAsBooleans() throws Exception {
        String withBooleans = json("[5E-1]", BINARY, TWO_TREES)
                .replace("\"default_left\":[0, 0, 1, 0, 0]", "\"default_left\":[false,false,true,false,false]");
        assertThat(withBooleans).contains("true");

        assertThat(load(withBooleans).margin(new float[] {2f, Float.NaN})).isCloseTo(-0.05, within(1e-6));
    }
}
