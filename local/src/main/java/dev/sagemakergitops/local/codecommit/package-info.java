/**
 * AWS CodeCommit, locally: repositories, pull requests and their general comments, enough for the
 * tool to write its plan on a pull request and open the pull requests of its bump and revert
 * branches.
 *
 * <p>{@link dev.sagemakergitops.local.codecommit.CodeCommitService} serves AWS JSON 1.1 under
 * {@code CodeCommit_20150413} (model name {@code codecommit}; request constraints, required members
 * and lengths from botocore's {@code codecommit/2015-04-13} model, bundled as
 * {@code service-models/codecommit.json}): {@code CreateRepository}, {@code CreatePullRequest},
 * {@code GetPullRequest}, {@code ListPullRequests}, {@code UpdatePullRequestTitle},
 * {@code UpdatePullRequestDescription}, {@code PostCommentForPullRequest}, {@code UpdateComment} and
 * {@code GetCommentsForPullRequest}. Every other CodeCommit operation is refused with
 * {@code UnknownOperationException}. Sources: the botocore doc strings of those operations and of
 * their error shapes, and the CodeCommit API Reference
 * (docs.aws.amazon.com/codecommit/latest/APIReference/).
 *
 * <h2>Branches</h2>
 *
 * <p>The control plane keeps no Git objects. A branch is a name and a commit id, set by
 * {@code pushBranch} (what a {@code git push} to the repository would do); the first branch becomes
 * the repository's {@code defaultBranch} ("the first branch pushed", CodeCommit User Guide, working
 * with branches). Branch names are taken bare ({@code main}) or as references
 * ({@code refs/heads/main}) and answered as references, as CodeCommit answers
 * {@code sourceReference}; other reference kinds answer {@code ReferenceTypeNotSupportedException}.
 *
 * <h2>Pull requests</h2>
 *
 * <ul>
 *   <li>ids are decimal numbers counted from 1 per region ("system-generated ID", botocore
 *       {@code PullRequestId}; CodeCommit's ids are small decimal numbers);
 *   <li>{@code CreatePullRequest}: a blank title is {@code TitleRequiredException}; no target is
 *       {@code TargetsRequiredException}; more than one is
 *       {@code MultipleRepositoriesInPullRequestException}; a target without
 *       {@code destinationReference} is {@code InvalidTargetsException} (botocore: "each target object
 *       must contain the full values for the repository name, source branch, and destination branch";
 *       the model marks the member optional, and the harder reading is taken); a missing branch is
 *       {@code ReferenceDoesNotExistException}; the same source and destination are
 *       {@code SourceAndDestinationAreSameException}; an unknown repository is
 *       {@code RepositoryDoesNotExistException}; a repeated {@code clientRequestToken} answers the pull
 *       request it created (botocore: idempotency token). The target records the two branches' tips:
 *       {@code sourceCommit}, and {@code destinationCommit} (the "before" commit of comments). A push
 *       to the source branch of an open pull request moves its {@code sourceCommit} to the new tip
 *       (botocore {@code PullRequestTarget.sourceCommit}: "If the pull request branch is updated by a
 *       push while the pull request is open, the commit ID changes to reflect the new tip of the
 *       branch"), counts as its last activity and gives it a new {@code revisionId}. botocore
 *       says only that a revision id is "system-generated" and that a stale one is
 *       {@code RevisionNotCurrentException} ("Use GetPullRequest to retrieve the current revision
 *       ID"), not which changes make a new one: here every change of a pull request does, the
 *       reading harder on a caller that keeps a revision id.
 *       {@code destinationCommit} stays the tip at creation: botocore's "the tip of the destination
 *       branch ... where the pull request was or will be merged" does not say it follows later pushes
 *       to the destination;
 *   <li>{@code ListPullRequests} filters by {@code pullRequestStatus} and {@code authorArn} and pages
 *       with {@code maxResults} (at least 1: "a non-zero, non-negative integer",
 *       {@code InvalidMaxResultsException}; 100 when absent, which botocore does not say) and an
 *       opaque {@code nextToken} ({@code InvalidContinuationTokenException});
 *   <li>{@code GetPullRequest} and every call naming a pull request: a non-numeric id is
 *       {@code InvalidPullRequestIdException}, an unknown one {@code PullRequestDoesNotExistException};
 *       {@code UpdatePullRequestTitle}/{@code Description} of a closed one would be
 *       {@code PullRequestAlreadyClosedException} (nothing here closes one yet).
 * </ul>
 *
 * <h2>Comments</h2>
 *
 * <ul>
 *   <li>{@code PostCommentForPullRequest} needs the pull request's repository
 *       ({@code RepositoryNotAssociatedWithPullRequestException}), two different commits
 *       ({@code BeforeCommitIdAndAfterCommitIdAreSameException}) that are 40 hexadecimal digits
 *       ({@code InvalidCommitIdException}) and that a branch of the repository has pointed at
 *       ({@code CommitDoesNotExistException}); content that is empty is
 *       {@code CommentContentRequiredException}, longer than 10,240 characters
 *       {@code CommentContentSizeLimitExceededException} ("Comments are limited to 10,240 characters",
 *       botocore). Comments on a file {@code location} are not served (refused as not implemented);
 *   <li>{@code UpdateComment}: an unknown id is {@code CommentDoesNotExistException}; a comment of
 *       another author is {@code CommentNotCreatedByCallerException} ("Only comment authors can modify
 *       or delete their comments", botocore); the same content limits apply;
 *   <li>{@code GetCommentsForPullRequest} answers comments oldest first, grouped by the two commits
 *       they were made between, {@code maxResults} 100 by default and at most 500 (botocore: "The
 *       default is 100 comments. You can return up to 500 comments with a single request."), the
 *       page counted in comments. {@code repositoryName}, {@code beforeCommitId} and
 *       {@code afterCommitId} narrow it and go together (botocore: "Requirement is conditional").
 * </ul>
 *
 * <h2>Identity</h2>
 *
 * <p>The control plane does not tell callers apart: every call is made as
 * {@code arn:aws:iam::ACCOUNT:user/local}, the author of what the calls create. A comment by
 * someone else is put with {@code postCommentAs}, for tests of "leave others' comments alone".
 */
package dev.sagemakergitops.local.codecommit;
