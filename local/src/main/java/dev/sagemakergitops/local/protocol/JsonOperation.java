package dev.sagemakergitops.local.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One operation of an AWS JSON 1.1 service: input document in, output document out, or an {@link AwsServiceException}. */
@FunctionalInterface
public interface JsonOperation {
  JsonNode invoke(ObjectNode input, RequestContext context);
}
