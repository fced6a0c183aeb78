package dev.sagemakergitops.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sagemakergitops.local.protocol.RequestContext;

/**
 * A scenario control reachable at {@code POST /_local/actions/<name>} with a JSON body, mirroring a
 * Java method of the service that registered it (for example failing a training job), so that tools
 * outside the JVM (the AWS CLI tests, a person with curl) can steer the simulation too.
 */
@FunctionalInterface
public interface AdminAction {
  JsonNode run(JsonNode arguments, RequestContext context);
}
