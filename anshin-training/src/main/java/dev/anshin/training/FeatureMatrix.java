package dev.anshin.training;

import dev.anshin.scoring.features.FeatureVector;
import java.util.Arrays;

/**
 * Feature rows and their labels in one flat, growable float array (row-major), as XGBoost's
 * dense DMatrix takes them. Far lighter than a list of vectors for 100k+ rows.
 */
public final class FeatureMatrix {

    private final int columns;
    private float[] values;
    private float[] labels;
    private int rows;

    public FeatureMatrix(int columns) {
        this.columns = columns;
        this.values = new float[columns * 1024];
        this.labels = new float[1024];
    }

    public void add(FeatureVector features, boolean fraud) {
        add(features.values(), fraud);
    }

    public void add(float[] features, boolean fraud) {
        if (features.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " features, got " + features.length);
        }
        if (rows == labels.length) {
            labels = Arrays.copyOf(labels, rows * 2);
            values = Arrays.copyOf(values, rows * 2 * columns);
        }
        System.arraycopy(features, 0, values, rows * columns, columns);
        labels[rows++] = fraud ? 1f : 0f;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int frauds() {
        int n = 0;
        for (int i = 0; i < rows; i++) {
            n += labels[i] > 0 ? 1 : 0;
        }
        return n;
    }

    public boolean fraud(int row) {
        return labels[row] > 0;
    }

    public float value(int row, int column) {
        return values[row * columns + column];
    }

    /** This matrix with the given columns missing (NaN) in every row; itself when there are none. */
    public FeatureMatrix withMissing(int[] columnsToHide) {
        if (columnsToHide.length == 0) {
            return this;
        }
        FeatureMatrix copy = new FeatureMatrix(columns);
        copy.values = Arrays.copyOf(values, rows * columns);
        copy.labels = Arrays.copyOf(labels, Math.max(1, rows));
        copy.rows = rows;
        for (int r = 0; r < rows; r++) {
            for (int c : columnsToHide) {
                copy.values[r * columns + c] = Float.NaN;
            }
        }
        return copy;
    }

    /** A copy trimmed to the rows held. */
    float[] values() {
        return Arrays.copyOf(values, rows * columns);
    }

    float[] labels() {
        return Arrays.copyOf(labels, rows);
    }

    boolean[] fraudFlags() {
        boolean[] flags = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            flags[i] = labels[i] > 0;
        }
        return flags;
    }
}
