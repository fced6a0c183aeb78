package dev.sagemakergitops.core.lineage;

import dev.sagemakergitops.core.health.IntentTag;

/** A resource's tags read as lineage; {@code ours} when any tag has the tool's prefix. */
record TaggedLineage(Lineage lineage, boolean ours, IntentTag intent) {
  static final TaggedLineage NONE = new TaggedLineage(Lineage.none(), false, null);
}
