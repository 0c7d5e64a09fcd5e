package dev.anshin.training;

/**
 * The training window holds no fraud, or nothing but fraud (or nothing at all): a classifier cannot
 * be fitted. A fact about the data asked for, not a failure of the trainer, so callers answer it as
 * such (the server with a 422, the command line with its message).
 *
 * @param rows   training rows in the window
 * @param frauds how many of them are labelled fraud
 */
public final class NothingToLearn extends IllegalArgumentException {

    private final int rows;
    private final int frauds;

    public NothingToLearn(int rows, int frauds) {
        super("training needs both frauds and genuine rows: " + rows + " rows, " + frauds + " frauds");
        this.rows = rows;
        this.frauds = frauds;
    }

    public int rows() {
        return rows;
    }

    public int frauds() {
        return frauds;
    }
}
