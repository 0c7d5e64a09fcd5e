package dev.anshin.voice.analysis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained classifier: a vocabulary of {@link VoiceFeatures}, a multinomial logistic regression for the kind (4
 * classes) and one for the sentiment (3), and one-vs-rest logistic regressions for the topics, ranked by
 * probability (the first always given, up to {@value #MAX_TOPICS} more above {@link #TOPIC_THRESHOLD}). Immutable
 * and thread-safe; {@link #toBytes()} and {@link #fromBytes(byte[])} round-trip to identical predictions.
 */
public final class VoiceModel implements VoiceAnalyzer {

    /** A topic after the first is given when its probability is at least this. */
    public static final double TOPIC_THRESHOLD = 0.35;
    /** At most this many topics per item. */
    public static final int MAX_TOPICS = 3;

    private static final int FORMAT = 1;
    private static final long SEED = 17L;
    private static final int EPOCHS = 30;
    private static final double RATE = 0.3;
    private static final double L2 = 1e-4;

    private final String version;
    private final Map<String, Integer> vocabulary;
    private final Softmax kinds;
    private final Softmax sentiments;
    private final Softmax[] topics;

    private VoiceModel(String version, Map<String, Integer> vocabulary, Softmax kinds, Softmax sentiments,
            Softmax[] topics) {
        this.version = version;
        this.vocabulary = vocabulary;
        this.kinds = kinds;
        this.sentiments = sentiments;
        this.topics = topics;
    }

    /** Trains on the items (the issuer's own corpus); the same items in the same order give the same model. */
    public static VoiceModel train(String version, Collection<Labelled> items) {
        return train(version, items, List.of());
    }

    /**
     * Trains on the corpus and on customers' corrected voices. The vocabulary comes from the corpus alone: a corrected
     * voice moves the weights of features the corpus has, and adds none of its own, so no word, word pair or character
     * pair that only a customer wrote is kept in a model (a model outlives the customer's erasure and the voices'
     * retention; its bytes must not hold their words). The same items in the same order give the same model.
     */
    public static VoiceModel train(String version, Collection<Labelled> corpus, Collection<Labelled> corrections) {
        Map<String, Integer> vocabulary = new LinkedHashMap<>();
        List<Map<String, Integer>> featured = new ArrayList<>();
        for (Labelled item : corpus) {
            Map<String, Integer> f = VoiceFeatures.of(item.text());
            featured.add(f);
            for (String name : f.keySet()) {
                vocabulary.putIfAbsent(name, vocabulary.size());
            }
        }
        for (Labelled item : corrections) {
            featured.add(VoiceFeatures.of(item.text()));
        }
        List<Labelled> items = new ArrayList<>(corpus);
        items.addAll(corrections);
        int n = featured.size();
        Softmax.Example[] kind = new Softmax.Example[n];
        Softmax.Example[] sentiment = new Softmax.Example[n];
        Softmax.Example[][] topic = new Softmax.Example[Topic.values().length][n];
        int i = 0;
        for (Labelled item : items) {
            Vector v = vector(vocabulary, featured.get(i));
            kind[i] = new Softmax.Example(v.indices, v.values, item.kind().ordinal());
            sentiment[i] = new Softmax.Example(v.indices, v.values, item.sentiment().ordinal());
            for (Topic t : Topic.values()) {
                topic[t.ordinal()][i] = new Softmax.Example(v.indices, v.values, item.topics().contains(t) ? 1 : 0);
            }
            i++;
        }
        int d = vocabulary.size();
        Softmax[] topicModels = new Softmax[Topic.values().length];
        for (Topic t : Topic.values()) {
            topicModels[t.ordinal()] = Softmax.train(topic[t.ordinal()], 2, d, L2, RATE, EPOCHS, SEED + t.ordinal());
        }
        return new VoiceModel(version, vocabulary,
                Softmax.train(kind, Kind.values().length, d, L2, RATE, EPOCHS, SEED),
                Softmax.train(sentiment, Sentiment.values().length, d, L2, RATE, EPOCHS, SEED + 100),
                topicModels);
    }

    private record Vector(int[] indices, double[] values) {
    }

    /** Known features, sorted by index, with counts damped and the vector scaled to unit length. */
    private static Vector vector(Map<String, Integer> vocabulary, Map<String, Integer> features) {
        TreeMap<Integer, Double> known = new TreeMap<>();
        for (Map.Entry<String, Integer> e : features.entrySet()) {
            Integer index = vocabulary.get(e.getKey());
            if (index != null) {
                known.put(index, 1 + Math.log(e.getValue()));
            }
        }
        double norm = Math.sqrt(known.values().stream().mapToDouble(x -> x * x).sum());
        int[] indices = new int[known.size()];
        double[] values = new double[known.size()];
        int k = 0;
        for (Map.Entry<Integer, Double> e : known.entrySet()) {
            indices[k] = e.getKey();
            values[k] = norm == 0 ? 0 : e.getValue() / norm;
            k++;
        }
        return new Vector(indices, values);
    }

    public String version() {
        return version;
    }

    /** A copy under another version name (the store names versions when it keeps them). */
    public VoiceModel named(String newVersion) {
        return new VoiceModel(newVersion, vocabulary, kinds, sentiments, topics);
    }

    @Override
    public Analysis analyze(String redactedText) {
        Vector v = vector(vocabulary, VoiceFeatures.of(redactedText));
        double[] pk = kinds.probabilities(v.indices, v.values);
        double[] ps = sentiments.probabilities(v.indices, v.values);
        int kind = argmax(pk);
        int sentiment = argmax(ps);
        List<Map.Entry<Topic, Double>> ranked = new ArrayList<>();
        for (Topic t : Topic.values()) {
            ranked.add(Map.entry(t, topics[t.ordinal()].probabilities(v.indices, v.values)[1]));
        }
        ranked.sort(Map.Entry.<Topic, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(e -> e.getKey().ordinal()));
        List<Topic> chosen = new ArrayList<>();
        List<Double> confidences = new ArrayList<>();
        for (Map.Entry<Topic, Double> e : ranked) {
            if (chosen.isEmpty() || (chosen.size() < MAX_TOPICS && e.getValue() >= TOPIC_THRESHOLD)) {
                chosen.add(e.getKey());
                confidences.add(e.getValue());
            }
        }
        return new Analysis(Kind.values()[kind], pk[kind], chosen, confidences, Sentiment.values()[sentiment],
                ps[sentiment], version);
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The model as bytes (format, version, vocabulary, weights), for {@code voice_models.model}. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT);
            out.writeUTF(version);
            out.writeInt(vocabulary.size());
            for (String name : vocabulary.keySet()) {
                out.writeUTF(name);
            }
            kinds.write(out);
            sentiments.write(out);
            out.writeInt(topics.length);
            for (Softmax t : topics) {
                t.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static VoiceModel fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != FORMAT) {
                throw new IOException("unknown voice model format");
            }
            String version = in.readUTF();
            int size = in.readInt();
            Map<String, Integer> vocabulary = new LinkedHashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                vocabulary.put(in.readUTF(), i);
            }
            Softmax kinds = Softmax.read(in);
            Softmax sentiments = Softmax.read(in);
            int count = in.readInt();
            if (count != Topic.values().length) {
                throw new IOException("the model's topics are not this build's");
            }
            Softmax[] topics = new Softmax[count];
            for (int i = 0; i < count; i++) {
                topics[i] = Softmax.read(in);
            }
            return new VoiceModel(version, vocabulary, kinds, sentiments, topics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
