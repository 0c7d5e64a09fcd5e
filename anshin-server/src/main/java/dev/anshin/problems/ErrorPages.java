package dev.anshin.problems;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller of pages: a {@link RequestProblem} it throws reaches a browser (Accept: text/html) as the
 * site's error page for the problem's status (error/404, error/4xx, in the reader's language, naming the refused
 * fields or parameters), not as a problem in JSON. Scripts and the API still get the RFC 9457 problem.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ErrorPages {
}
