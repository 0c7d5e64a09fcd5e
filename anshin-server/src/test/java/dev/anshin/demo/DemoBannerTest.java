package dev.anshin.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.anshin.MovableClock;
import dev.anshin.access.Role;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The demo's banner: complete, printed again at its interval (time moved, never slept), and kept in a file. */
@ExtendWith(OutputCaptureExtension.class)
class DemoBannerTest {

    private static final String HEADER = "==== Anshin demo is running ====";
    private static final DemoBanner.Running RUNNING = new DemoBanner.Running(8131, 20, "hanako-demo",
            "portal-password-1", "JBSWY3DPEHPK3PXP", "customer-1", "498765******0001", "ank_support",
            "ank_privacy", "ank_backup", "ank_intake", "ank_partner", java.util.List.of("eKYC", "credit bureau", "notices"), true,
            "ank_statistics");

    @TempDir
    Path dataDir;

    private final MovableClock clock = new MovableClock();

    /** A banner told what access tells it at start: the generated startup key and the five console users. */
    private DemoBanner banner(Duration every) {
        DemoBanner banner = new DemoBanner(new DemoProperties(true, 300, 2000, 21, 20, 30, 400, 42, every, 3, 4, 1, 150, Duration.ofMinutes(5), Duration.ofMinutes(5), 30,
                Duration.ofHours(2), Duration.ofMinutes(10), 25, Duration.ofMinutes(30)), clock,
                dataDir);
        banner.startupKeyGenerated("ank_startup", EnumSet.of(Role.SCORER, Role.LABELER, Role.ANALYST, Role.ADMIN));
        banner.demoUserCreated("analyst", "staff-password-1", EnumSet.of(Role.ANALYST));
        banner.demoUserCreated("admin", "staff-password-1", EnumSet.of(Role.ADMIN, Role.ANALYST));
        banner.demoUserCreated("support", "staff-password-1", EnumSet.of(Role.CUSTOMER_SERVICE));
        banner.demoUserCreated("privacy", "staff-password-1", EnumSet.of(Role.PRIVACY_OFFICER));
        banner.demoUserCreated("credit", "staff-password-1", EnumSet.of(Role.CREDIT_OFFICER));
        return banner;
    }

    @Test
    void showsTheUrlsEveryStaffUserTheCardholdersSignInAndEveryKeyTheReadmeUses(CapturedOutput output) {
        banner(Duration.ofMinutes(5)).show(RUNNING);

        assertThat(output.getOut()).contains(HEADER,
                "http://localhost:8131/login", "http://localhost:8131/api/v1/authorizations", "/api-docs",
                "http://localhost:8131/portal/login",
                "Sandbox:  eKYC, credit bureau and notices are stand-ins; an applicant's codes and links: "
                        + "http://localhost:8131/sandbox/inbox",
                "analyst / staff-password-1   /console (ANALYST)", "admin   / staff-password-1   /console (ANALYST, ADMIN)",
                "support / staff-password-1   /service (CUSTOMER_SERVICE)", "/support-window",
                "privacy / staff-password-1   /privacy/requests (PRIVACY_OFFICER)",
                "approves the provisions the demo asks for at /privacy/provisions", "/privacy/partner-receipts",
                "statistics previews at /console/statistics",
                "credit  / staff-password-1   /console/applications (CREDIT_OFFICER)",
                "/console/screening/proposals", "Apply:    http://localhost:8131/apply",
                "login ID hanako-demo, password portal-password-1", "authenticator key JBSWY3DPEHPK3PXP",
                "./anshin totp JBSWY3DPEHPK3PXP",
                "export ANSHIN_API_KEY=ank_startup", "export SUPPORT_KEY=ank_support",
                "export PRIVACY_KEY=ank_privacy", "export BACKUP_KEY=ank_backup", "export INTAKE_KEY=ank_intake", "export PARTNER_KEY=ank_partner",
                "export STATISTICS_KEY=ank_statistics",
                "export CUSTOMER_ID=customer-1", "(card 498765******0001)",
                dataDir.resolve(DemoBanner.FILE).toString(), "printed again every 5 minutes");
    }

    @Test
    void keepsTheLinesThatScriptsAndTestsParse(CapturedOutput output) {
        banner(Duration.ofMinutes(5)).show(RUNNING);

        // As DemoNoPlaintextIntegrationTest and a reader's grep find them.
        Matcher signIn = Pattern.compile("login ID (\\S+), password (\\S+)\\s+authenticator key ([A-Z2-7]+)")
                .matcher(output.getOut());
        assertThat(signIn.find()).isTrue();
        assertThat(signIn.group(2)).isEqualTo("portal-password-1");
        Matcher support = Pattern.compile("export SUPPORT_KEY=(ank_\\S+)").matcher(output.getOut());
        assertThat(support.find()).isTrue();
        assertThat(support.group(1)).isEqualTo("ank_support");
        // "X-Api-Key:" stays the start-up block's alone: a grep for it still finds one line.
        assertThat(output.getOut()).doesNotContain("X-Api-Key:");
    }

    @Test
    void isPrintedAgainEachTimeTheIntervalHasPassed(CapturedOutput output) {
        clock.stop();
        DemoBanner banner = banner(Duration.ofMinutes(5));
        banner.show(RUNNING);

        clock.advance(Duration.ofMinutes(5).minusSeconds(1));
        banner.showAgainIfDue();
        assertThat(timesShown(output)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        banner.showAgainIfDue();
        assertThat(timesShown(output)).isEqualTo(2);
        banner.showAgainIfDue();
        assertThat(timesShown(output)).as("not again before another interval").isEqualTo(2);
        clock.advance(Duration.ofMinutes(5));
        banner.showAgainIfDue();
        assertThat(timesShown(output)).isEqualTo(3);
    }

    @Test
    void anIntervalOfZeroPrintsItOnce(CapturedOutput output) {
        clock.stop();
        DemoBanner banner = banner(Duration.ZERO);
        banner.show(RUNNING);

        clock.advance(Duration.ofDays(1));
        banner.showAgainIfDue();
        assertThat(timesShown(output)).isEqualTo(1);
        assertThat(output.getOut()).doesNotContain("printed again");
    }

    @Test
    void isWrittenToAnOwnerOnlyFileWithWhatWasPrinted(CapturedOutput output) throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        banner(Duration.ofMinutes(5)).show(RUNNING);

        Path file = dataDir.resolve(DemoBanner.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String content = Files.readString(file);
        assertThat(content).startsWith(HEADER).contains("export SUPPORT_KEY=ank_support");
        assertThat(output.getOut()).contains(content);
    }

    @Test
    void anEarlierRunsFileGoesAtStartItsKeysRevoked() throws IOException {
        Files.writeString(dataDir.resolve(DemoBanner.FILE), "export SUPPORT_KEY=ank_revoked\n");

        banner(Duration.ofMinutes(5));

        assertThat(dataDir.resolve(DemoBanner.FILE)).doesNotExist();
    }

    @Test
    void aStartupKeyFromAnshinApiKeyIsNotPrinted(CapturedOutput output) {
        DemoBanner banner = new DemoBanner(new DemoProperties(true, 300, 2000, 21, 20, 30, 400, 42,
                Duration.ofMinutes(5), 3, 4, 1, 150, Duration.ofMinutes(5), Duration.ofMinutes(5), 30,
                Duration.ofHours(2), Duration.ofMinutes(10), 25, Duration.ofMinutes(30)), clock, dataDir);
        banner.show(RUNNING);

        assertThat(output.getOut()).doesNotContain("export ANSHIN_API_KEY=")
                .contains("# ANSHIN_API_KEY: the key you set when you started the demo");
    }

    private static int timesShown(CapturedOutput output) {
        return output.getOut().split(Pattern.quote(HEADER), -1).length - 1;
    }
}
