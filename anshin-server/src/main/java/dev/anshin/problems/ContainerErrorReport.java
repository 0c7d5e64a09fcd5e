package dev.anshin.problems;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * What the container answers when it refuses a request before any of Anshin runs: a URL with
 * {@code %00}, an invalid percent-encoding or invalid UTF-8 ({@code /api/v1/%C0%AE},
 * {@code /portal/%00}) cannot even be mapped to an application, so no filter, controller or error
 * page sees it, and Tomcat wrote its own HTML page (its name and look, not ours). This replaces
 * Tomcat's error report valve: under {@code /api/} the answer is a problem ({@code malformed-url} for
 * a 400, the problem type of the status otherwise), elsewhere the same short plain text as
 * {@link PlainRefusal}. Never the request's text, never a trace.
 *
 * <p>Anything the application answered itself (its problems, its error page) has a body already and
 * is left alone.
 */
@Component
class ContainerErrorReport implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // The host adds a valve of this class when it starts, unless one is there already.
                host.setErrorReportValveClass(ProblemValve.class.getName());
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemValve)) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemValve());
            }
        });
    }

    /** Tomcat's error report valve, writing a problem or a plain refusal instead of its page. */
    public static final class ProblemValve extends ErrorReportValve {

        public ProblemValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String uri = request.getRequestURI();
            boolean api = uri != null && uri.startsWith("/api/");
            try {
                PrintWriter writer = response.getReporter();
                if (writer == null) {
                    return;
                }
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                if (api) {
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    writer.write(problem(status));
                } else {
                    response.setContentType("text/plain;charset=UTF-8");
                    writer.write(status + " リクエストを読み取れません。\n" + status + " The request could not be read.\n");
                }
                response.finishResponse();
            } catch (IOException | IllegalStateException e) {
                // The client has gone or the response cannot be written: nothing more to say.
            }
        }

        /** A problem body for the status, built from constants only (nothing from the request). */
        static String problem(int status) {
            String type = "about:blank";
            String title = HttpStatus.resolve(status) == null ? "Error" : HttpStatus.resolve(status).getReasonPhrase();
            ProblemType known = status == HttpStatus.BAD_REQUEST.value() ? ProblemType.MALFORMED_URL : null;
            for (ProblemType candidate : ProblemType.values()) {
                if (known == null && candidate.status().value() == status) {
                    known = candidate;
                }
            }
            if (known != null) {
                type = known.type().toString();
                title = known.title();
            }
            return "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status
                    + ",\"detail\":\"The request could not be read.\",\"errors\":[]}";
        }
    }
}
