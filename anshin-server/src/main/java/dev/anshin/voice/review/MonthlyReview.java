package dev.anshin.voice.review;

import dev.anshin.voice.Channel;
import dev.anshin.voice.analysis.Kind;
import dev.anshin.voice.analysis.Topic;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * One month's review of the voice of the customer, for one department or (department null) the company: the
 * totals by kind, topic, channel and sentiment against the month before, the top topics with redacted example
 * quotes, the countermeasures raised this month and the follow-up of earlier ones.
 */
public record MonthlyReview(YearMonth month, String department, Count total, List<Count> kinds, List<Count> topics,
        List<Count> channels, List<Count> sentiments, List<TopTopic> topTopics, List<Countermeasure> raised,
        List<FollowUp> followUps) {

    public MonthlyReview {
        kinds = List.copyOf(kinds);
        topics = List.copyOf(topics);
        channels = List.copyOf(channels);
        sentiments = List.copyOf(sentiments);
        topTopics = List.copyOf(topTopics);
        raised = List.copyOf(raised);
        followUps = List.copyOf(followUps);
    }

    /** Whether the month has no voice at all (the page says so instead of empty charts). */
    public boolean empty() {
        return total.count() == 0;
    }

    /**
     * A label's count this month and the month before.
     *
     * @param label the enum constant's name ({@code COMPLAINT}, {@code FRAUD_SECURITY}, {@code WEB}…) or
     *     {@code TOTAL}
     */
    public record Count(String label, long count, long previous) {

        public long change() {
            return count - previous;
        }

        /** The change in percent of last month's count, rounded; null when last month had none. */
        public Long percent() {
            return previous == 0 ? null : Math.round(100.0 * (count - previous) / previous);
        }

        /** The change with its sign, for the page ({@code +2}, {@code -1}, {@code 0}). */
        public String changeText() {
            return signed(change());
        }

        /** The change in percent with its sign ({@code +20%}), or a dash when last month had none. */
        public String percentText() {
            Long p = percent();
            return p == null ? "—" : signed(p) + "%";
        }
    }

    /** A top topic with up to three redacted quotes (complaints first, the most recent first). */
    public record TopTopic(Topic topic, Count count, List<Quote> quotes) {

        public TopTopic {
            quotes = List.copyOf(quotes);
        }
    }

    /** A redacted example, truncated; never from an erased voice. */
    public record Quote(String itemId, Kind kind, Channel channel, Instant receivedAt, String text) {
    }

    /**
     * An earlier countermeasure as this month's review sees it.
     *
     * @param late due before the end of the month (or today, if sooner) and neither done nor dropped
     * @param effects each linked topic's count in the month it was raised against this month
     */
    public record FollowUp(Countermeasure countermeasure, boolean done, boolean late, List<Effect> effects) {

        public FollowUp {
            effects = List.copyOf(effects);
        }
    }

    /** A topic's volume in the countermeasure's scope: in the month it was raised, and in the reviewed month. */
    public record Effect(Topic topic, long then, long now) {

        public long change() {
            return now - then;
        }

        public Long percent() {
            return then == 0 ? null : Math.round(100.0 * (now - then) / then);
        }

        /** The change with its sign, for the page ({@code +2}, {@code -1}, {@code 0}). */
        public String changeText() {
            return signed(change());
        }

        /** The change in percent with its sign ({@code +20%}), or a dash when last month had none. */
        public String percentText() {
            Long p = percent();
            return p == null ? "—" : signed(p) + "%";
        }
    }

    static String signed(long value) {
        return value > 0 ? "+" + value : Long.toString(value);
    }
}
