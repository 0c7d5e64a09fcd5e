/**
 * The voice workbench: queues and corrections, routes, surge alerts. Named, so the demo's simulated customer-experience staff correct items as the pages do.
 */
@NamedInterface("workbench")
package dev.anshin.voice.workbench;

import org.springframework.modulith.NamedInterface;
