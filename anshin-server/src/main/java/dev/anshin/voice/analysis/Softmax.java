package dev.anshin.voice.analysis;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Random;

/**
 * Multinomial logistic regression over sparse features: softmax over {@code classes} outputs, L2-regularized,
 * trained by AdaGrad on a seeded shuffle, so the same data gives the same weights bit for bit. Two classes make
 * the one-vs-rest binary classifiers of topics. Weights are kept at float precision, as they are stored, so a model
 * read back predicts exactly as the one trained.
 */
final class Softmax {

    /** One example: feature indices, their values, and the class. */
    record Example(int[] features, double[] values, int label) {
    }

    private final int classes;
    private final int dimension;
    /** weights[c * (dimension + 1) + f], the last of each row the bias. */
    private final double[] weights;

    private Softmax(int classes, int dimension, double[] weights) {
        this.classes = classes;
        this.dimension = dimension;
        this.weights = weights;
    }

    static Softmax train(Example[] examples, int classes, int dimension, double l2, double rate, int epochs, long seed) {
        int row = dimension + 1;
        double[] w = new double[classes * row];
        double[] g2 = new double[classes * row];
        int[] order = new int[examples.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        double[] p = new double[classes];
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            for (int index : order) {
                Example e = examples[index];
                probabilities(w, row, classes, e.features, e.values, p);
                for (int c = 0; c < classes; c++) {
                    double error = p[c] - (c == e.label ? 1 : 0);
                    int base = c * row;
                    for (int k = 0; k < e.features.length; k++) {
                        int at = base + e.features[k];
                        double g = error * e.values[k] + l2 * w[at];
                        g2[at] += g * g;
                        w[at] -= rate * g / (Math.sqrt(g2[at]) + 1e-8);
                    }
                    int bias = base + dimension;
                    g2[bias] += error * error;
                    w[bias] -= rate * error / (Math.sqrt(g2[bias]) + 1e-8);
                }
            }
        }
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) w[i];
        }
        return new Softmax(classes, dimension, w);
    }

    double[] probabilities(int[] features, double[] values) {
        double[] p = new double[classes];
        probabilities(weights, dimension + 1, classes, features, values, p);
        return p;
    }

    private static void probabilities(double[] w, int row, int classes, int[] features, double[] values, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            int base = c * row;
            double score = w[base + row - 1];
            for (int k = 0; k < features.length; k++) {
                score += w[base + features[k]] * values[k];
            }
            p[c] = score;
            max = Math.max(max, score);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < classes; c++) {
            p[c] /= sum;
        }
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(classes);
        out.writeInt(dimension);
        for (double v : weights) {
            out.writeFloat((float) v);
        }
    }

    static Softmax read(DataInputStream in) throws IOException {
        int classes = in.readInt();
        int dimension = in.readInt();
        if (classes < 2 || classes > 64 || dimension < 0 || dimension > 5_000_000) {
            throw new IOException("not a voice model");
        }
        double[] weights = new double[classes * (dimension + 1)];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = in.readFloat();
        }
        return new Softmax(classes, dimension, weights);
    }
}
