package dev.anshin.problems;

import org.springframework.core.Ordered;

/**
 * The order of the servlet filters every request passes, set here in one place because it is
 * deliberate: each refusal comes before anything that would do work the refusal makes pointless, and
 * before anything that would fail on what it refuses. Three filters once shared one order, so which
 * read a form body first was left to chance; one of them could not refuse a malformed body cleanly
 * and answered 500.
 *
 * <ol>
 * <li>Spring Boot's character encoding filter ({@link Ordered#HIGHEST_PRECEDENCE}): whatever reads
 * parameters later reads them as UTF-8.</li>
 * <li>{@link UrlLengthLimit} (414): looks only at the URL's length, nothing is parsed yet.</li>
 * <li>{@link ApiMediaType} (415): an API body that is not JSON is refused before anything reads it
 * — a form body would otherwise be parsed by the container as parameters, and an endpoint that
 * takes no body would act on the request as if nothing had been sent.</li>
 * <li>{@link BodySizeLimit} (413, or 400 for parameters that cannot be read): the first and only
 * filter that makes the container parse parameters (query strings; form bodies of pages), and it
 * catches the container's refusals.</li>
 * <li>{@link StorableParameters} (422): parameters, read cleanly by then, hold no NUL.</li>
 * <li>(Spring's form content filter, which parsed PUT, PATCH and DELETE form bodies here, before
 * security, and failed on a malformed one with a 500, is switched off in application.properties:
 * forms come by POST only.)</li>
 * <li>{@link OutageFilter}: turns a database outage met by anything after it into a clean 503.</li>
 * <li>The console's {@code LanguageBeforeSignIn} (order -101): {@code ?lang=} on a page is remembered
 * before security can answer with a redirect to sign in.</li>
 * <li>Spring Security's chains (order -100): for the API, {@code ApiKeyAuthentication} (rate limit
 * per address, then the key, then the key's own limit), then authorization by role. These come
 * after the checks above on purpose: those are cheap and stateless, and refuse without looking
 * anything up, whoever asks; the key lookup and the rate-limit buckets are spent only on requests
 * that could be served.</li>
 * <li>Then the endpoint, whose JSON body {@link StrictJson} reads.</li>
 * </ol>
 * Malformed URLs (a {@code %00}, an invalid percent-encoding or UTF-8) never reach any filter: the
 * container refuses them while parsing, and {@link ContainerErrorReport} writes that answer.
 */
final class FilterOrder {

    static final int URL_LENGTH = Ordered.HIGHEST_PRECEDENCE + 1;
    static final int API_MEDIA_TYPE = Ordered.HIGHEST_PRECEDENCE + 2;
    static final int BODY_SIZE = Ordered.HIGHEST_PRECEDENCE + 3;
    static final int STORABLE_PARAMETERS = Ordered.HIGHEST_PRECEDENCE + 4;
    static final int OUTAGE = Ordered.HIGHEST_PRECEDENCE + 5;

    private FilterOrder() {
    }
}
