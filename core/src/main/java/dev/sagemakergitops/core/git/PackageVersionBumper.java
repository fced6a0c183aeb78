package dev.sagemakergitops.core.git;

import dev.sagemakergitops.core.input.InvalidArgumentException;
import dev.sagemakergitops.core.manifest.ManifestScalarEditor;
import dev.sagemakergitops.core.manifest.VariantModelEditor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the commit that points a manifest at a new model package version: the edit a pull request
 * after {@code registerModel} proposes. Only the value of {@code spec.model.package} changes (or,
 * with a variant, that variant's {@code model.package}); every other byte of the file, comments
 * included, stays as it was.
 */
final class PackageVersionBumper {

  static final List<String> PACKAGE_KEY_PATH = List.of("spec", "model", "package");
  static final List<String> NAME_KEY_PATH = List.of("metadata", "name");

  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private final RepositoryContext context;
  private final RefResolver resolver;
  private final CommitWriter writer;

  PackageVersionBumper(RepositoryContext context, RefResolver resolver, CommitWriter writer) {
    this.context = context;
    this.resolver = resolver;
    this.writer = writer;
  }

  CommitResult bump(String branch, String startRef, String manifestPath, String newPackage, PersonIdent author,
      String message) throws IOException {
    return bump(branch, startRef, manifestPath, null, newPackage, author, message);
  }

  /**
   * The bump of {@code variant}'s own model ({@code spec.endpoint.variants[].model.package}), or of
   * {@code spec.model.package} when {@code variant} is {@code null}. A variant that serves
   * {@code spec.model} gets a {@code model:} block of its own ({@link VariantModelEditor}).
   */
  CommitResult bump(String branch, String startRef, String manifestPath, String variant, String newPackage,
      PersonIdent author, String message) throws IOException {
    if (newPackage == null || newPackage.isBlank()) {
      throw new InvalidArgumentException("expected a model package such as churn/8 to bump " + manifestPath
          + " to; got none");
    }
    String path = RepositoryPaths.normalise(manifestPath, context.workTree());
    String branchRef = writer.branchRef(branch);
    try (ObjectInserter inserter = context.repository().newObjectInserter();
        ObjectReader reader = inserter.newReader();
        RevWalk walk = new RevWalk(reader)) {
      Ref existing = writer.currentRef(branchRef);
      RevCommit parent = writer.startCommit(walk, resolver, branchRef, existing, startRef);
      String where = "at " + (startRef != null ? "ref '" + startRef + "'" : "branch '" + CommitWriter.shortName(branchRef) + "'")
          + " (commit " + parent.abbreviate(7).name() + ") in " + context.displayName();
      String original = decode(readFile(reader, parent, path, where), path, where);
      boolean bom = original.startsWith(BYTE_ORDER_MARK);
      String yaml = bom ? original.substring(1) : original;
      String edited;
      try {
        edited = variant == null ? ManifestScalarEditor.replaceScalar(yaml, PACKAGE_KEY_PATH, newPackage.strip())
            : VariantModelEditor.setPackage(yaml, variant, newPackage.strip());
      } catch (IllegalArgumentException e) {
        throw new InvalidArgumentException(path + " " + where + ": " + e.getMessage(), e);
      }
      if (edited.equals(yaml)) {
        return new CommitResult(branchRef, parent.name(), parent.name(), List.of());
      }
      byte[] content = ((bom ? BYTE_ORDER_MARK : "") + edited).getBytes(StandardCharsets.UTF_8);
      ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content);
      ObjectId tree = writer.replaceFiles(inserter, reader, parent, Map.of(path, blob));
      String commitMessage = message != null && !message.isBlank() ? message
          : defaultMessage(yaml, path, variant, newPackage.strip());
      return writer.commit(inserter, walk, branchRef, existing, parent, tree, author, commitMessage, List.of(path));
    }
  }

  private static String defaultMessage(String yaml, String path, String variant, String newPackage) {
    String name = ManifestScalarEditor.readScalar(yaml, NAME_KEY_PATH).filter(n -> !n.isBlank()).orElse(path);
    return "Bump " + name + (variant == null ? "" : " variant " + variant) + " to model package " + newPackage;
  }

  private byte[] readFile(ObjectReader reader, RevCommit commit, String path, String where) throws IOException {
    try (TreeWalk walk = TreeWalk.forPath(context.repository(), reader, path, commit.getTree())) {
      if (walk == null || !ManifestTreeReader.isFile(walk.getFileMode(0))) {
        throw new GitPathNotFoundException(path, "manifest '" + path + "' not found " + where
            + "; expected a file path relative to the repository root, for example models/churn/prod.yaml");
      }
      return new BlobReader(reader, context).readNamed(walk.getObjectId(0), path);
    }
  }

  /** Strict UTF-8: re-encoding a lossy decode would silently change bytes the edit never meant to touch. */
  private static String decode(byte[] content, String path, String where) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidArgumentException(path + " " + where + " is not valid UTF-8; expected a UTF-8 YAML file", e);
    }
  }
}
