/**
 * The AWS gateways: one small class per question the project asks AWS, over the AWS SDK for Java v2
 * clients that {@link dev.sagemakergitops.core.aws.AwsClients} builds, and the one place that reads
 * AWS's error answers.
 *
 * <h2>Not found is an empty answer</h2>
 *
 * <p>Each AWS resource family the operations use has a gateway whose lookups return
 * {@link java.util.Optional#empty()} when the resource does not exist, so no caller catches a
 * service exception to learn that:
 *
 * <ul>
 *   <li>{@link dev.sagemakergitops.core.aws.SageMakerHosting}: models, endpoint configurations,
 *       endpoints and inference experiments, and deletes of models and configurations where one
 *       already gone is no error;
 *   <li>{@link dev.sagemakergitops.core.aws.SageMakerTrainingJobs},
 *       {@link dev.sagemakergitops.core.aws.SageMakerTransformJobs}: jobs by name, and a stop that
 *       needs no job (a missing or ended job needs no stop);
 *   <li>{@link dev.sagemakergitops.core.aws.SageMakerModelPackages}: model package groups and
 *       versions;
 *   <li>{@link dev.sagemakergitops.core.aws.S3Objects}: objects by bucket and key; a bucket in
 *       another region (S3's 301 {@code PermanentRedirect}) comes out as
 *       {@link dev.sagemakergitops.core.aws.S3BucketInAnotherRegion}, never followed, for the caller to
 *       refuse at the manifest field that names the object;
 *   <li>{@link dev.sagemakergitops.core.aws.VariantScalingTargets}: removing the Application Auto
 *       Scaling policies and targets of endpoint variants, where one already gone is no error.
 * </ul>
 *
 * <p>How each service says "not found" is read once: SageMaker's conventions (a
 * {@code ValidationException} "Could not find ...", "Requested resource not found.", "... does not
 * exist."; {@code ResourceNotFound} where botocore models it), "already exists" and "in progress" in
 * {@link dev.sagemakergitops.core.aws.SageMakerErrors}; Application Auto Scaling's
 * {@code ObjectNotFoundException} and S3's 404 in {@code NotFound}. Which failures deserve another
 * poll ({@link dev.sagemakergitops.core.aws.TransientFailures}) and how a dependency a run just
 * created is waited for ({@link dev.sagemakergitops.core.aws.EventualConsistency}) are here for the
 * same reason: they read AWS's answers, not an operation's.
 *
 * <h2>What validate and plan call is read-only</h2>
 *
 * <p>The lookups below create, change and delete nothing. That is what lets {@code validate} and
 * {@code plan} run on a pull request with a read-only role, and what makes "validate everything
 * before the first mutating call" true by construction. (The operations' gateways above also carry
 * the calls whose answers need AWS's error words, {@code CreateTrainingJob}, the stops, deletes and
 * removals; validate and plan never use them.) The complete list of calls validate and plan make, which is
 * also the IAM policy a validating role needs:
 *
 * <table>
 *   <caption>Gateways and the calls they make</caption>
 *   <tr><th>Gateway</th><th>Calls</th><th>IAM action</th></tr>
 *   <tr><td>{@link dev.sagemakergitops.core.aws.ImagePinner}</td>
 *       <td>ECR {@code DescribeImages}: one per (registry, region, repository) and 100 image ids;
 *           more only to pin down which ids are missing (bisection, see the class)</td>
 *       <td>{@code ecr:DescribeImages}</td></tr>
 *   <tr><td>{@link dev.sagemakergitops.core.aws.ImageRetention} (deploy, before it creates the model)</td>
 *       <td>ECR {@code DescribeImages} (the pinned digest's tags), {@code DescribeRepositories} (tag
 *           mutability), {@code GetLifecyclePolicy} (rules on untagged images): one each</td>
 *       <td>{@code ecr:DescribeImages}, {@code ecr:DescribeRepositories}, {@code ecr:GetLifecyclePolicy}</td></tr>
 *   <tr><td>{@link dev.sagemakergitops.core.aws.ModelPackageLookup}</td>
 *       <td>SageMaker {@code DescribeModelPackageGroup} (once per group), {@code DescribeModelPackage}
 *           (by package ARN)</td>
 *       <td>{@code sagemaker:DescribeModelPackageGroup}, {@code sagemaker:DescribeModelPackage}</td></tr>
 *   <tr><td>{@link dev.sagemakergitops.core.aws.AlarmLookup}</td>
 *       <td>CloudWatch {@code DescribeAlarms}: one per 100 names</td>
 *       <td>{@code cloudwatch:DescribeAlarms}</td></tr>
 *   <tr><td>{@link dev.sagemakergitops.core.aws.SharedAlarmReads} (deploy, during bakes)</td>
 *       <td>CloudWatch {@code DescribeAlarms} through {@code AlarmLookup}: one read, at most 5 seconds
 *           old, for the looks of every deployment of a command that bakes then</td>
 *       <td>{@code cloudwatch:DescribeAlarms}</td></tr>
 *   <tr><td>{@link dev.sagemakergitops.core.aws.AwsClients} (only with a role to assume)</td>
 *       <td>STS {@code AssumeRole}, again before the session expires</td>
 *       <td>{@code sts:AssumeRole} on the role</td></tr>
 * </table>
 *
 * <h2>AWS conventions honoured</h2>
 *
 * <ul>
 *   <li><b>Credentials</b>: the SDK's default chain (system properties, {@code AWS_ACCESS_KEY_ID} /
 *       {@code AWS_SECRET_ACCESS_KEY} / {@code AWS_SESSION_TOKEN}, web identity, {@code AWS_PROFILE} and
 *       {@code ~/.aws}, SSO, process credentials, container and instance roles), or the named profile
 *       of {@link dev.sagemakergitops.core.aws.AwsSettings#profile()} with everything a profile may
 *       say ({@code role_arn} with {@code source_profile}, {@code credential_process}, SSO).
 *   <li><b>Role assumption</b>: with {@link dev.sagemakergitops.core.aws.AwsSettings#roleArn()} the
 *       base credentials assume that role through {@code StsAssumeRoleCredentialsProvider}, with the
 *       session name and external id of the settings; the session is refreshed before it expires.
 *   <li><b>Region</b>: {@link dev.sagemakergitops.core.aws.AwsSettings#region()}, else the SDK's
 *       {@code DefaultAwsRegionProviderChain} ({@code aws.region}, {@code AWS_REGION}, the profile's
 *       {@code region}, instance metadata). A resource lives in one region and is asked about there:
 *       an image in {@code us-west-2} is looked up by an ECR client in {@code us-west-2} even when the
 *       run's region is {@code us-east-1}.
 *   <li><b>Endpoints</b>: the AWS SDK for Java 2.40.2 itself honours, per client and in this order, the
 *       system properties {@code aws.endpointUrl<Service>} and {@code aws.endpointUrl}, the environment
 *       variables {@code AWS_ENDPOINT_URL_<SERVICE>} ({@code AWS_ENDPOINT_URL_ECR},
 *       {@code AWS_ENDPOINT_URL_SAGEMAKER}, {@code AWS_ENDPOINT_URL_CLOUDWATCH},
 *       {@code AWS_ENDPOINT_URL_STS}) and {@code AWS_ENDPOINT_URL}, and the profile's {@code services}
 *       section and {@code endpoint_url} ({@code software.amazon.awssdk.awscore.endpoint.AwsClientEndpointProvider});
 *       this package relies on that rather than re-reading the variables. An explicit
 *       {@link dev.sagemakergitops.core.aws.AwsSettings#endpointUrl()} overrides all of them for
 *       every service (one local emulator serves them all). The SDK does not implement
 *       {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS}.
 *   <li><b>Retries</b>: the {@code standard} retry mode (up to 3 attempts, exponential back-off with
 *       jitter on throttling, 5xx and transient network errors, bounded by a retry quota), unless
 *       {@code AWS_RETRY_MODE} or the profile's {@code retry_mode} asks for {@code adaptive} (which
 *       adds a client-side rate limiter) or {@code legacy}. Clients built with
 *       {@link dev.sagemakergitops.core.aws.ClientRateLimits} (a parallel sync) default to
 *       {@code adaptive_v2} instead, and every request attempt first takes a token from the
 *       process's bucket for its service and region (defaults and sources in that class, and in
 *       docs/operations.md, "Rate limits").
 *   <li><b>HTTP</b>: the JDK's {@code HttpURLConnection} through {@code UrlConnectionHttpClient}, the
 *       SDK client with the cheapest start-up, one instance shared by all clients of a run. It
 *       honours the JVM's {@code http(s).proxyHost} properties and {@code HTTP(S)_PROXY} variables by
 *       itself; a CI system that keeps its own proxy settings (Jenkins) passes them as an
 *       {@link dev.sagemakergitops.core.aws.HttpProxy} ({@code AwsAccess.withProxy}), which then
 *       replaces those.
 * </ul>
 *
 * <h2>Invoking an endpoint</h2>
 *
 * <p>{@link dev.sagemakergitops.core.aws.EndpointInvocations} sends one {@code InvokeEndpoint}
 * (SageMaker Runtime, {@link dev.sagemakergitops.core.aws.AwsClients#sageMakerRuntime}) for the
 * smoke tests after a deploy: {@code TargetVariant}, {@code TargetModel}, content type and accept as
 * given. It answers the model's status ({@code OriginalStatusCode} of a {@code ModelError}), content
 * type, body and the variant that answered, or SageMaker's own refusal ({@code ValidationError});
 * transient failures are thrown for a retry. It runs the model and changes nothing; request and
 * answer bodies are the caller's to keep out of logs.
 *
 * <h2>Results and secrets</h2>
 *
 * <p>An answer about a resource (missing image, missing package version, access denied) is a value
 * with a message for the manifest's author, so validation reports every problem at once. Where a
 * gateway's contract leaves no room for such a value ({@link dev.sagemakergitops.core.aws.AlarmLookup})
 * it throws {@link dev.sagemakergitops.core.aws.AwsCallException}. Messages carry AWS's error code,
 * the service's own text and the request id, never a key, token or container environment; no
 * settings, result or client object holds or prints a credential.
 */
package dev.sagemakergitops.core.aws;
