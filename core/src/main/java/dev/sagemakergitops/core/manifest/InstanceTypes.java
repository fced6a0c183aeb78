package dev.sagemakergitops.core.manifest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The instance types SageMaker accepts for each use: hosting, training and transform have three
 * different enums in the service model ({@code ml.c5.large} hosts but does not train, {@code ml.inf2.*}
 * serves but does not train). The lists are the resource {@code instance-types.txt} beside this
 * class, copied from the botocore service model whose version it names; {@code InstanceTypesModelTest}
 * keeps it equal to the installed model.
 */
public final class InstanceTypes {
  /** What an instance type is used for, and the service-model enum that lists the types for it. */
  public enum Use {
    HOSTING("ProductionVariantInstanceType", "endpoint variants"),
    TRAINING("TrainingInstanceType", "training jobs"),
    TRANSFORM("TransformInstanceType", "batch transform jobs");

    private final String shape;
    private final String purpose;

    Use(String shape, String purpose) {
      this.shape = shape;
      this.purpose = purpose;
    }

    /** The botocore shape, such as {@code TrainingInstanceType}. */
    public String shape() {
      return shape;
    }
  }

  private static final String RESOURCE = "instance-types.txt";
  private static final int SUGGESTIONS = 3;

  private final String botocoreVersion;
  private final Map<Use, Set<String>> types;

  private InstanceTypes(String botocoreVersion, Map<Use, Set<String>> types) {
    this.botocoreVersion = botocoreVersion;
    this.types = types;
  }

  /** The lists shipped with the project. */
  public static InstanceTypes shipped() {
    return Shipped.INSTANCE;
  }

  /** The botocore version the lists were copied from. */
  public String botocoreVersion() {
    return botocoreVersion;
  }

  /** Every type SageMaker accepts for {@code use}, in the model's order. */
  public Set<String> of(Use use) {
    return types.get(use);
  }

  /** True when SageMaker accepts {@code instanceType} for {@code use}. */
  public boolean accepts(Use use, String instanceType) {
    return types.get(use).contains(instanceType);
  }

  /**
   * Why {@code instanceType} cannot be used for {@code use}, with the closest types that can: types of
   * the same family first (nearest size), then the nearest spellings.
   */
  public String refusal(Use use, String instanceType) {
    List<String> others = new ArrayList<>();
    for (Use other : Use.values()) {
      if (other != use && accepts(other, instanceType)) {
        others.add(other.purpose);
      }
    }
    String why = others.isEmpty() ? "'" + instanceType + "' is not a SageMaker instance type for " + use.purpose
        : "SageMaker runs " + others.stream().reduce((a, b) -> a + " and " + b).orElseThrow() + " on '" + instanceType
            + "' but not " + use.purpose;
    return why + " (" + use.shape + ", botocore " + botocoreVersion + "); closest that " + use.purpose
        + " accept: " + String.join(", ", closest(use, instanceType));
  }

  /** The {@value #SUGGESTIONS} types accepted for {@code use} that are closest to {@code instanceType}. */
  public List<String> closest(Use use, String instanceType) {
    String family = family(instanceType);
    LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
    return types.get(use).stream()
        .sorted(Comparator.<String>comparingInt(type -> family(type).equals(family) ? 0 : 1)
            .thenComparingInt(type -> distance.apply(type, instanceType)))
        .limit(SUGGESTIONS)
        .toList();
  }

  /** {@code ml.c5} of {@code ml.c5.large}. */
  private static String family(String instanceType) {
    int last = instanceType.lastIndexOf('.');
    return last < 0 ? instanceType : instanceType.substring(0, last);
  }

  /** Reads the resource format: {@code botocore=<version>}, then {@code [Shape]} sections of one type a line. */
  static InstanceTypes read(InputStream in) throws IOException {
    String version = null;
    Map<Use, Set<String>> types = new EnumMap<>(Use.class);
    Set<String> current = null;
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        if (text.startsWith("botocore=")) {
          version = text.substring("botocore=".length());
        } else if (text.startsWith("[") && text.endsWith("]")) {
          String shape = text.substring(1, text.length() - 1);
          Use use = java.util.Arrays.stream(Use.values()).filter(u -> u.shape.equals(shape)).findFirst()
              .orElseThrow(() -> new IOException("unknown section [" + shape + "] in " + RESOURCE));
          current = new LinkedHashSet<>();
          types.put(use, current);
        } else if (current != null) {
          current.add(text);
        } else {
          throw new IOException("a type before the first section in " + RESOURCE + ": " + text);
        }
      }
    }
    if (version == null || types.size() != Use.values().length) {
      throw new IOException(RESOURCE + " needs botocore= and one section per use");
    }
    types.replaceAll((use, set) -> java.util.Collections.unmodifiableSet(set));
    return new InstanceTypes(version, java.util.Collections.unmodifiableMap(types));
  }

  /** Loaded once, on first use: the lists are constant data of the build. */
  private static final class Shipped {
    static final InstanceTypes INSTANCE = load();

    private static InstanceTypes load() {
      try (InputStream in = InstanceTypes.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the build");
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
