package dev.sagemakergitops.core.plan;

/**
 * One plan-relevant value that differs between base and head.
 *
 * @param field a stable field label, for example {@code model package} or {@code variant AllTraffic}
 * @param before the value at the base, or {@code null} when the field is new
 * @param after the value at the head, or {@code null} when the field is gone
 */
public record FieldChange(String field, String before, String after) {}
