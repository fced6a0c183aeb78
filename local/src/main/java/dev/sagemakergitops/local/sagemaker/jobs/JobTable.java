package dev.sagemakergitops.local.sagemaker.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sagemakergitops.local.clock.Scheduler;
import dev.sagemakergitops.local.protocol.Json;
import dev.sagemakergitops.local.sagemaker.resources.SageMakerResources;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The jobs of one kind (training, transform) by region and name, in creation order, with what every
 * SageMaker job API does the same way: replace a job by its next value, run a scheduled step only on
 * a job still in the state the step expects, and answer a {@code List*Jobs} call.
 *
 * <p>Jobs are immutable values; the table holds the current one. Called from request handlers and
 * simulation events, which the control plane runs one at a time.
 *
 * @param <J> the job value
 */
public final class JobTable<J> {
  private final Map<String, Map<String, J>> byRegion = new LinkedHashMap<>();
  private final Function<J, String> region;
  private final Function<J, String> name;

  public JobTable(Function<J, String> region, Function<J, String> name) {
    this.region = region;
    this.name = name;
  }

  /** The jobs of {@code region} by name, in creation order; the live map. */
  public Map<String, J> in(String regionName) {
    return byRegion.computeIfAbsent(regionName, any -> new LinkedHashMap<>());
  }

  public Optional<J> find(String regionName, String jobName) {
    return Optional.ofNullable(in(regionName).get(jobName));
  }

  /** Stores {@code job} as the current value of the job of its region and name. */
  public void put(J job) {
    in(region.apply(job)).put(name.apply(job), job);
  }

  /**
   * At {@code at}, replaces the job by {@code step} of its value then, if that value still passes
   * {@code expected}: a stop or a failure may have overtaken the step.
   */
  public void scheduleIf(Scheduler scheduler, Instant at, J job, Predicate<J> expected, UnaryOperator<J> step) {
    scheduler.schedule(at, () -> {
      J current = in(region.apply(job)).get(name.apply(job));
      if (current != null && expected.test(current)) {
        put(step.apply(current));
      }
    });
  }

  /**
   * A {@code List<Kind>Jobs} answer: the region's jobs filtered and sorted by the request (with the
   * operation's own default order), one page of {@code <Kind>JobSummaries}, and {@code NextToken}
   * when more remain. Each summary has the members both job APIs name after their kind
   * ({@code <Kind>JobName}, {@code <Kind>JobArn}, {@code CreationTime}, {@code <Kind>EndTime} once
   * ended, {@code LastModifiedTime}, {@code <Kind>JobStatus}), then what {@code more} adds.
   */
  public ObjectNode list(ObjectNode input, String regionName, String kind, SageMakerResources.JobFields<J> fields,
      Function<J, String> arn, Function<J, Instant> endTime, String defaultOrder, BiConsumer<J, ObjectNode> more) {
    List<J> matching = SageMakerResources.filterJobs(input, in(regionName).values(), fields, defaultOrder);
    SageMakerResources.Page<J> page = SageMakerResources.page(matching, input, 10);
    ObjectNode out = Json.object();
    ArrayNode summaries = out.putArray(kind + "JobSummaries");
    for (J job : page.items()) {
      ObjectNode summary = summaries.addObject();
      summary.put(kind + "JobName", fields.name().apply(job));
      summary.put(kind + "JobArn", arn.apply(job));
      summary.put("CreationTime", Json.timestamp(fields.created().apply(job)));
      Instant end = endTime.apply(job);
      if (end != null) {
        summary.put(kind + "EndTime", Json.timestamp(end));
      }
      summary.put("LastModifiedTime", Json.timestamp(fields.modified().apply(job)));
      summary.put(kind + "JobStatus", fields.status().apply(job));
      more.accept(job, summary);
    }
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
    return out;
  }
}
