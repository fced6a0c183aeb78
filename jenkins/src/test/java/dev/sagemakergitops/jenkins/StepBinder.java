package dev.sagemakergitops.jenkins;

import java.beans.Introspector;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Binds named arguments to a step the way structs' {@code DescribableModel} does for a Pipeline
 * call: the {@code @DataBoundConstructor}'s parameters by their compiled names, then every
 * {@code @DataBoundSetter} method ({@code setX} gives {@code x}) or field of the class and its
 * superclasses. Unknown names are refused (structs warns by default and refuses in strict mode);
 * strings, booleans and whole numbers are coerced as structs does for these types. The real model
 * is exercised by the JenkinsRule tests of the -Pjenkins build.
 */
final class StepBinder {
  private StepBinder() {}

  /** The step {@code type} bound from {@code arguments}. */
  static <T> T bind(Class<T> type, Map<String, ?> arguments) {
    Constructor<?> constructor = constructor(type);
    Set<String> unknown = new TreeSet<>(arguments.keySet());
    unknown.removeAll(parameters(type).keySet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("Unknown parameter(s) found for class type '" + type.getName() + "': "
          + String.join(",", unknown));
    }
    try {
      Parameter[] declared = constructor.getParameters();
      Object[] values = new Object[declared.length];
      for (int i = 0; i < declared.length; i++) {
        values[i] = coerce(arguments.get(declared[i].getName()), declared[i].getType());
      }
      T step = type.cast(constructor.newInstance(values));
      for (Map.Entry<String, Member> setter : setters(type).entrySet()) {
        if (arguments.containsKey(setter.getKey())) {
          setter.getValue().set(step, coerce(arguments.get(setter.getKey()), setter.getValue().type()));
        }
      }
      return step;
    } catch (InvocationTargetException e) {
      throw new IllegalArgumentException("Could not instantiate " + arguments + " for " + type.getName() + ": "
          + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every parameter a call may name, constructor parameters first, then setters alphabetically. */
  static Map<String, Class<?>> parameters(Class<?> type) {
    Map<String, Class<?>> out = new LinkedHashMap<>();
    for (Parameter parameter : constructor(type).getParameters()) {
      if (!parameter.isNamePresent()) {
        throw new IllegalStateException(type + " was compiled without -parameters; Stapler could not bind it");
      }
      out.put(parameter.getName(), parameter.getType());
    }
    setters(type).forEach((name, member) -> out.put(name, member.type()));
    return out;
  }

  /** The constructor parameters: what a call must give. */
  static List<String> required(Class<?> type) {
    return Arrays.stream(constructor(type).getParameters()).map(Parameter::getName).toList();
  }

  /**
   * The arguments that would reproduce {@code step}: the constructor's values and every property
   * whose getter differs from a fresh instance's (what the Snippet Generator prints).
   */
  static Map<String, Object> uninstantiate(Object step) {
    Class<?> type = step.getClass();
    Map<String, Object> required = new LinkedHashMap<>();
    for (String name : required(type)) {
      required.put(name, read(step, name));
    }
    Object fresh = bind(type, required);
    Map<String, Object> out = new LinkedHashMap<>(required);
    for (String name : setters(type).keySet()) {
      Object value = read(step, name);
      if (value != null && !value.equals(read(fresh, name))) {
        out.put(name, value);
      }
    }
    return out;
  }

  private static Object read(Object step, String name) {
    String suffix = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (String getter : List.of("get" + suffix, "is" + suffix)) {
      try {
        return step.getClass().getMethod(getter).invoke(step);
      } catch (NoSuchMethodException e) {
        // try the next spelling
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(step.getClass().getName() + " has no public getter for '" + name
        + "'; structs needs one to show the step in the Snippet Generator");
  }

  private static Constructor<?> constructor(Class<?> type) {
    List<Constructor<?>> bound = new ArrayList<>();
    for (Constructor<?> candidate : type.getConstructors()) {
      if (candidate.isAnnotationPresent(DataBoundConstructor.class)) {
        bound.add(candidate);
      }
    }
    if (bound.size() != 1) {
      throw new IllegalStateException(type + " needs exactly one public @DataBoundConstructor, has " + bound.size());
    }
    return bound.get(0);
  }

  private static Map<String, Member> setters(Class<?> type) {
    Map<String, Member> out = new TreeMap<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.isAnnotationPresent(DataBoundSetter.class)) {
          field.setAccessible(true);
          out.put(field.getName(), new Member(field.getType(), (target, value) -> field.set(target, value)));
        }
      }
      for (Method method : c.getDeclaredMethods()) {
        if (method.isAnnotationPresent(DataBoundSetter.class)) {
          if (!method.getName().startsWith("set") || method.getParameterCount() != 1) {
            throw new IllegalStateException(method + " cannot be a @DataBoundSetter");
          }
          out.put(Introspector.decapitalize(method.getName().substring(3)),
              new Member(method.getParameterTypes()[0], method::invoke));
        }
      }
    }
    return out;
  }

  private static Object coerce(Object value, Class<?> type) {
    if (value == null) {
      if (type == boolean.class) {
        return false;
      }
      return type == int.class ? 0 : null;
    }
    if (type == String.class) {
      return value.toString();
    }
    if ((type == boolean.class || type == Boolean.class) && value instanceof String text) {
      return Boolean.valueOf(text);
    }
    if ((type == int.class || type == Integer.class) && value instanceof String text) {
      return Integer.valueOf(text);
    }
    if ((type == int.class || type == Integer.class) && value instanceof Number number) {
      return number.intValue();
    }
    return value;
  }

  /** A setter method or field. */
  private record Member(Class<?> type, Assignment assignment) {
    void set(Object target, Object value) throws ReflectiveOperationException {
      assignment.set(target, value);
    }
  }

  @FunctionalInterface
  private interface Assignment {
    void set(Object target, Object value) throws ReflectiveOperationException;
  }
}
