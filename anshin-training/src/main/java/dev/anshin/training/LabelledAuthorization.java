package dev.anshin.training;

import dev.anshin.scoring.Authorization;
import java.time.Instant;

/**
 * A stored authorization with its label, if any.
 *
 * @param authorization the transaction
 * @param fraud         true/false once labelled, {@code null} when no label exists (treated as genuine
 *                      for training once older than the label delay)
 * @param labelKnownAt  when the label became known, {@code null} without a label
 */
public record LabelledAuthorization(Authorization authorization, Boolean fraud, Instant labelKnownAt) {
}
