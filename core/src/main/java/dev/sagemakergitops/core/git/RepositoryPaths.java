package dev.sagemakergitops.core.git;

import dev.sagemakergitops.core.input.InvalidArgumentException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The paths a caller asked about, normalised to Git's form: relative to the repository root, with
 * {@code /} separators, no {@code ./} and no trailing {@code /}. An empty selection means the whole
 * tree.
 *
 * <p>Membership tests look up each ancestor folder of a path in a hash set, so they cost the depth of
 * the path, not the number of selected entries (a CI job may pass hundreds of files).
 */
final class RepositoryPaths {

  private final Set<String> entries;
  private final boolean wholeTree;

  private RepositoryPaths(Set<String> entries, boolean wholeTree) {
    this.entries = entries;
    this.wholeTree = wholeTree;
  }

  /**
   * Normalises {@code paths}. Absolute paths inside {@code workTree} are made relative to it, which
   * lets a CLI pass through what the user typed.
   *
   * @param workTree the repository's work tree, or {@code null} for a bare repository
   */
  static RepositoryPaths of(Collection<String> paths, Path workTree) {
    if (paths == null || paths.isEmpty()) {
      return new RepositoryPaths(Set.of(), true);
    }
    Set<String> normalised = new LinkedHashSet<>();
    boolean wholeTree = false;
    for (String path : paths) {
      String one = normalise(path, workTree);
      if (one.isEmpty()) {
        wholeTree = true;
      } else {
        normalised.add(one);
      }
    }
    return new RepositoryPaths(wholeTree ? Set.of() : new HashSet<>(normalised), wholeTree);
  }

  /** Normalises one path; an empty result means the repository root. */
  static String normalise(String path, Path workTree) {
    if (path == null || path.isBlank()) {
      throw new InvalidArgumentException("expected a path relative to the repository root, got an empty path");
    }
    String candidate = path.strip().replace('\\', '/');
    if (candidate.startsWith("/") || Path.of(path.strip()).isAbsolute()) {
      Path absolute = Path.of(path.strip()).toAbsolutePath().normalize();
      if (workTree == null || !absolute.startsWith(workTree.toAbsolutePath().normalize())) {
        throw new InvalidArgumentException("path '" + path + "' is outside the repository"
            + (workTree == null ? "" : " " + workTree)
            + "; expected a path relative to the repository root, for example models/churn/prod.yaml");
      }
      candidate = workTree.toAbsolutePath().normalize().relativize(absolute).toString().replace('\\', '/');
    }
    List<String> segments = new ArrayList<>();
    for (String segment : candidate.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        throw new InvalidArgumentException("path '" + path + "' contains '..'; expected a path relative to the "
            + "repository root, for example models/churn/prod.yaml");
      }
      segments.add(segment);
    }
    return String.join("/", segments);
  }

  boolean isWholeTree() {
    return wholeTree;
  }

  /** The selected entries (files or folders); empty for the whole tree. */
  Set<String> entries() {
    return entries;
  }

  /** True when {@code path} itself was selected (as opposed to a folder that holds it). */
  boolean isNamedExactly(String path) {
    return entries.contains(path);
  }

  /** The selected entry {@code path} falls under (itself or a folder above it), or {@code null}. */
  String selectingEntry(String path) {
    if (wholeTree) {
      return "";
    }
    if (entries.contains(path)) {
      return path;
    }
    for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
      String folder = path.substring(0, slash);
      if (entries.contains(folder)) {
        return folder;
      }
    }
    return null;
  }
}
