package dev.sagemakergitops.core.operation.transform;

import dev.sagemakergitops.core.operation.fixture.ChurnManifest;
import dev.sagemakergitops.core.operation.fixture.ServingFixture;
import dev.sagemakergitops.core.operation.support.AbandonEveryCall;
import dev.sagemakergitops.core.operation.support.LocalAws;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sagemaker.model.ModelSummary;
import software.amazon.awssdk.services.sagemaker.model.TransformJobSummary;

/**
 * A local AWS with the churn packages registered, a CSV file to score under the manifest's input
 * prefix (unless told otherwise), and the manifest resolved from a real Git repository.
 */
final class TransformWorld implements AbandonEveryCall.World<BatchTransformRequest> {
  /** Customer id, then two features. */
  static final String INPUT = "c-1,0.5,1.5\nc-2,2.0,0.25\nc-3,1.0,1.0\n";
  static final String INPUT_KEY = "churn/score/part-1.csv";
  static final String OUTPUT_KEY = "churn/part-1.csv.out";

  final LocalAws aws;
  final ServingFixture fixture;
  final BatchTransformRequest request;

  TransformWorld(Path dir, ChurnManifest manifest, boolean withInput) {
    aws = LocalAws.start();
    fixture = new ServingFixture(aws, dir).registerPackages();
    if (withInput) {
      aws.putObject("ml-data", INPUT_KEY, INPUT, "text/csv");
    }
    request = BatchTransformRequest.of(fixture.resolve(manifest), "nightly");
  }

  /** What the manifest's filters and join make of {@link #INPUT}: the id, then package 2's prediction. */
  static String expectedOutput() {
    StringBuilder out = new StringBuilder();
    for (String line : INPUT.split("\n")) {
      String[] fields = line.split(",", 2);
      out.append(fields[0]).append(',').append(ServingFixture.localModelOf(2).predictCsvLine(fields[1])).append('\n');
    }
    return out.toString();
  }

  /** The output object's text, or {@code null} when there is none. */
  String output() {
    S3Client s3 = aws.clients().s3(LocalAws.REGION);
    try {
      return s3.getObjectAsBytes(r -> r.bucket("ml-predictions").key(OUTPUT_KEY)).asString(StandardCharsets.UTF_8);
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public LocalAws aws() {
    return aws;
  }

  @Override
  public BatchTransformRequest request() {
    return request;
  }

  /** Every transform job with its status, every model, and the output. */
  @Override
  public Object resources() {
    List<String> out = new ArrayList<>();
    for (TransformJobSummary job : fixture.sageMaker().listTransformJobs(r -> r.maxResults(100))
        .transformJobSummaries()) {
      out.add("job " + job.transformJobName() + " " + job.transformJobStatusAsString());
    }
    for (ModelSummary model : fixture.sageMaker().listModels(r -> r.maxResults(100)).models()) {
      out.add("model " + model.modelName());
    }
    out.add("output " + output());
    return out;
  }

  @Override
  public void close() {
    fixture.close();
    aws.close();
  }
}
