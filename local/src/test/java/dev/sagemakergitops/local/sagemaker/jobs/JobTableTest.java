package dev.sagemakergitops.local.sagemaker.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sagemakergitops.local.clock.Scheduler;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobTableTest {
  private record Job(String region, String name, String status) {}

  private final JobTable<Job> jobs = new JobTable<>(Job::region, Job::name);
  private final Scheduler scheduler = new Scheduler();
  private final Instant start = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void scheduleIf_whenTheJobIsStillExpected_replacesItsCurrentValue() {
    Job created = new Job("us-east-1", "churn", "InProgress");
    jobs.put(created);
    jobs.scheduleIf(scheduler, start.plusSeconds(60), created, job -> job.status().equals("InProgress"),
        job -> new Job(job.region(), job.name(), "Completed"));

    scheduler.runUntil(start.plusSeconds(60));

    assertThat(jobs.find("us-east-1", "churn")).map(Job::status).contains("Completed");
  }

  @Test
  void scheduleIf_whenAStopOvertookTheStep_leavesTheJobAsItIs() {
    Job created = new Job("us-east-1", "churn", "InProgress");
    jobs.put(created);
    jobs.scheduleIf(scheduler, start.plusSeconds(60), created, job -> job.status().equals("InProgress"),
        job -> new Job(job.region(), job.name(), "Completed"));
    jobs.put(new Job("us-east-1", "churn", "Stopping"));

    scheduler.runUntil(start.plusSeconds(60));

    assertThat(jobs.find("us-east-1", "churn")).map(Job::status).contains("Stopping");
  }

  @Test
  void find_whenTheJobIsInAnotherRegion_findsNothing() {
    jobs.put(new Job("us-east-1", "churn", "InProgress"));

    assertThat(jobs.find("eu-west-1", "churn")).isEmpty();
    assertThat(jobs.in("us-east-1")).containsOnlyKeys("churn");
  }
}
