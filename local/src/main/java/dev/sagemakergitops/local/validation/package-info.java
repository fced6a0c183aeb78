/**
 * Request validation the way the services do it, from the constraints in the botocore service
 * models.
 *
 * <h2>Where the constraints come from</h2>
 * {@code local/scripts/generate-service-models.py} reads the models shipped with the machine's
 * Python botocore and writes {@code service-models/<service>.json} (resources of this module): for
 * each operation the control plane serves, its input shape and every shape reachable from it, with
 * type, required members, members, list member, map key and value, enum, min, max and pattern. Each
 * file records the botocore version it was read from ({@link
 * dev.sagemakergitops.local.validation.ServiceModel#botocoreVersion()}). {@code docs/local.md},
 * "Regenerating the service models", says how to refresh them.
 *
 * <h2>Who validates</h2>
 * {@link dev.sagemakergitops.local.validation.ServiceModelValidator#bundled()} is the control plane's
 * default {@link dev.sagemakergitops.local.protocol.RequestValidator}: the dispatcher runs it on every
 * AWS JSON 1.1 request (model names {@code sagemaker}, {@code ecr}, {@code application-autoscaling},
 * as given to {@code Installation.json}) before the handler. Routes of other protocols convert the
 * request to its JSON form (member names and JSON types as in the model) and call
 * {@code validate("cloudwatch", operation, json)} or {@code validate("sagemaker-runtime", ...)}
 * themselves. An operation that is not bundled passes, so the dispatcher can answer
 * {@code UnknownOperationException}.
 *
 * <h2>What the answers look like</h2>
 * {@code ValidationException}, HTTP 400, in Coral's words (texts seen from SageMaker, CodePipeline,
 * Lambda):
 * <pre>
 * 2 validation errors detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null;
 *   Value 'a_b' at 'trainingJobName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}
 * </pre>
 * <ul>
 *   <li>Paths are lowerCamel member names joined by dots; list elements of structures are
 *       {@code productionVariants.1.member.variantName} (1-based, {@code member}).</li>
 *   <li>Constraints: {@code Member must not be null}; {@code Member must satisfy enum value set: [A, B]};
 *       {@code Member must satisfy regular expression pattern: P} (matched against the whole value);
 *       {@code Member must have length less than or equal to N} / {@code greater than or equal to N}
 *       (strings, blobs, lists, maps); {@code Member must have value less than or equal to N} /
 *       {@code greater than or equal to N} (numbers).</li>
 *   <li>A list of scalars is reported once, at the list, with all the element's constraints:
 *       {@code Member must satisfy constraint: [..., ...]}; maps likewise with
 *       {@code Map keys must satisfy constraint: [...]} and {@code Map value must satisfy constraint: [...]}.</li>
 *   <li>Values are printed as Java's {@code toString} would: text bare, lists {@code [a, b]}, objects
 *       {@code {K=v}}. For a structure this only approximates Coral, which prints its own classes.</li>
 *   <li>Order: members in the model's (alphabetical) order, depth first; for one value enum, pattern,
 *       then length or range. Coral's own order is not stable between releases (both "pattern,
 *       length" and "length, pattern" were observed), so callers should not depend on it.</li>
 *   <li>A value of the wrong JSON type (text where a number belongs, an object where a list belongs)
 *       is answered with {@code SerializationException}, HTTP 400, before any constraint, because Coral
 *       fails reading such a request before validating it; the message names the path, which
 *       Coral's does not.</li>
 * </ul>
 *
 * <h2>Patterns</h2>
 * botocore patterns are the services' own Java patterns and all of the bundled ones compile with
 * {@link java.util.regex.Pattern} (including the {@code \p{L}}, {@code \p{Print}} and look-behind
 * forms). Should a future model bring one that does not, it is listed by
 * {@link dev.sagemakergitops.local.validation.ServiceModel#skippedPatterns()} and not checked, rather
 * than failing every request that reaches it.
 *
 * <h2>Not checked</h2>
 * Unknown members are ignored (as the services do); union shapes ("exactly one member") and
 * cross-member rules (for example "an image or an algorithm name") are left to the handlers, since
 * botocore's models do not state them as constraints.
 */
package dev.sagemakergitops.local.validation;
