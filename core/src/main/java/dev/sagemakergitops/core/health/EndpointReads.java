package dev.sagemakergitops.core.health;

import dev.sagemakergitops.core.aws.SageMakerHosting;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.Tag;

/**
 * What the planning of one endpoint has read, read once: its health ({@link EndpointHealthReader})
 * and then its lineage (the explanation of what it runs) both start from the endpoint's description
 * and its tags, and used to ask for each twice within the same milliseconds. Made anew for each
 * endpoint a plan reads and never kept, so the next plan, and a deploy's own pre-flight, which must
 * see AWS as it is just before it changes anything, read again.
 *
 * <p>A plain map, not a caching library: it lives for the planning of one endpoint on one thread.
 */
public final class EndpointReads {
  private final SageMakerClient sageMaker;
  private final Map<String, Optional<DescribeEndpointResponse>> endpoints = new HashMap<>();
  private final Map<String, List<Tag>> tags = new HashMap<>();

  public EndpointReads(SageMakerClient sageMaker) {
    this.sageMaker = sageMaker;
  }

  /** The client these reads go through. */
  public SageMakerClient sageMaker() {
    return sageMaker;
  }

  /** The endpoint's description, or empty when it does not exist ({@link SageMakerHosting#findEndpoint}). */
  public Optional<DescribeEndpointResponse> endpoint(String name) {
    Optional<DescribeEndpointResponse> read = endpoints.get(name);
    if (read == null) {
      read = new SageMakerHosting(sageMaker).findEndpoint(name);
      endpoints.put(name, read);
    }
    return read;
  }

  /** Every tag of the resource {@code arn} ({@code ListTags}, all pages). */
  public List<Tag> tags(String arn) {
    List<Tag> read = tags.get(arn);
    if (read == null) {
      read = List.copyOf(sageMaker.listTagsPaginator(r -> r.resourceArn(arn)).tags().stream().toList());
      tags.put(arn, read);
    }
    return read;
  }
}
