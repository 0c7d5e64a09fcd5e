package dev.anshin.statistics;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reference data statistics need and the authorizations do not carry, kept by staff: where each
 * merchant is (merchant id → prefecture) and which country a card's BIN was issued in. Neither is
 * personal data.
 */
@Repository
public class ReferenceData {

    /** A merchant's prefecture (JIS X 0401 code). */
    public record MerchantLocation(String merchantId, String prefecture) {
    }

    /** The country (ISO 3166-1 alpha-2) of the cards whose BIN starts with the prefix. */
    public record BinCountry(String binPrefix, String country) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ReferenceData(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds or replaces merchants' prefectures, all or none. */
    @Transactional
    public void putMerchants(List<MerchantLocation> merchants, String by) {
        Timestamp now = Timestamp.from(clock.instant());
        for (MerchantLocation merchant : merchants) {
            int updated = jdbc.sql("UPDATE merchant_directory SET prefecture = ?, updated_by = ?, updated_at = ? "
                            + "WHERE merchant_id = ?")
                    .params(merchant.prefecture(), by, now, merchant.merchantId()).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO merchant_directory (merchant_id, prefecture, updated_by, updated_at) "
                                + "VALUES (?, ?, ?, ?)")
                        .params(merchant.merchantId(), merchant.prefecture(), by, now).update();
            }
        }
    }

    /** Adds or replaces BIN prefixes' countries, all or none. */
    @Transactional
    public void putBinCountries(List<BinCountry> bins, String by) {
        Timestamp now = Timestamp.from(clock.instant());
        for (BinCountry bin : bins) {
            int updated = jdbc.sql("UPDATE bin_countries SET country = ?, updated_by = ?, updated_at = ? "
                            + "WHERE bin_prefix = ?")
                    .params(bin.country(), by, now, bin.binPrefix()).update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO bin_countries (bin_prefix, country, updated_by, updated_at) VALUES (?, ?, ?, ?)")
                        .params(bin.binPrefix(), bin.country(), by, now).update();
            }
        }
    }

    public long merchantCount() {
        return jdbc.sql("SELECT COUNT(*) FROM merchant_directory").query(Long.class).single();
    }

    public List<BinCountry> binCountries() {
        return jdbc.sql("SELECT bin_prefix, country FROM bin_countries ORDER BY bin_prefix")
                .query((rs, n) -> new BinCountry(rs.getString(1), rs.getString(2))).list();
    }

    /** The countries the BIN table knows: the values of CARDHOLDER_COUNTRY besides UNKNOWN. */
    public Set<String> countries() {
        return new TreeSet<>(jdbc.sql("SELECT DISTINCT country FROM bin_countries").query(String.class).list());
    }

    /** BIN → country by the longest matching prefix; built once per release. */
    static final class BinLookup {
        private final Map<String, String> byPrefix = new LinkedHashMap<>();
        private final Map<String, String> cache = new java.util.HashMap<>();

        BinLookup(List<BinCountry> bins) {
            bins.stream().sorted(Comparator.comparingInt((BinCountry b) -> b.binPrefix().length()).reversed())
                    .forEach(b -> byPrefix.put(b.binPrefix(), b.country()));
        }

        String country(String bin) {
            if (bin == null) {
                return Prefectures.UNKNOWN;
            }
            return cache.computeIfAbsent(bin, b -> byPrefix.entrySet().stream()
                    .filter(e -> b.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst()
                    .orElse(Prefectures.UNKNOWN));
        }
    }
}
