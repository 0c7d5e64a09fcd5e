/**
 * Call-center CSV exports imported row by row. Named, so the demo's simulated call center sends a small export now and then ({@link dev.anshin.voice.imports.VoiceImports#importExport}).
 */
@NamedInterface("imports")
package dev.anshin.voice.imports;

import org.springframework.modulith.NamedInterface;
