package dev.sagemakergitops.cli;

import dev.sagemakergitops.testkit.ManifestText;
import java.util.ArrayList;
import java.util.List;

/**
 * A fleet of endpoints for the parallel sync tests: manifests {@code models/fleet/<name>.yaml}
 * serving a churn package on endpoint {@code <name>} with a canary deployment watched by its own
 * rollback alarm {@code <name>-5xx}.
 */
final class Fleet {
  private Fleet() {}

  static String path(String name) {
    return "models/fleet/" + name + ".yaml";
  }

  static String alarm(String name) {
    return name + "-5xx";
  }

  /** The manifest of {@code name} serving {@code modelPackage} on endpoint {@code endpoint}. */
  static String manifest(String name, String endpoint, String modelPackage) {
    return ManifestText.deployment(name).region("us-east-1").image(LocalWorld.REGISTRY + "/churn-xgb:1.4.2")
        .spec("""
          model:
            package: %s
            executionRoleArn: arn:aws:iam::123456789012:role/sm-execution
          endpoint:
            name: %s
            variants:
              - {name: AllTraffic, instanceType: ml.m5.large, instanceCount: 2}
            deployment: {strategy: canary, canarySize: 50%%, bake: 10m, rollbackAlarms: [%s]}
        """.formatted(modelPackage, endpoint, alarm(endpoint)))
        .text();
  }

  /** Names {@code prefix-1} ... {@code prefix-count}. */
  static List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      names.add(prefix + "-" + i);
    }
    return names;
  }

  /** Writes each named manifest (its own endpoint) serving {@code modelPackage}, and commits them in one commit. */
  static String commit(LocalWorld world, List<String> names, String modelPackage, String message) {
    for (String name : names) {
      world.git().file(path(name), manifest(name, name, modelPackage));
    }
    return world.git().commit(message);
  }

  /** Creates the rollback alarm of each named endpoint. */
  static void alarms(LocalWorld world, List<String> names) {
    names.forEach(name -> world.createAlarm(alarm(name), name));
  }

  /**
   * Registers churn/1 and churn/2, creates the rollback alarms of {@code names}, commits their
   * manifests on churn/1 and syncs them all at once, then forgets the calls that took.
   */
  static void deployed(LocalWorld world, List<String> names) {
    Churn.twoVersions(world);
    alarms(world, names);
    commit(world, names, "churn/1", "Serve churn 1 on the fleet");
    CommandLineRun created = world.run("sync", "--parallel", String.valueOf(names.size()));
    if (created.exitCode() != 0) {
      throw new AssertionError("the fleet was not created: " + created.out() + created.err());
    }
    world.calls().clear();
  }
}
