/**
 * The voice's analysis: kinds, topics and sentiments (the labels other modules name), the redactor and the classifier. Named, so the demo's simulated staff can state the labels they correct to.
 */
@NamedInterface("analysis")
package dev.anshin.voice.analysis;

import org.springframework.modulith.NamedInterface;
