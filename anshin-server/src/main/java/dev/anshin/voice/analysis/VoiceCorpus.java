package dev.anshin.voice.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The labelled corpus shipped with the server ({@code voice/corpus.tsv}, its header documents the fields): the
 * train split the models learn from and the fixed held-out split they are measured on.
 */
public record VoiceCorpus(List<Labelled> train, List<Labelled> test) {

    public static final String RESOURCE = "/voice/corpus.tsv";

    public VoiceCorpus {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /** All items, train first. */
    public List<Labelled> all() {
        List<Labelled> all = new ArrayList<>(train);
        all.addAll(test);
        return all;
    }

    public static VoiceCorpus load() {
        try (InputStream in = VoiceCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the voice corpus is missing from the build: " + RESOURCE);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static VoiceCorpus parse(BufferedReader reader) throws IOException {
        List<Labelled> train = new ArrayList<>();
        List<Labelled> test = new ArrayList<>();
        boolean header = false;
        int number = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            number++;
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (!header) {
                if (!line.equals("id\tsplit\tkind\ttopics\tsentiment\ttext")) {
                    throw new IllegalStateException("corpus line " + number + ": not the documented header");
                }
                header = true;
                continue;
            }
            if (f.length != 6) {
                throw new IllegalStateException("corpus line " + number + ": 6 fields expected");
            }
            Labelled item = new Labelled(f[0], f[5], Kind.valueOf(f[2]),
                    Arrays.stream(f[3].split(",")).map(Topic::valueOf).toList(), Sentiment.valueOf(f[4]));
            switch (f[1]) {
                case "train" -> train.add(item);
                case "test" -> test.add(item);
                default -> throw new IllegalStateException("corpus line " + number + ": split is train or test");
            }
        }
        return new VoiceCorpus(train, test);
    }
}
