package dev.sagemakergitops.core.manifest;

/**
 * A share of a variant's fleet, as SageMaker's {@code CapacitySize}: a percentage or an instance
 * count.
 *
 * @param type which of the two
 * @param value the percentage (1-100) or the instance count (1 or more)
 */
public record CapacitySize(Type type, int value) {

  public enum Type {
    CAPACITY_PERCENT,
    INSTANCE_COUNT
  }

  public static CapacitySize percent(int value) {
    return new CapacitySize(Type.CAPACITY_PERCENT, value);
  }

  public static CapacitySize instances(int value) {
    return new CapacitySize(Type.INSTANCE_COUNT, value);
  }

  /** The share of {@code fleetSize} instances this size covers, as a fraction of 1. */
  public double fractionOf(int fleetSize) {
    return type == Type.CAPACITY_PERCENT ? value / 100.0 : fleetSize == 0 ? 1.0 : (double) value / fleetSize;
  }

  @Override
  public String toString() {
    return type == Type.CAPACITY_PERCENT ? value + "%" : value + (value == 1 ? " instance" : " instances");
  }
}
