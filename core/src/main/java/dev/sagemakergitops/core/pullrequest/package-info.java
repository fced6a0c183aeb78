/**
 * Pull requests: where users already look. The plan is written on a pull request as one comment
 * that later runs edit, and the bump and revert branches the tool writes are opened as pull
 * requests, on GitHub, GitLab or CodeCommit ({@link dev.sagemakergitops.core.pullrequest.PullRequestHost}).
 *
 * <h2>Hosts</h2>
 *
 * <p>{@link dev.sagemakergitops.core.pullrequest.PullRequestHosts#create} builds a host from its kind
 * and the CI's environment (a map passed in; this package never reads the process's environment):
 *
 * <ul>
 *   <li><b>GitHub</b> ({@link dev.sagemakergitops.core.pullrequest.GitHubPullRequests}):
 *       {@code GITHUB_TOKEN} (a token with {@code pull-requests: write} and {@code issues: write}),
 *       {@code GITHUB_REPOSITORY} ({@code owner/name}) and {@code GITHUB_API_URL} (GitHub Enterprise
 *       Server's {@code https://HOST/api/v3}; default {@code https://api.github.com}). GitHub Actions
 *       sets all three.
 *   <li><b>GitLab</b> ({@link dev.sagemakergitops.core.pullrequest.GitLabMergeRequests}): {@code CI_API_V4_URL}
 *       and {@code CI_PROJECT_ID} (GitLab CI sets both), and a token in {@code GITLAB_TOKEN}: a project,
 *       group or personal access token with the {@code api} scope, kept as a masked CI/CD variable.
 *       Not {@code CI_JOB_TOKEN}: GitLab's job token may only call a short list of endpoints (packages,
 *       releases, the job's own artifacts), which does not include notes or merge requests, so a
 *       comment written with it would always be refused (docs.gitlab.com/ci/jobs/ci_job_token/).
 *       The token travels in {@code PRIVATE-TOKEN}.
 *   <li><b>CodeCommit</b> ({@link dev.sagemakergitops.core.pullrequest.CodeCommitPullRequests}): the AWS
 *       SDK's {@code codecommit} client with the usual credential and region chains and the tool's
 *       endpoint override ({@link dev.sagemakergitops.core.pullrequest.PullRequestHostSettings#aws()});
 *       the repository from {@code --codecommit-repository}, else from CodeBuild's
 *       {@code CODEBUILD_SOURCE_REPO_URL} ({@code https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME}
 *       or {@code codecommit::REGION://NAME}), whose region is used when none is configured. IAM
 *       actions: {@code codecommit:GetPullRequest}, {@code GetCommentsForPullRequest},
 *       {@code PostCommentForPullRequest}, {@code UpdateComment}; to open pull requests also
 *       {@code ListPullRequests}, {@code CreatePullRequest}, {@code UpdatePullRequestTitle},
 *       {@code UpdatePullRequestDescription}.
 * </ul>
 *
 * <p>GitHub's and GitLab's REST APIs are called with the JDK's {@code java.net.http.HttpClient} and
 * Jackson ({@code JsonOverHttp}): the handful of JSON calls with a token header and page links these
 * hosts need do not justify a client library of each API's size (and the well-kept Java clients
 * for GitHub and GitLab each bring their own HTTP stack and object model).
 *
 * <h2>The comment and its marker</h2>
 *
 * <p>{@code upsertComment} writes the marker (a hidden HTML comment) as the body's first line, and
 * finds its comment again as the one whose first line is that marker; it lists every page of the
 * pull request's comments (GitHub: 100 a page, following {@code Link: rel="next"}; GitLab: 100 a
 * page, following {@code X-Next-Page}, never a system note; CodeCommit: every page of
 * {@code GetCommentsForPullRequest}, never a deleted comment). A comment that
 * merely quotes the marker further down is not taken for it, and no other comment is changed. A
 * body over the host's limit (GitHub: 65,536 characters; GitLab: 1,000,000; CodeCommit: 10,240) is cut, keeping the marker, with a note.
 *
 * <p>{@code openOrUpdate} looks for an open pull request from the source branch into the target
 * branch (GitHub: {@code head=OWNER:BRANCH&base=..}; GitLab: {@code source_branch}/{@code target_branch};
 * CodeCommit: every open pull request's target) and replaces its title and description, or opens one.
 *
 * <h2>Which pull request</h2>
 *
 * <p>{@link dev.sagemakergitops.core.pullrequest.PullRequestLocator}: the number given, else GitHub
 * Actions' event file ({@code GITHUB_EVENT_PATH}, {@code pull_request.number}), CodeBuild's
 * {@code CODEBUILD_WEBHOOK_TRIGGER} ({@code pr/N}), Jenkins' {@code CHANGE_ID}, GitLab's
 * {@code CI_MERGE_REQUEST_IID}, in that order.
 *
 * <h2>Secrets</h2>
 *
 * <p>A token lives only in the request header that carries it: not in a field's {@code toString},
 * an exception's message (which names host, method, path and the host's answer) or a result.
 *
 * <h2>Branches pushed and pull requests opened</h2>
 *
 * <p>{@link dev.sagemakergitops.core.pullrequest.BranchPublisher} ends the bump and revert flows:
 * it pushes the branch ({@code GitRepository.push}) and opens or updates its pull request through
 * the host, with the base branch named by the caller or the CI's variables. The texts are
 * {@link dev.sagemakergitops.core.pullrequest.PullRequestTexts}'s: a bump names the model, the
 * version and its evaluation metrics ({@link dev.sagemakergitops.core.pullrequest.EvaluationReport}),
 * the manifest, the training job and the image; a revert names the endpoint, SageMaker's rollback,
 * its reason and alarms, and the commit reverted. What they say is read with read-only calls by
 * {@link dev.sagemakergitops.core.pullrequest.PullRequestFacts}; a fact that cannot be read is left
 * out, never a reason not to open the pull request.
 */
package dev.sagemakergitops.core.pullrequest;
