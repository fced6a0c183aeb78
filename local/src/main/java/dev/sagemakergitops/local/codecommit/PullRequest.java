package dev.sagemakergitops.local.codecommit;

import java.time.Instant;

/** One pull request: a single target (CodeCommit allows one repository per pull request). */
final class PullRequest {
  final String id;
  final String repositoryName;
  final String sourceReference;
  final String destinationReference;
  final String authorArn;
  final Instant created;
  final String clientRequestToken;
  /** The destination's tip when the pull request was created: the "before" commit of its comments. */
  final String destinationCommit;
  String sourceCommit;
  String title;
  String description;
  String status = "OPEN";
  Instant lastActivity;
  int revision = 1;

  PullRequest(String id, String repositoryName, String sourceReference, String destinationReference,
      String sourceCommit, String destinationCommit, String title, String description, String authorArn,
      Instant created, String clientRequestToken) {
    this.id = id;
    this.repositoryName = repositoryName;
    this.sourceReference = sourceReference;
    this.destinationReference = destinationReference;
    this.sourceCommit = sourceCommit;
    this.destinationCommit = destinationCommit;
    this.title = title;
    this.description = description;
    this.authorArn = authorArn;
    this.created = created;
    this.lastActivity = created;
    this.clientRequestToken = clientRequestToken;
  }
}
