package dev.sagemakergitops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.sagemakergitops.testkit.IntegrationPhase;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The report as a browser shows it: the pages of a canary that succeeded and of an alarm rollback,
 * both written by {@code report} from records of real runs, rendered by headless Chromium (Debian's
 * {@code chromium}; .ci/run installs it). The screenshot must not be blank, and the page Chromium
 * built must show every traffic step. The screenshots are kept in {@code target/report-screenshots}
 * (docs/images holds copies of them).
 *
 * <p>Chromium missing is a failure, never a skip: a report nobody saw render proves nothing.
 *
 * <p>In the integration phase ({@link IntegrationPhase}): each page starts a headless browser, seconds of
 * a whole browser per test, like the runs of the packaged jar.
 */
@IntegrationPhase
class ReportChromiumTest extends LocalWorldTest {
  private static final Path SHOTS = Path.of("target/report-screenshots");
  private static final String WINDOW = "1280,860";

  @Test
  void report_ofACanaryThatSucceeded_rendersInChromiumWithBothTrafficSteps() throws Exception {
    ReportStory story = ReportStory.run(world, directory.resolve("records"));

    Rendered page = render(story.canary, "report-canary");

    assertNotBlank(page.screenshot());
    assertThat(page.dom()).contains("safeDeploy of endpoint churn-prod: succeeded",
        "Traffic step 1 of 2: canary 50%", "Traffic step 2 of 2: all traffic (100%)");
    assertThat(count(page.dom(), "<g class=\"step\" data-step=\"")).isEqualTo(2);
    assertThat(count(page.dom(), "class=\"alarm-look ok\"")).isPositive();
  }

  @Test
  void report_ofAnAlarmRollback_rendersInChromiumWithTheStepTheAlarmAndTheRollback() throws Exception {
    ReportStory story = ReportStory.run(world, directory.resolve("records"));

    Rendered page = render(story.rolledBack, "report-rollback");

    assertNotBlank(page.screenshot());
    assertThat(page.dom()).contains("safeDeploy of endpoint churn-prod: rolled back", "ROLLED_BACK",
        "Traffic step 1 of 2: canary 50%", "Alarms in ALARM: churn-prod-5xx", "Rolled back at ");
    assertThat(count(page.dom(), "<g class=\"step\" data-step=\"")).isEqualTo(1);
    assertThat(page.dom()).contains("<g class=\"rollback\">");
  }

  /** What Chromium made of a page: its screenshot and the DOM it built. */
  private record Rendered(BufferedImage screenshot, String dom) {}

  private Rendered render(Path record, String name) throws Exception {
    Files.createDirectories(SHOTS);
    Path html = SHOTS.resolve(name + ".html").toAbsolutePath();
    CommandLineRun report = CommandLineRun.of("report", record.toString(), "--output", html.toString());
    assertThat(report.exitCode()).as(report.err()).isZero();
    Path png = SHOTS.resolve(name + ".png").toAbsolutePath();
    Files.deleteIfExists(png);
    String chromium = chromium();
    Path profile = Files.createDirectories(directory.resolve("chromium-" + name));
    // One browser for both: headless Chromium takes the screenshot and prints the DOM it built in the
    // same run, and each start costs about 1.5 s of CPU.
    String dom = chromium(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--user-data-dir=" + profile, "--window-size=" + WINDOW, "--screenshot=" + png, "--dump-dom",
        html.toUri().toString()));
    assertThat(png).as("Chromium wrote no screenshot").exists();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("the screenshot is not a PNG ImageIO reads").isNotNull();
    return new Rendered(image, dom);
  }

  /** The browser: {@code $CHROMIUM}, else {@code chromium} on the PATH; its absence fails the test. */
  private static String chromium() {
    String configured = System.getenv("CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return fail("Chromium is not installed, and the report must be seen rendering: install Debian's chromium "
        + "(apt-get install -y chromium; .ci/run does it when it is missing) or set CHROMIUM to a Chromium binary");
  }

  private static String chromium(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(false)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("Chromium did not finish within 2 minutes: " + command);
    }
    assertThat(process.exitValue()).as("Chromium's exit code for " + command).isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  /**
   * A screenshot that shows a page: many colours (text, the outcome's badge, the charts), and
   * something drawn in every quarter of the window's width in its upper half, where the outcome,
   * the timeline and the lineage are.
   */
  private static void assertNotBlank(BufferedImage image) {
    int background = image.getRGB(2, image.getHeight() - 2);
    Set<Integer> colours = new HashSet<>();
    int[] drawnPerQuarter = new int[4];
    long drawn = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        if (rgb != (background & 0xFFFFFF)) {
          drawn++;
          if (y < image.getHeight() / 2) {
            drawnPerQuarter[Math.min(3, x * 4 / image.getWidth())]++;
          }
        }
      }
    }
    long sampled = (long) ((image.getWidth() + 1) / 2) * ((image.getHeight() + 1) / 2);
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(colours).as("distinct colours in the screenshot").hasSizeGreaterThan(50);
    assertThat(drawn * 100 / sampled).as("percent of the screenshot drawn on").isGreaterThanOrEqualTo(3);
    for (int quarter = 0; quarter < 4; quarter++) {
      assertThat(drawnPerQuarter[quarter]).as("pixels drawn in quarter " + (quarter + 1) + " of the upper half")
          .isGreaterThan(100);
    }
  }

  private static int count(String text, String literal) {
    Matcher m = Pattern.compile(Pattern.quote(literal)).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

}
