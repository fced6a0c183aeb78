package dev.sagemakergitops.core.validate;

import dev.sagemakergitops.core.manifest.ManifestProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules that span the manifests of one commit: a manifest's name is unique in the repository, and
 * no two manifests deploy to the same endpoint (they would undo each other on every merge).
 */
final class ManifestSetChecks {
  private ManifestSetChecks() {}

  /**
   * @param defaultRegion the region a manifest without {@code spec.region} deploys to
   */
  static List<ManifestProblem> check(List<LoadedManifest> manifests, String defaultRegion) {
    List<ManifestProblem> problems = new ArrayList<>();
    Map<String, LoadedManifest> byName = new HashMap<>();
    Map<String, LoadedManifest> byEndpoint = new HashMap<>();
    for (LoadedManifest loaded : manifests) {
      var manifest = loaded.manifest();
      LoadedManifest first = byName.putIfAbsent(manifest.name(), loaded);
      if (first != null) {
        problems.add(loaded.problemAt("metadata.name", "the name '" + manifest.name() + "' is already used by "
            + first.manifest().source().path() + "; names are unique in a repository, so rename one of them"));
      }
      var endpoint = manifest.spec().endpoint();
      if (endpoint != null) {
        String region = manifest.spec().region() != null ? manifest.spec().region() : defaultRegion;
        String key = region + "/" + endpoint.name().toLowerCase(java.util.Locale.ROOT);
        LoadedManifest owner = byEndpoint.putIfAbsent(key, loaded);
        if (owner != null) {
          problems.add(loaded.problemAt("spec.endpoint.name", "the endpoint '" + endpoint.name() + "' in " + region
              + " is already deployed by " + owner.manifest().source().path() + " (endpoint names are"
              + " case-insensitive); each endpoint belongs to exactly one manifest"));
        }
      }
    }
    return problems;
  }
}
