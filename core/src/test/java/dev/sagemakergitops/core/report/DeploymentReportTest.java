package dev.sagemakergitops.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.sagemakergitops.core.operation.deploy.DeployWorldTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The report of real deployment records: canary deploys on the local control plane that succeed
 * or that SageMaker rolls back on an alarm, recorded as the hosts record them.
 */
class DeploymentReportTest extends DeployWorldTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  DeploymentReportTest() {
    super(3);
  }

  private Path records;
  private RecordedDeployments deployments;

  @BeforeEach
  void setUp() throws Exception {
    records = dir.resolve("records");
    deployments = new RecordedDeployments(world, records);
  }

  private static String html(Path... files) throws ReportInputException {
    return DeploymentReport.of(new RecordReader().read(List.of(files))).html();
  }

  private static int count(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void html_ofACanaryThatSucceeded_showsTheOutcomeLineageAndEachTrafficStepWithItsShare() throws Exception {
    deployments.deploy(1);
    Path canary = deployments.deploy(2);

    String html = html(canary);

    assertThat(html).contains("<span class=\"badge succeeded\">succeeded</span> safeDeploy of models/churn/prod.yaml");
    assertThat(count(html, "<g class=\"step\" data-step=")).isEqualTo(2);
    assertThat(html).contains("Traffic step 1 of 2: canary 1 instance (25%)", "Traffic step 2 of 2: all traffic (100%)",
        "bake 600 s");
    assertThat(html).contains("class=\"final-bake\"", "UpdateEndpoint");
    // A 10-minute bake watched by an alarm looked at about once a minute, none in ALARM.
    assertThat(count(html, "class=\"alarm-look ok\"")).isGreaterThanOrEqualTo(15);
    assertThat(html).doesNotContain("class=\"alarm-look alarm\"", "class=\"rollback\"");
    JsonNode record = JSON.readTree(canary.toFile());
    assertThat(html).contains(record.at("/lineage/commit").asText().substring(0, 12), "churn/2",
        record.at("/lineage/imageDigest").asText().substring(0, 19), record.at("/result/endpointConfigName").asText(),
        record.at("/result/modelName").asText(), "s3://ml-artifacts/churn/v2/model.tar.gz");
    assertThat(count(html, "<g class=\"lineage-node")).isEqualTo(9);
  }

  @Test
  void html_ofAnAlarmRollback_showsTheReasonTheAlarmLooksInAlarmAndTheRollback() throws Exception {
    deployments.deploy(1);
    Path rolledBack = deployments.deployTrippingTheAlarm(2);

    String html = html(rolledBack);

    assertThat(html).contains("<span class=\"badge rolledBack\">rolled back</span>", "ROLLED_BACK",
        "Alarms in ALARM: churn-prod-5xx", "class=\"rollback\"", "Rolled back at ");
    assertThat(html).containsPattern("SageMaker rolled the deployment of churn-prod-[0-9a-f]{12} to churn-prod back");
    assertThat(count(html, "<g class=\"step\" data-step=")).isEqualTo(1);
    assertThat(html).contains("Traffic step 1 of 2: canary 1 instance (25%)")
        .doesNotContain("Traffic step 2 of 2");
    assertThat(count(html, "class=\"alarm-look alarm\"")).isGreaterThanOrEqualTo(1);
    assertThat(html).containsPattern("alarm look[s]?, [1-9][0-9]* in ALARM");
  }

  @Test
  void html_ofAFolderOfOneEndpoint_isItsHistoryNewestFirstWithTheRollbacksMarked() throws Exception {
    deployments.deploy(1);
    deployments.deployTrippingTheAlarm(2);
    deployments.deploy(3);

    String html = html(records);

    assertThat(html).contains("<h1>History of endpoint churn-prod</h1>", "3 runs from ", "; 1 rollback.");
    assertThat(count(html, "<g class=\"run ")).isEqualTo(3);
    assertThat(count(html, "<g class=\"run rolledBack\"")).isEqualTo(1);
    assertThat(count(html, "<article class=\"run ")).isEqualTo(3);
    int succeeded = html.indexOf("<article class=\"run succeeded\"");
    int rollback = html.indexOf("<article class=\"run rolledBack\"");
    assertThat(html.indexOf("churn/3")).isBetween(0, rollback);
    assertThat(succeeded).isLessThan(rollback);
  }

  @Test
  void html_ofRecordsOfTwoEndpoints_givesEachItsOwnSection() throws Exception {
    Path churn = deployments.deploy(1);
    ObjectNode other = (ObjectNode) JSON.readTree(churn.toFile());
    ((ObjectNode) other.get("result")).put("endpointName", "fraud-prod");
    Path fraud = dir.resolve("fraud.json");
    Files.writeString(fraud, other.toString());

    String html = html(churn, fraud);

    assertThat(html).contains("<h1>Deployments of 2 endpoints</h1>", "<h2>Endpoint churn-prod</h2>",
        "<h2>Endpoint fraud-prod</h2>");
  }

  @Test
  void html_whenRecordTextsCarryMarkup_escapesEveryOne() throws Exception {
    deployments.deploy(1);
    Path record = deployments.deployTrippingTheAlarm(2);
    ObjectNode json = (ObjectNode) JSON.readTree(record.toFile());
    String attack = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>'";
    ((ObjectNode) json.get("lineage")).put("manifestPath", "models/" + attack + ".yaml");
    ((ObjectNode) json.get("lineage")).put("commit", attack);
    ((ObjectNode) json.get("failure")).put("message", attack);
    ((ObjectNode) json.get("failure")).put("failureReason", attack);
    ((ObjectNode) json.get("result")).put("endpointName", attack);
    ((ObjectNode) json.at("/events/0")).put("message", attack);
    ((ObjectNode) json.at("/events/0")).putObject("facts").put("kind", "update").put("deployment", attack);
    Files.writeString(record, json.toString());

    String html = html(record);

    assertThat(html).doesNotContain("<script", "<img", "onerror=alert(2)>", "alert(1)</");
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;&apos;");
  }

  @Test
  void html_always_fetchesNothing() throws Exception {
    deployments.deploy(1);
    deployments.deployTrippingTheAlarm(2);

    String html = html(records);

    // No script, stylesheet, font, image or frame to load: CSS and SVG are inline, links stay on the page.
    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
        .doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<iframe").doesNotContainIgnoringCase("<object")
        .doesNotContainIgnoringCase("src=").doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("@import")
        .doesNotContainIgnoringCase("xlink:href");
    assertThat(count(html, "href=\"")).isEqualTo(count(html, "href=\"#run-"));
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<svg class=\"lineage\"", "<svg class=\"timeline\"");
  }

  @Test
  void record_ofACanary_carriesEachStepsShareAndEveryAlarmLookAsFactsTheSchemaAccepts() throws Exception {
    deployments.deploy(1);
    Path canary = deployments.deploy(2);

    JsonNode record = JSON.readTree(canary.toFile());

    var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
        .getSchema(JSON.readTree(Files.readString(Path.of("../docs/deployment-record.schema.json"))));
    assertThat(schema.validate(record)).isEmpty();
    List<JsonNode> steps = new java.util.ArrayList<>();
    List<JsonNode> looks = new java.util.ArrayList<>();
    record.get("events").forEach(e -> {
      String kind = e.at("/facts/kind").asText();
      if (kind.equals("trafficStep")) {
        steps.add(e);
      } else if (kind.equals("alarmLook")) {
        looks.add(e);
      }
    });
    assertThat(steps).extracting(e -> e.at("/facts/step").asInt() + " " + e.at("/facts/sharePercent").asInt() + " "
        + e.at("/facts/bakeSeconds").asInt()).containsExactly("1 25 600", "2 100 600");
    assertThat(looks).allSatisfy(look -> {
      assertThat(look.get("quiet").asBoolean()).isTrue();
      assertThat(look.at("/facts/state").asText()).isEqualTo("OK");
      assertThat(look.at("/facts/alarms/0").asText()).isEqualTo("churn-prod-5xx");
    });
    assertThat(looks).hasSizeGreaterThanOrEqualTo(15);
  }

  @Test
  void html_ofARecordWrittenBeforeEventsHadFacts_drawsEachEventOnTheTimeline() throws Exception {
    Path record = deployments.deploy(1);
    ObjectNode json = (ObjectNode) JSON.readTree(record.toFile());
    List<JsonNode> logged = new java.util.ArrayList<>();
    json.get("events").forEach(e -> {
      ((ObjectNode) e).remove("facts");
      if (!e.has("quiet")) {
        logged.add(e);
      }
    });
    json.set("events", JSON.valueToTree(logged));
    Files.writeString(record, json.toString());

    String html = html(record);

    assertThat(count(html, "<circle class=\"event\"")).isEqualTo(logged.size()).isPositive();
    assertThat(html).contains("<span class=\"badge succeeded\">succeeded</span>");
  }

  @Test
  void html_ofARecordWhoseVariantsHaveTheirOwnModels_drawsOneLineageColumnPerModelSideBySide() throws Exception {
    Path record = deployments.deploy(1);
    ObjectNode json = (ObjectNode) JSON.readTree(record.toFile());
    var variants = ((ObjectNode) json.get("lineage")).putArray("variants");
    for (String name : List.of("B", "C")) {
      variants.addObject().put("variant", name).put("modelName", "churn-prod-" + name.toLowerCase() + "0123456789a")
          .put("modelPackage", "arn:aws:sagemaker:us-east-1:123456789012:model-package/churn/" + (name.equals("B") ? 2 : 3))
          .put("modelArtifact", "s3://ml-artifacts/churn/" + name + "/model.tar.gz")
          .put("imageDigest", json.at("/lineage/imageDigest").asText());
    }
    Files.writeString(record, json.toString());

    String html = html(record);

    assertThat(count(html, "<text class=\"column\"")).isEqualTo(3);
    assertThat(html).contains(">spec.model</text>", ">variant B</text>", ">variant C</text>", "churn-prod-b0123456789a",
        "s3://ml-artifacts/churn/C/model.tar.gz");
    // commit and manifest, five links per model, the endpoint configuration and the endpoint
    assertThat(count(html, "<g class=\"lineage-node")).isEqualTo(2 + 3 * 5 + 2);
  }

  @Test
  void read_whenAFileIsMissingNotJsonOrNotARecord_namesTheFileTheLineAndTheField() throws Exception {
    Path missing = dir.resolve("nope.json");
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\n  \"schemaVersion\": 1,\n  \"operation\": \n}");
    Path plan = dir.resolve("plan.json");
    Files.writeString(plan, "{\"changes\": []}");
    Path newer = dir.resolve("newer.json");
    Files.writeString(newer, "{\"schemaVersion\": 2, \"operation\": \"safeDeploy\"}");
    Path empty = Files.createDirectories(dir.resolve("empty"));

    assertThatThrownBy(() -> new RecordReader().read(List.of(missing))).isInstanceOf(ReportInputException.class)
        .hasMessageStartingWith(missing + ": no such file");
    assertThatThrownBy(() -> new RecordReader().read(List.of(broken))).hasMessageStartingWith(broken + ": line 4, column")
        .hasMessageContaining("not JSON");
    assertThatThrownBy(() -> new RecordReader().read(List.of(plan)))
        .hasMessage(plan + ": field schemaVersion: expected the record format's version (1); this is not a deployment record");
    assertThatThrownBy(() -> new RecordReader().read(List.of(newer))).hasMessageContaining("field schemaVersion: expected 1, found 2");
    assertThatThrownBy(() -> new RecordReader().read(List.of(empty))).hasMessageStartingWith(empty + ": the folder holds no deployment record");
  }
}
