package dev.sagemakergitops.local.differential;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * The shape of an SDK v2 response: which members are present and of which type, recursively, with
 * the values dropped. Read through the SDK's own reflection ({@link SdkPojo#sdkFields()}), so it is
 * the shape the real client parsed, whatever the wire protocol (JSON 1.1, Query XML, REST-XML).
 *
 * <p>The tree is flattened into paths: {@code ProductionVariants} is {@code list},
 * {@code ProductionVariants[]} {@code structure}, {@code ProductionVariants[].VariantName}
 * {@code string}; map values are {@code Tags{}}. Elements of one list are merged (the union of
 * their members). A member is present when the client parsed a value for it: {@code null} and the
 * SDK's auto-constructed empty lists and maps (what a getter answers for an absent list) are
 * absent; an empty list that was on the wire is present.
 */
final class ResponseShape {
  private final SortedMap<String, String> types;

  private ResponseShape(SortedMap<String, String> types) {
    this.types = types;
  }

  static ResponseShape of(SdkPojo response) {
    SortedMap<String, String> types = new TreeMap<>();
    walkStructure("", response, types);
    return new ResponseShape(types);
  }

  /** Path to type: string, number, boolean, timestamp, blob, document, list, map or structure. */
  SortedMap<String, String> types() {
    return types;
  }

  /** Where {@code local} differs from {@code moto}, for {@code operation}. */
  static List<Difference> diff(String operation, ResponseShape moto, ResponseShape local) {
    List<Difference> differences = new ArrayList<>();
    TreeSet<String> paths = new TreeSet<>(moto.types.keySet());
    paths.addAll(local.types.keySet());
    for (String path : paths) {
      String motoType = moto.types.get(path);
      String localType = local.types.get(path);
      if (motoType == null) {
        differences.add(new Difference(operation, path, Difference.Kind.ONLY_LOCAL, "local " + localType));
      } else if (localType == null) {
        differences.add(new Difference(operation, path, Difference.Kind.ONLY_MOTO, "moto " + motoType));
      } else if (!motoType.equals(localType)) {
        differences.add(new Difference(operation, path, Difference.Kind.TYPE, "moto " + motoType + ", local " + localType));
      }
    }
    return differences;
  }

  private static void walkStructure(String path, SdkPojo pojo, Map<String, String> types) {
    for (SdkField<?> field : pojo.sdkFields()) {
      Object value = field.getValueOrDefault(pojo);
      String memberPath = path.isEmpty() ? field.memberName() : path + "." + field.memberName();
      walk(memberPath, value, types);
    }
  }

  private static void walk(String path, Object value, Map<String, String> types) {
    if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
      return;
    }
    String type = typeOf(value);
    String previous = types.putIfAbsent(path, type);
    if (previous != null && !previous.equals(type)) {
      types.put(path, previous + "|" + type);
    }
    if (value instanceof SdkPojo pojo) {
      walkStructure(path, pojo, types);
    } else if (value instanceof Collection<?> list) {
      list.forEach(element -> walk(path + "[]", element, types));
    } else if (value instanceof Map<?, ?> map) {
      map.values().forEach(element -> walk(path + "{}", element, types));
    }
  }

  private static String typeOf(Object value) {
    if (value instanceof SdkPojo) {
      return "structure";
    }
    if (value instanceof Collection<?>) {
      return "list";
    }
    if (value instanceof Map<?, ?>) {
      return "map";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Instant) {
      return "timestamp";
    }
    if (value instanceof SdkBytes) {
      return "blob";
    }
    if (value instanceof Document) {
      return "document";
    }
    return value.getClass().getSimpleName();
  }

  @Override
  public String toString() {
    return types.toString();
  }

  /** One path where the two shapes disagree. */
  record Difference(String operation, String path, Kind kind, String detail) {
    enum Kind {
      /** moto answers the member, the local control plane does not. */
      ONLY_MOTO,
      /** the local control plane answers the member, moto does not. */
      ONLY_LOCAL,
      /** both answer it, with different types. */
      TYPE
    }

    Difference {
      Objects.requireNonNull(operation);
      Objects.requireNonNull(path);
      Objects.requireNonNull(kind);
    }

    @Override
    public String toString() {
      return operation + " " + path + " " + kind + " (" + detail + ")";
    }
  }
}
