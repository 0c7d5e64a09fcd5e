/**
 * The monthly review and its countermeasures. Named, so the demo's simulated staff raise and move countermeasures as the pages do.
 */
@NamedInterface("review")
package dev.anshin.voice.review;

import org.springframework.modulith.NamedInterface;
