package dev.anshin.devices;

import dev.anshin.privacy.CustomerErased;
import dev.anshin.privacy.DataCategory;
import dev.anshin.privacy.DataOrigin;
import dev.anshin.privacy.HeldElsewhere;
import dev.anshin.privacy.Purpose;
import dev.anshin.privacy.Sensitivity;
import dev.anshin.site.Display;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Device data as personal data: catalogued and disclosed through the privacy module's port for data
 * held outside the vault, erased with the customer. Words from the devices bundle.
 */
@Component
class DevicePersonalData implements HeldElsewhere {

    private static final Logger log = LoggerFactory.getLogger(DevicePersonalData.class);

    static final String LINKS = "DEVICE_LINKS";
    static final String SIGNALS = "DEVICE_SIGNALS";
    static final String NETWORK = "DEVICE_ADDRESS_AND_AGENT";

    /**
     * What device data is used for: card security (recognising the device behind an application or a
     * payment, against fraud: the published purpose "operating the card and its services", whose examples
     * name card security) and answering the person's own requests (disclosure, erasure). Never marketing,
     * research, statistics or provision to third parties, though its category ("product and service
     * usage") would allow them: the catalog shows what the module does, not what the category could.
     */
    static final Set<Purpose> PURPOSES = Set.of(Purpose.SERVICE_OPERATION, Purpose.DATA_SUBJECT_REQUEST);

    private final DeviceStore store;
    private final MessageSource messages;
    private final DevicesProperties properties;

    DevicePersonalData(DeviceStore store, MessageSource messages, DevicesProperties properties) {
        this.store = store;
        this.messages = messages;
        this.properties = properties;
    }

    /**
     * The entries, their retention worded from the settings {@link DeviceRetention} deletes by and the
     * number of networks a profile remembers ({@link DeviceProfile#NETWORKS_KEPT}): the catalog says what
     * the code keeps, whatever the configuration.
     */
    @Override
    public List<Entry> catalog() {
        Object[] retention = {properties.deviceRetention().toDays(), properties.observationRetention().toDays(),
                DeviceProfile.NETWORKS_KEPT};
        return List.of(
                entry(LINKS, Sensitivity.MEDIUM, retention),
                entry(SIGNALS, Sensitivity.LOW, retention),
                entry(NETWORK, Sensitivity.MEDIUM, retention));
    }

    private Entry entry(String name, Sensitivity sensitivity, Object[] retention) {
        String key = "devices.catalog." + name;
        return Entry.worded(messages, key, name, DataCategory.PRODUCT_USAGE, sensitivity, DataOrigin.DERIVED,
                retention, PURPOSES);
    }

    @Override
    public List<Disclosed> disclose(String customerId) {
        List<Disclosed> disclosed = new ArrayList<>();
        for (DeviceStore.Link link : store.linksOf(customerId)) {
            disclosed.add(new Disclosed(LINKS, text(link, Locale.JAPANESE), text(link, Locale.ENGLISH)));
        }
        return disclosed;
    }

    private String text(DeviceStore.Link link, Locale locale) {
        String none = messages.getMessage("devices.disclosure.none", null, locale);
        String markers = link.automation().isEmpty() ? none : String.join(", ", link.automation().stream()
                .map(marker -> messages.getMessage("devices.marker." + marker.name(), null, locale)).toList());
        String applications = link.applications().isEmpty() ? none : String.join(", ", link.applications());
        String yes = messages.getMessage("devices.disclosure.yes", null, locale);
        String no = messages.getMessage("devices.disclosure.no", null, locale);
        return messages.getMessage("devices.disclosure.device", new Object[] {
                link.deviceId(), Display.time(link.linkedAt()), Display.time(link.firstSeenAt()),
                Display.time(link.lastSeenAt()), link.observations(), applications, markers,
                link.timezoneInJapan() ? no : yes, link.speaksJapanese() ? no : yes}, locale);
    }

    /**
     * In the erasure's transaction: the customer's links go, a device that was theirs alone goes with
     * everything observed of it, a shared one keeps only what is not theirs.
     */
    @EventListener
    void onCustomerErased(CustomerErased erased) {
        int deleted = store.erase(erased.customerId());
        if (deleted > 0) {
            log.info("Deleted {} devices used only by an erased customer", deleted);
        }
    }
}
