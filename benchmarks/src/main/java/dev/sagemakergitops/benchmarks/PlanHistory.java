package dev.sagemakergitops.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The generated GitOps repository the {@link PlanBenchmark} plans in: {@code manifests} model
 * manifests shaped like the examples, and {@code commits} commits that bump packages, roll images,
 * scale and move instance types, from a seeded random history (the same seed, the same repository).
 */
final class PlanHistory {
  /** Bumped when the generated history changes, so a stale repository is never reused. */
  private static final int GENERATOR_VERSION = 1;

  private static final String[] TEAMS = {"growth", "fraud", "search", "ads", "risk", "pricing", "supply", "support",
      "payments", "identity", "maps", "media", "music", "retail", "travel", "health", "credit", "insurance", "legal",
      "hr", "security", "infra", "vision", "speech", "nlp"};
  private static final String[] MODELS = {"churn", "ltv", "ranker", "scorer", "forecast", "classifier", "detector",
      "recommender", "embedder", "segmenter"};
  private static final String[] ENVS = {"dev", "staging", "prod", "prod-eu"};
  private static final String[] INSTANCE_TYPES = {"ml.m5.large", "ml.m5.xlarge", "ml.c5.xlarge", "ml.g4dn.xlarge"};

  private final Path dir;
  private final int manifests;
  private final int commits;
  private final long seed;

  PlanHistory(Path dir, int manifests, int commits, long seed) {
    this.dir = dir;
    this.manifests = manifests;
    this.commits = commits;
    this.seed = seed;
  }

  /**
   * The repository for these settings under {@code dir}: reused when a complete one exists, else
   * generated with {@code git fast-import}.
   */
  Path ensure() throws IOException, InterruptedException {
    Path repo = dir.resolve("plan-m" + manifests + "-c" + commits + "-s" + seed
        + "-v" + GENERATOR_VERSION).toAbsolutePath();
    Path done = repo.resolve(".git").resolve("benchmark-complete");
    if (Files.exists(done)) {
      System.out.println("Reusing " + repo);
      return repo;
    }
    if (Files.exists(repo)) {
      Commands.run(dir, "rm", "-rf", repo.toString());
    }
    Files.createDirectories(repo);
    long start = System.nanoTime();
    Commands.run(repo, "git", "init", "-q", "-b", "main");
    Process importer = new ProcessBuilder("git", "fast-import", "--quiet", "--done")
        .directory(repo.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
    try (OutputStream out = new BufferedOutputStream(importer.getOutputStream(), 1 << 16)) {
      writeHistory(out);
    }
    if (importer.waitFor() != 0) {
      throw new IllegalStateException("git fast-import failed");
    }
    Commands.run(repo, "git", "checkout", "-q", "-f", "main");
    Commands.run(repo, "git", "gc", "-q");
    Files.writeString(done, "ok\n");
    System.out.printf(Locale.ROOT, "Generated %s: %d manifests, %d commits, in %.1f s%n", repo, manifests,
        commits, (System.nanoTime() - start) / 1e9);
    return repo;
  }

  record Model(String path, String team, String model, String env, int[] state) {
    // state: [0] package version, [1] image patch, [2] instance count, [3] instance type index
  }

  private void writeHistory(OutputStream out) throws IOException {
    Random random = new Random(seed);
    List<Model> models = new ArrayList<>();
    for (int i = 0; i < manifests; i++) {
      String team = TEAMS[(i / (ENVS.length * MODELS.length)) % TEAMS.length];
      int round = i / (ENVS.length * MODELS.length * TEAMS.length);
      String model = MODELS[(i / ENVS.length) % MODELS.length] + (round == 0 ? "" : "-" + round);
      String env = ENVS[i % ENVS.length];
      int[] state = {1 + random.nextInt(20), random.nextInt(10), 1 + random.nextInt(4), random.nextInt(2)};
      models.add(new Model("models/" + team + "/" + model + "/" + env + ".yaml", team, model, env, state));
    }
    long time = 1_767_225_600L; // 2026-01-01T00:00:00Z
    StringBuilder message = new StringBuilder();
    for (int commit = 0; commit < commits; commit++) {
      List<Model> touched = new ArrayList<>();
      if (commit == 0) {
        touched.addAll(models);
        message.setLength(0);
        message.append("Add ").append(models.size()).append(" model manifests");
      } else {
        int count = random.nextInt(100) < 92 ? 1 : 2 + random.nextInt(2);
        message.setLength(0);
        for (int k = 0; k < count; k++) {
          Model m = models.get(random.nextInt(models.size()));
          if (touched.contains(m)) {
            continue;
          }
          touched.add(m);
          String name = m.team + "-" + m.model + "-" + m.env;
          String what = switch (random.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> "Bump " + name + " to model package " + m.model + "/" + (++m.state[0]);
            case 5, 6, 7 -> "Roll " + name + " image to 1.4." + (++m.state[1]);
            case 8 -> {
              m.state[2] = m.state[2] % 6 + 1;
              yield "Scale " + name + " to " + m.state[2] + " instances";
            }
            default -> {
              m.state[3] = (m.state[3] + 1) % INSTANCE_TYPES.length;
              yield "Move " + name + " to " + INSTANCE_TYPES[m.state[3]];
            }
          };
          message.append(message.length() == 0 ? "" : "; ").append(what);
        }
      }
      time += 600 + random.nextInt(3000);
      writeCommit(out, message.toString(), time, touched);
    }
    out.write("done\n".getBytes(StandardCharsets.UTF_8));
  }

  private static void writeCommit(OutputStream out, String message, long time, List<Model> touched) throws IOException {
    byte[] msg = message.getBytes(StandardCharsets.UTF_8);
    StringBuilder header = new StringBuilder(256)
        .append("commit refs/heads/main\n")
        .append("author Dev Eloper <dev@example.com> ").append(time).append(" +0000\n")
        .append("committer CI Bot <ci@example.com> ").append(time).append(" +0000\n")
        .append("data ").append(msg.length).append('\n');
    out.write(header.toString().getBytes(StandardCharsets.UTF_8));
    out.write(msg);
    out.write('\n');
    for (Model m : touched) {
      byte[] content = manifest(m).getBytes(StandardCharsets.UTF_8);
      out.write(("M 100644 inline " + m.path + "\ndata " + content.length + "\n").getBytes(StandardCharsets.UTF_8));
      out.write(content);
      out.write('\n');
    }
    out.write('\n');
  }

  /** A manifest shaped like examples/models/churn/prod.yaml. */
  static String manifest(Model m) {
    String name = m.team + "-" + m.model + "-" + m.env;
    boolean prod = m.env.startsWith("prod");
    String region = m.env.equals("prod-eu") ? "eu-west-1" : "us-east-1";
    String account = "123456789012";
    int count = m.state[2];
    return "# " + m.model + " for " + m.team + " in " + m.env + ": trained and registered by CI.\n"
        + "apiVersion: sagemaker-gitops/v1\n"
        + "kind: ModelDeployment\n"
        + "metadata:\n"
        + "  name: " + name + "\n"
        + "  labels: {team: " + m.team + ", env: " + m.env + "}\n"
        + "spec:\n"
        + "  region: " + region + "\n"
        + "  image: " + account + ".dkr.ecr." + region + ".amazonaws.com/" + m.team + "-" + m.model + ":1.4."
        + m.state[1] + "\n"
        + "\n"
        + "  training:\n"
        + "    roleArn: arn:aws:iam::" + account + ":role/sm-training\n"
        + "    instanceType: ml.m5.xlarge\n"
        + "    instanceCount: 1\n"
        + "    volumeSizeGb: 30\n"
        + "    maxRuntime: 2h\n"
        + "    inputs:\n"
        + "      train: s3://ml-data/" + m.team + "/" + m.model + "/train/\n"
        + "      validation: {s3Uri: s3://ml-data/" + m.team + "/" + m.model + "/validation/, contentType: text/csv}\n"
        + "    outputS3Uri: s3://ml-artifacts/" + m.team + "/" + m.model + "/\n"
        + "    hyperparameters: {max_depth: 6, eta: 0.2, objective: \"binary:logistic\"}\n"
        + "\n"
        + "  registry:\n"
        + "    group: " + m.team + "-" + m.model + "\n"
        + "    approval: PendingManualApproval\n"
        + "\n"
        + "  model:\n"
        + "    package: " + m.team + "-" + m.model + "/" + m.state[0] + "\n"
        + "    executionRoleArn: arn:aws:iam::" + account + ":role/sm-execution\n"
        + "    environment: {SAGEMAKER_PROGRAM: inference.py}\n"
        + "\n"
        + "  endpoint:\n"
        + "    name: " + name + "\n"
        + "    variants:\n"
        + "      - {name: AllTraffic, instanceType: " + INSTANCE_TYPES[m.state[3]] + ", instanceCount: " + count + "}\n"
        + "    autoscaling: {minCapacity: " + count + ", maxCapacity: " + (count * 4) + ", maxRps: 40, safetyFactor: 0.5}\n"
        + "    dataCapture: {s3Uri: s3://ml-capture/" + m.team + "/" + m.model + "/, samplingPercent: 20}\n"
        + "    deployment:\n"
        + (prod
            ? "      strategy: canary\n      canarySize: 50%\n      bake: 10m\n      terminationWait: 5m\n"
            : "      strategy: allAtOnce\n      bake: 5m\n")
        + "      timeout: 2h\n"
        + "      rollbackAlarms: [" + name + "-5xx, " + name + "-p99-latency]\n"
        + (prod
            ? "\n  batchTransforms:\n    nightly-scoring:\n"
                + "      input: {s3Uri: s3://ml-data/" + m.team + "/" + m.model + "/score/, contentType: text/csv,"
                + " splitType: Line}\n"
                + "      output: {s3Uri: s3://ml-predictions/" + m.team + "/" + m.model + "/, accept: text/csv,"
                + " assembleWith: Line}\n"
                + "      instanceType: ml.m5.xlarge\n"
                + "      instanceCount: 2\n"
            : "");
  }
}
