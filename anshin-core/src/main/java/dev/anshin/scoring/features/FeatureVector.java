package dev.anshin.scoring.features;

/**
 * The features of one authorization, in {@link FeatureSchema} order. Missing values are NaN
 * (XGBoost's missing value).
 */
public record FeatureVector(FeatureSchema schema, float[] values) {

    public float value(String name) {
        int i = schema.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown feature: " + name);
        }
        return values[i];
    }
}
