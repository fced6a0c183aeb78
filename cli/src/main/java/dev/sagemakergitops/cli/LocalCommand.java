package dev.sagemakergitops.cli;

import dev.sagemakergitops.core.aws.AwsClients;
import dev.sagemakergitops.core.aws.AwsSettings;
import dev.sagemakergitops.core.seed.AccountSeed;
import dev.sagemakergitops.local.LocalControlPlane;
import dev.sagemakergitops.local.clock.SimulationClock;
import dev.sagemakergitops.local.ecr.EcrService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the local AWS control plane: SageMaker, SageMaker Runtime, ECR, CloudWatch, Application Auto Scaling"
            + " and S3 on loopback, over the real wire protocols, on simulated time. Point the AWS SDKs, the AWS CLI"
            + " or sagemaker-gitops at it with the printed AWS_ENDPOINT_URL. Runs until interrupted (Ctrl-C).",
        ""},
    footerHeading = "%nExamples:%n",
    footer = {
        "  sagemaker-gitops local",
        "  sagemaker-gitops local --port 4566 --time-scale 600 --seed seed.yaml",
        "  sagemaker-gitops local --consistency-delay 30s",
        "",
        "Seed file (YAML): region, images [{repository, tags}], alarms [{name, endpoint, metric, threshold}].",
        "Exit codes: 0 stopped, 2 invalid input (a bad seed file or option), 1 failure (the port is taken)."})
final class LocalCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", defaultValue = "4566",
      description = "Loopback port to serve on; 0 picks a free one (default: 4566).")
  int port;

  @Option(names = "--time-scale", paramLabel = "X", defaultValue = "60",
      description = "Simulated seconds per real second (default: 60, one simulated minute per second).")
  double timeScale;

  @Option(names = "--seed", paramLabel = "FILE", description = "Images and alarms to create at start.")
  Path seed;

  @Option(names = "--region", paramLabel = "REGION", defaultValue = "us-east-1",
      description = "Region of unsigned requests and of seed entries without one (default: us-east-1).")
  String region;

  @Option(names = "--consistency-delay", paramLabel = "DURATION", defaultValue = "0",
      converter = DurationConverter.class,
      description = "Simulated time a new model, endpoint configuration, model package or scalable target stays"
          + " invisible to the calls that use it and to its own Describe, as AWS's eventual consistency allows"
          + " (for example 30s; default: 0, strongly consistent).")
  java.time.Duration consistencyDelay;

  @Option(names = "--duration", paramLabel = "SECONDS",
      description = "Stop after this many real seconds (default: run until interrupted).")
  Long durationSeconds;

  /** Counted down to stop the server (by the shutdown hook, or by tests). */
  final CountDownLatch stop = new CountDownLatch(1);

  /** The running control plane, for tests; {@code null} before start and after stop. */
  volatile LocalControlPlane running;

  @Override
  public Integer call() throws InterruptedException {
    if (!(timeScale > 0)) {
      throw new InvalidInputException("--time-scale: expected a positive number, got " + timeScale);
    }
    LocalSeed seedFile = seed == null ? null : LocalSeed.read(seed);
    PrintWriter out = spec.commandLine().getOut();
    try (LocalControlPlane plane = LocalControlPlane.builder().standardServices().port(port).region(region)
        .clock(SimulationClock.scaled(timeScale)).consistencyDelay(consistencyDelay).start()) {
      if (seedFile != null) {
        apply(seedFile, plane, out);
      }
      out.println("Local control plane listening on " + plane.endpoint() + " (time x" + format(timeScale)
          + (consistencyDelay.isZero() ? "" : ", consistency delay " + consistencyDelay.toSeconds() + " s") + ")");
      out.println("export AWS_ENDPOINT_URL=" + plane.endpoint());
      out.println("export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=" + region);
      out.flush();
      running = plane;
      Thread hook = new Thread(stop::countDown, "local-control-plane-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        if (durationSeconds == null) {
          stop.await();
        } else {
          stop.await(durationSeconds, TimeUnit.SECONDS);
        }
      } finally {
        running = null;
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is already stopping; the hook has run
        }
      }
    }
    return ExitCode.SUCCESS.code();
  }

  private void apply(LocalSeed seedFile, LocalControlPlane plane, PrintWriter out) {
    String seedRegion = seedFile.region() == null ? region : seedFile.region();
    EcrService ecr = plane.service(EcrService.class);
    for (LocalSeed.Image image : seedFile.images()) {
      for (String tag : image.tags()) {
        String digest = plane.withSimulation(() -> ecr.publish(seedRegion, image.repository(), tag));
        out.println("seeded image " + plane.accountId() + ".dkr.ecr." + seedRegion + ".amazonaws.com/"
            + image.repository() + ":" + tag + " -> " + digest);
      }
    }
    if (seedFile.alarms().isEmpty()) {
      return;
    }
    // Alarms go through the CloudWatch API, exactly as a user's own tooling would create them.
    try (AwsClients clients = AwsClients.create(new AwsSettings(seedRegion, null, plane.endpoint(), null, null, null),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), List.of())) {
      AccountSeed account = new AccountSeed(clients);
      for (LocalSeed.Alarm alarm : seedFile.alarms()) {
        account.put(seedRegion, new AccountSeed.EndpointAlarm(alarm.name(), alarm.endpoint(), alarm.metric(), "Sum",
            alarm.threshold(), null));
        out.println("seeded alarm " + alarm.name() + " (" + alarm.metric() + " >= " + format(alarm.threshold())
            + " on " + alarm.endpoint() + ")");
      }
    }
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

}
