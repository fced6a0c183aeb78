package dev.sagemakergitops.core.operation;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns an operation's result into plain values: maps with string keys, lists, strings, numbers
 * and booleans, so that any host can hand it on without knowing the operation. A Jenkins script
 * reads {@code out.modelArtifactUri} from such a map in the sandbox, without script approval and
 * without a class of ours on the script's side; the command line prints it as JSON.
 *
 * <p>The rules, applied recursively: a record becomes an ordered map of its components, in
 * declaration order; a map keeps its order, with its keys as strings; a collection, an array or a
 * stream of values becomes a list; an {@link Optional} becomes its value; an enum becomes its name;
 * strings, booleans and the JDK's numbers stay as they are; anything else (an {@code Instant}, a
 * {@code Duration}, a {@code URI}, an image reference) becomes its {@code toString()}, which for the
 * JDK's time types is ISO-8601. Null values, and empty optionals, are left out of maps, so a key is
 * there exactly when it has a value.
 */
public final class PlainValues {
  private PlainValues() {}

  /**
   * {@code result} as an ordered map of plain values. A record or a map gives its entries; a
   * single value of another kind is returned as {@code {"value": ...}}; {@code null} as an empty map.
   */
  public static Map<String, Object> toMap(Object result) {
    Object plain = of(result);
    if (plain == null) {
      return new LinkedHashMap<>();
    }
    if (plain instanceof Map<?, ?> map) {
      @SuppressWarnings("unchecked")
      Map<String, Object> entries = (Map<String, Object>) map;
      return entries;
    }
    Map<String, Object> single = new LinkedHashMap<>();
    single.put("value", plain);
    return single;
  }

  /** {@code value} as a plain value (see the class documentation), or {@code null}. */
  public static Object of(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Double || value instanceof Float || value instanceof Short || value instanceof Byte
        || value instanceof BigDecimal || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof Character || value instanceof CharSequence) {
      return value.toString();
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (value instanceof Optional<?> optional) {
      return optional.map(PlainValues::of).orElse(null);
    }
    if (value instanceof Record record) {
      return ofRecord(record);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((key, entry) -> putPlain(out, String.valueOf(key), entry));
      return out;
    }
    if (value instanceof Collection<?> collection) {
      List<Object> out = new ArrayList<>(collection.size());
      collection.forEach(item -> out.add(of(item)));
      return out;
    }
    if (value.getClass().isArray()) {
      int length = Array.getLength(value);
      List<Object> out = new ArrayList<>(length);
      for (int i = 0; i < length; i++) {
        out.add(of(Array.get(value, i)));
      }
      return out;
    }
    return value.toString();
  }

  private static Map<String, Object> ofRecord(Record record) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (RecordComponent component : record.getClass().getRecordComponents()) {
      Object raw;
      try {
        var accessor = component.getAccessor();
        accessor.setAccessible(true);
        raw = accessor.invoke(record);
      } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
        throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "." + component.getName()
            + " for the result: " + e, e);
      }
      putPlain(out, component.getName(), raw);
    }
    return out;
  }

  private static void putPlain(Map<String, Object> out, String key, Object value) {
    Object plain = of(value);
    if (plain != null) {
      out.put(key, plain);
    }
  }
}
