/**
 * The Git layer: what the manifests say at a commit, what changed between two commits, which commit
 * reverts which, and the commits sagemaker-gitops writes itself. Built on JGit; no {@code git}
 * executable is needed.
 *
 * <h2>Opening a repository</h2>
 *
 * <p>{@link dev.sagemakergitops.core.git.GitRepository#open(java.nio.file.Path)} accepts the work
 * tree, any folder inside it, a linked work tree, or a bare repository, so a CLI can simply pass its
 * working directory. It works with repositories as CI systems leave them: objects in packfiles, refs
 * in {@code packed-refs}, shallow clones ({@code git clone --depth N}), a detached {@code HEAD}, and
 * manifests living in a folder of a larger repository. {@code GIT_DIR} and friends are not read.
 *
 * <h2>Refs and paths</h2>
 *
 * <p>A ref is whatever {@code git rev-parse} commonly accepts: a full or short commit id, a branch,
 * a remote branch ({@code origin/main}), a tag (annotated tags are peeled), {@code HEAD},
 * {@code HEAD~2}. Each call resolves its refs once, so it reads one consistent snapshot even if a
 * branch moves meanwhile; to read several times from the same snapshot, {@code resolve} the ref and
 * pass the returned commit id. An unknown ref raises
 * {@link dev.sagemakergitops.core.git.GitRefNotFoundException}, whose message names the ref and the
 * repository and, in a shallow clone or when only {@code origin/<name>} exists, says what to do.
 *
 * <p>Paths are always relative to the repository root with {@code /} separators, whatever folder the
 * repository was opened from ({@code models/churn/prod.yaml}); absolute paths inside the work tree are
 * accepted and made relative. A path list selects files and folders; an empty list selects the whole
 * tree.
 *
 * <h2>Which files are manifests</h2>
 *
 * <p>{@link dev.sagemakergitops.core.git.ManifestFileFilter} holds the rule: a {@code .yaml} or
 * {@code .yml} file with a top-level {@code apiVersion: sagemaker-gitops/...} or
 * {@code kind: ModelDeployment}. CI workflows, {@code buildspec.yml} and other YAML in the same
 * repository are therefore ignored. A file named explicitly (not through a folder) is always
 * returned, so the loader can explain why it is not a valid manifest.
 *
 * <h2>Reading and diffing, without a checkout</h2>
 *
 * <p>{@code readManifests} and {@code diff} read blobs straight from the object database; the work
 * tree and the index are never consulted, so uncommitted edits do not leak into a plan. Each file
 * carries its blob id, which equals {@code git rev-parse <commit>:<path>} and goes into lineage tags.
 *
 * <p>{@code diff} compares the two trees (like {@code git diff base head}), skipping identical
 * subtrees by id, then credits every changed manifest to the newest commit in {@code base..head}
 * that changed it, in a single walk over those commits for all paths together; the walk stops once
 * every path is credited. Merges are credited only for paths they changed relative to every parent,
 * like {@code git log -- <path>}. In a shallow clone the boundary commits cannot be credited (their
 * parents are missing), so a change made there has no {@code lastCommit}. A rename is a removal plus
 * an addition. From 16 changed paths on, the walk runs on a thread of its own (with its own object
 * reader) while the calling thread reads both sides of every change, and {@code diff} returns when
 * both are done: on the plan benchmark's 661 changes the walk was about 140 of 220 ms of Git.
 * {@code diff(base, head, paths, meanwhile)} does the same and, once the blobs are read, runs the
 * caller's {@code meanwhile} on the changes (their {@code lastCommit} not yet known, in the order of
 * the result) on the calling thread before waiting for the walk: {@code plan} parses the manifests
 * there, so the walk hides behind the parsing. If {@code meanwhile} throws, the walk is awaited and
 * the exception passes unchanged.
 *
 * <h2>Reverts</h2>
 *
 * <p>{@code revertOf} recognises the {@code This reverts commit <id>.} line that {@code git revert}
 * and the hosting services' revert buttons write, and tells whether the reverted commit is present
 * (a shallow clone may lack it). This is how a deployment knows it is a rollback.
 *
 * <h2>Writing commits</h2>
 *
 * <p>{@code bumpPackageVersion} and {@code revertCommit} build the new tree in memory, write the
 * objects, and move one branch with a compare-and-swap ref update; the work tree, the index and
 * {@code HEAD} are left untouched, so the result is pushed and proposed as a pull request by the
 * caller. The branch checked out in the work tree is refused, since it would then look modified.
 * Author and committer are the identity passed in, at the time of the {@link java.time.Clock} the
 * repository was opened with. A bump edits only the {@code spec.model.package} scalar (see
 * {@link dev.sagemakergitops.core.manifest.ManifestScalarEditor}); a revert is the three-way merge
 * {@code git revert} performs, done by JGit's in-memory merger, and fails with
 * {@link dev.sagemakergitops.core.git.GitRevertConflictException} naming the paths when later changes
 * conflict. When the requested change is already in place, nothing is written and
 * {@link dev.sagemakergitops.core.git.CommitResult#changed()} is false.
 *
 * <h2>Pushing</h2>
 *
 * <p>{@link dev.sagemakergitops.core.git.GitRepository#push} pushes a branch the tool wrote to a
 * {@link dev.sagemakergitops.core.git.GitRemote} (a remote name, a URL, or
 * {@code codecommit::REGION://REPOSITORY}) with JGit ({@link dev.sagemakergitops.core.git.BranchPush}).
 * It forces the push only over commits sagemaker-gitops wrote (their committer is the tool's
 * identity), with a lease on the remote tip it read; a branch holding someone else's commit is left
 * alone and {@link dev.sagemakergitops.core.git.BranchPushException} says whose. Credentials
 * ({@link dev.sagemakergitops.core.git.GitCredentials}) are chosen from the remote and the
 * environment map the caller passes by {@link dev.sagemakergitops.core.git.PushCredentials}: HTTPS
 * tokens per host (a token goes only to its own host), SSH keys through JGit's Apache MINA sshd
 * transport with {@code known_hosts} honoured, and CodeCommit's SigV4 Git credentials
 * ({@link dev.sagemakergitops.core.git.CodeCommitGitSigner}, the scheme of the AWS CLI's credential
 * helper). A caller that holds credentials itself passes them instead: an SSH private key held in
 * memory ({@link dev.sagemakergitops.core.git.GitCredentials.SshPrivateKey}, such as a Jenkins SSH
 * credential), read by Apache MINA sshd's own key parsers (OpenSSH and PEM, with a passphrase),
 * never written to a file, its user used when the remote's URL names none. No credential reaches a
 * URL, the repository's configuration, a ref or reflog, or a message.
 *
 * <h2>Errors</h2>
 *
 * <p>Failures are unchecked: {@link dev.sagemakergitops.core.git.GitException} and its subclasses
 * for Git-level problems, {@link java.lang.IllegalArgumentException} for malformed input,
 * {@link java.io.UncheckedIOException} when the repository cannot be read. Messages name the
 * repository, ref and path, say what was expected, and what to do.
 */
package dev.sagemakergitops.core.git;
