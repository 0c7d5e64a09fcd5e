/**
 * The site every person sees: the one layout and stylesheet of all pages
 * ({@code templates/site/layout.html}, {@code static/assets/anshin.css}), the model every page's
 * layout reads ({@link PageModel}), the one way time and money are shown ({@link Display}), and the
 * error pages people get instead of a bare status (404, 403, 5xx, in their language). Knows no other
 * module: the others use it.
 */
@ApplicationModule(displayName = "Site", allowedDependencies = {})
package dev.anshin.site;

import org.springframework.modulith.ApplicationModule;
