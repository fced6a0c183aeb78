package dev.sagemakergitops.benchmarks;

/** The percentiles the benchmarks report, the same way in every table. */
final class Percentile {
  private Percentile() {}

  /**
   * The {@code p}-th percentile of {@code sorted} (ascending) by nearest rank; the median of an even
   * count is the mean of the middle two.
   */
  static double of(double[] sorted, int p) {
    if (p == 50 && sorted.length % 2 == 0) {
      return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
