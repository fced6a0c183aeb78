package dev.sagemakergitops.liveaws.probe;

import dev.sagemakergitops.liveaws.Observation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sagemaker.model.CreateModelPackageResponse;
import software.amazon.awssdk.services.sagemaker.model.ModelPackageStatus;

/**
 * {@code CreateModelPackage} with a {@code ClientToken}: the same token answers the same version
 * (botocore: "guarantees that the call to this API is idempotent"), but what the token answers once
 * that version was deleted is undocumented. docs/operations.md tells users to delete a Failed
 * version and register again; if SageMaker still maps the token to the deleted ARN, that advice
 * fails until the token expires. Free.
 */
public final class ClientTokenAfterDeleteProbe implements Probe {
  @Override
  public String id() {
    return "client-token-after-delete";
  }

  @Override
  public String question() {
    return "What does CreateModelPackage answer to the ClientToken of a version that was deleted?";
  }

  @Override
  public Cost cost() {
    return Cost.NONE;
  }

  @Override
  public List<Observation> run(ProbeRun run) {
    var sageMaker = run.target().sageMaker();
    String group = run.ledger().name("registry");
    sageMaker.createModelPackageGroup(r -> r.modelPackageGroupName(group).tags(run.tag()));
    run.ledger().created("model package group", group,
        () -> sageMaker.deleteModelPackageGroup(r -> r.modelPackageGroupName(group)));
    String token = run.ledger().name("token");
    Map<String, Object> request = Map.of("ModelPackageGroupName", group, "ClientToken", token);
    List<Observation> observations = new ArrayList<>();

    Observation first = run.observe("CreateModelPackage with a new ClientToken", request, () -> create(run, group, token),
        answer -> Map.of("ModelPackageArn", answer.modelPackageArn()));
    observations.add(first);
    if (!first.outcome().equals(Observation.ANSWERED)) {
      return observations;
    }
    String version = sageMaker.listModelPackages(r -> r.modelPackageGroupName(group)).modelPackageSummaryList().get(0)
        .modelPackageArn();
    observations.add(run.observe("CreateModelPackage again with the same ClientToken", request,
        () -> create(run, group, token), answer -> Map.of("ModelPackageArn", answer.modelPackageArn())));
    run.waitFor(() -> run.whenVisible(() -> sageMaker.describeModelPackage(r -> r.modelPackageName(version)))
            .modelPackageStatus(),
        status -> status != ModelPackageStatus.IN_PROGRESS && status != ModelPackageStatus.PENDING,
        Duration.ofMinutes(10), "model package " + version);
    observations.add(run.observe("DeleteModelPackage of that version", Map.of("ModelPackageName", version),
        () -> sageMaker.deleteModelPackage(r -> r.modelPackageName(version)), answer -> Map.of()));
    String[] answeredArn = {version};
    observations.add(run.observe("CreateModelPackage with the ClientToken of the deleted version", request, () -> {
      CreateModelPackageResponse answer = create(run, group, token);
      answeredArn[0] = answer.modelPackageArn();
      return answer;
    }, answer -> Map.of("ModelPackageArn", answer.modelPackageArn())));
    // The version that token answers now, or the deleted one when the create was refused.
    observations.add(run.observe("DescribeModelPackage of the version the token answers",
        Map.of("ModelPackageName", answeredArn[0]),
        () -> sageMaker.describeModelPackage(r -> r.modelPackageName(answeredArn[0])),
        answer -> Map.of("ModelPackageStatus", answer.modelPackageStatusAsString())));
    return observations;
  }

  private static CreateModelPackageResponse create(ProbeRun run, String group, String token) {
    CreateModelPackageResponse answer = run.target().sageMaker().createModelPackage(r -> r.modelPackageGroupName(group)
        .clientToken(token).inferenceSpecification(i -> i.containers(c -> c.image(run.target().servingImage()))
            .supportedContentTypes("text/csv").supportedResponseMIMETypes("text/csv")));
    run.ledger().created("model package", answer.modelPackageArn(),
        () -> run.target().sageMaker().deleteModelPackage(r -> r.modelPackageName(answer.modelPackageArn())));
    return answer;
  }
}
